#!lua
-- Appends messages to sessions' logs, slides their expiry and publishes each to the instance owning its
-- session's live stream, each message in one step. The frame carries the owning stream's token: a stream takes
-- only frames addressed to it, so a frame published by anyone else cannot make it skip messages.
-- One call takes one message or a batch of them (the sends that queued while the previous call was in flight):
-- the fixed cost of a script call is then paid once for the batch. Messages are handled in order, so the
-- messages of one session keep the order they have in the call.
-- KEYS: meta and log of the first message's session, of the second's, and so on (a session may appear more than
-- once; in a cluster all in one slot). ARGV: expiry (ms), retention (messages), channel prefix, slide interval
-- (ms), shard channel prefix ('' outside a cluster), retention (bytes of message data), then for each message:
-- event, data, session id, registration token of the sender's handle ('' for any), nonce of this send (8 bytes),
-- headers ('' for none: names and values alternating, separated by tabs). A message with headers gets them as
-- an extra field 'h' of its log entry and goes in an 'h' frame, the 'm' frame with the headers first.
-- Returns one element per message: the new entry id, nil when the session is gone (or is another registration
-- than the handle's), or '!' and the error when Redis refused a command on that session's keys (a key of the
-- wrong type): a damaged session fails its own message only.
--
-- The shebang (any shebang) makes Redis check the memory limit before running the script: a call refused for
-- memory (OOM) has appended nothing, so it can be retried as a whole. In a cluster it also makes Redis refuse
-- access to a key of another slot; the script touches only its sessions' slot, shard channel included.
--
-- The Redis client sends a command again after a reconnect when the connection dropped before its reply
-- arrived, although the command may have run. 'n' holds the nonces of the session's last 32 sends, newest
-- first: a send whose nonce is among them ran already and returns the session's last entry id instead of
-- appending its message a second time. 32 nonces of 8 bytes cost 256 bytes per session and one field of
-- the HMGET and HSET that every send does anyway. Each message of a batch has its own nonce, and a batch holds
-- at most 32 messages, so that every message of a repeated batch is recognised.
--
-- Every expiry the store sets is the ttl plus one slide interval, so a send within one interval of the last
-- slide is already covered and skips the two PEXPIREs: a busy session costs four calls per message instead
-- of six. 'x' holds the millisecond (in the log's clock) from which a send slides again. Entry ids start with
-- a 13-digit millisecond count (until the year 2286), so comparing them with 'x' as strings orders them by
-- time without parsing on the common path.
--
-- The log keeps the latest 'retention' messages, and no more message data than the retention in bytes. 'b' and
-- 'k' hold the data bytes and the number of the log's entries, read and written with the fields every send
-- reads and writes anyway. Only a send that takes the log beyond a bound trims it, from the oldest entry (whose
-- successor then names a trimmed entry as its previous one: a resume from before it gets a gap notice), and by
-- an eighth of the bound more than needed, so that the next sends do not trim again: the log holds from the
-- retention to an eighth more messages, and from seven eighths of the retention in bytes (less one message) to
-- all of it. The newest entry always stays.
local expiry, retention, prefix, slide, shard = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), ARGV[5]
local retentionBytes = tonumber(ARGV[6])
local keepBytes = retentionBytes - math.floor(retentionBytes / 8)
local maxCount = retention + math.floor(retention / 8)

-- Drops the log's oldest entries until it holds at most the retention's messages and seven eighths of its
-- bytes, or only its newest entry; returns the data bytes and the number of entries left.
local function trim(log, newest, size, bytes, count)
  local from = '-'
  while true do
    local entries = redis.call('XRANGE', log, from, '+', 'COUNT', 64)
    if #entries == 0 then
      return bytes, count
    end
    for _, entry in ipairs(entries) do
      if entry[1] == newest then
        -- everything else went: the counts are exact again whatever they were
        bytes, count = size, 1
      end
      if entry[1] == newest or (bytes <= keepBytes and count <= retention) then
        redis.call('XTRIM', log, 'MINID', entry[1])
        return bytes, count
      end
      bytes = bytes - #(entry[2][6] or '')
      count = count - 1
    end
    from = '(' .. entries[#entries][1]
  end
end

local function send(meta, log, event, data, session, registration, nonce, headers)
  local s = redis.pcall('HMGET', meta, 'o', 'l', 'x', 't', 'r', 'n', 'b', 'k')
  if s.err then
    return '!' .. s.err
  end
  if not s[1] or (registration ~= '' and s[5] ~= registration) then
    return false
  end
  local recent = s[6] or ''
  -- A plain find, then a check that the match starts on a nonce boundary: one C call instead of a Lua loop
  -- over 32 substrings.
  local at = string.find(recent, nonce, 1, true)
  while at do
    if at % 8 == 1 then
      return s[2] or ''
    end
    at = string.find(recent, nonce, at + 1, true)
  end
  -- Once a send slid the expiry ('x' set) the log exists, unless Redis evicted it (maxmemory with an allkeys
  -- policy): then this send creates it anew and must give it an expiry, whatever the slide interval says.
  local fields = { 'p', s[2], 'e', event, 'd', data }
  if headers ~= '' then
    fields[7], fields[8] = 'h', headers
  end
  local id = s[3] and redis.pcall('XADD', log, 'NOMKSTREAM', '*', unpack(fields))
  local created = not id
  if created then
    id = redis.pcall('XADD', log, '*', unpack(fields))
  end
  if type(id) == 'table' then
    return '!' .. id.err
  end
  -- a log created anew holds this message only, whatever the counts of an evicted one say
  local bytes, count = #data, 1
  if not created then
    bytes, count = (tonumber(s[7]) or 0) + #data, (tonumber(s[8]) or 0) + 1
  end
  if bytes > retentionBytes or count > maxCount then
    bytes, count = trim(log, id, #data, bytes, count)
  end
  local nonces = nonce .. string.sub(recent, 1, 248)
  if created or id >= s[3] then
    redis.call('HSET', meta, 'l', id, 'n', nonces, 'b', bytes, 'k', count,
      'x', string.format('%d', tonumber(string.match(id, '^%d+')) + slide))
    redis.call('PEXPIRE', meta, expiry)
    redis.call('PEXPIRE', log, expiry)
  else
    redis.call('HSET', meta, 'l', id, 'n', nonces, 'b', bytes, 'k', count)
  end
  -- In a cluster the owner subscribes to a shard channel in each slot, named by the prefix, which the caller
  -- derives from the sessions' slot: SPUBLISH reaches it from this node without crossing the cluster bus beyond
  -- this node's shard (a classic PUBLISH goes to every node). When SPUBLISH fails (an error, which pcall
  -- catches; the writes above stay) or the owner's subscription is not here (0 receivers: failover,
  -- resharding, reconnect), the frame goes to the classic channel, to which the owner subscribes too.
  if s[1] ~= '' then
    local frame = ((headers == '') and 'm\n' or ('h\n' .. headers .. '\n')) .. session .. '\n' .. s[4] .. '\n' .. s[2] .. '\n' .. id .. '\n' .. event .. '\n' .. data
    local received = 0
    if shard ~= '' then
      received = redis.pcall('SPUBLISH', shard .. s[1], frame)
    end
    if type(received) ~= 'number' or received == 0 then
      redis.call('PUBLISH', prefix .. s[1], frame)
    end
  end
  return id
end

local results = {}
for m = 1, #KEYS / 2 do
  local a = 6 * m + 1
  results[m] = send(KEYS[2 * m - 1], KEYS[2 * m], ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4],
    ARGV[a + 5])
end
return results
