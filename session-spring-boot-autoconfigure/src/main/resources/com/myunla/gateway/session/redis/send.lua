#!lua flags=allow-cross-slot-keys
-- Appends messages to sessions' logs, slides their expiry and publishes each to the instance owning its
-- session's live stream, each message in one step. The frame carries the owning stream's token: a stream takes
-- only frames addressed to it, so a frame published by anyone else cannot make it skip messages.
-- One call takes one message or a batch of them (the sends that queued while the previous call was in flight):
-- the fixed cost of a script call is then paid once for the batch. Messages are handled in order, so the
-- messages of one session keep the order they have in the call.
-- KEYS: meta and log of the first message's session, of the second's, and so on (a session may appear more than
-- once; in a cluster all in one slot). ARGV: expiry (ms), retention, channel prefix, slide interval (ms), shard
-- channel prefix ('' outside a cluster), then for each message: event, data, session id, registration token of
-- the sender's handle ('' for any), nonce of this send (8 bytes).
-- Returns one element per message: the new entry id, nil when the session is gone (or is another registration
-- than the handle's), or '!' and the error when Redis refused a command on that session's keys (a key of the
-- wrong type): a damaged session fails its own message only.
--
-- The shebang (any shebang) makes Redis check the memory limit before running the script: a call refused for
-- memory (OOM) has appended nothing, so it can be retried as a whole.
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
local expiry, retention, prefix, slide, shard = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]

local function send(meta, log, event, data, session, registration, nonce)
  local s = redis.pcall('HMGET', meta, 'o', 'l', 'x', 't', 'r', 'n')
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
  local id = s[3] and redis.pcall('XADD', log, 'NOMKSTREAM', 'MAXLEN', '~', retention, '*', 'p', s[2], 'e', event,
    'd', data)
  local created = not id
  if created then
    id = redis.pcall('XADD', log, 'MAXLEN', '~', retention, '*', 'p', s[2], 'e', event, 'd', data)
  end
  if type(id) == 'table' then
    return '!' .. id.err
  end
  local nonces = nonce .. string.sub(recent, 1, 248)
  if created or id >= s[3] then
    redis.call('HSET', meta, 'l', id, 'n', nonces,
      'x', string.format('%d', tonumber(string.match(id, '^%d+')) + slide))
    redis.call('PEXPIRE', meta, expiry)
    redis.call('PEXPIRE', log, expiry)
  else
    redis.call('HSET', meta, 'l', id, 'n', nonces)
  end
  -- In a cluster the owner subscribes, on this node, to the shard channel named by the prefix: SPUBLISH reaches
  -- it without crossing the cluster bus beyond this node's shard (a classic PUBLISH goes to every node). The
  -- channel's slot is another one of this node's, which the flag above lets the script reach. When the prefix
  -- comes from a stale topology (the slot is on another node now: an error, which pcall catches; the writes
  -- above stay) or the owner's subscription is not here (0 receivers: failover, resharding, reconnect), the
  -- frame goes to the classic channel, to which the owner subscribes too.
  if s[1] ~= '' then
    local frame = 'm\n' .. session .. '\n' .. s[4] .. '\n' .. s[2] .. '\n' .. id .. '\n' .. event .. '\n' .. data
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
  local a = 5 * m + 1
  results[m] = send(KEYS[2 * m - 1], KEYS[2 * m], ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4])
end
return results
