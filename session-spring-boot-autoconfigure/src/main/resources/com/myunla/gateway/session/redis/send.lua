#!lua flags=allow-cross-slot-keys
-- Appends a message to a session's log, slides its expiry and publishes it to the instance owning the
-- session's live stream, all in one step. The frame carries the owning stream's token: a stream takes only
-- frames addressed to it, so a frame published by anyone else cannot make it skip messages.
-- KEYS: meta, log. ARGV: event, data, expiry (ms), retention, channel prefix, session id, slide interval (ms),
-- registration token of the sender's handle ('' for any), nonce of this send (8 bytes), shard channel prefix
-- ('' outside a cluster).
-- Returns the new entry id, or nil when the session is gone (or is another registration than the handle's).
--
-- The Redis client sends a command again after a reconnect when the connection dropped before its reply
-- arrived, although the command may have run. 'n' holds the nonces of the session's last 32 sends, newest
-- first: a send whose nonce is among them ran already and returns the session's last entry id instead of
-- appending its message a second time. 32 nonces of 8 bytes cost 256 bytes per session and one field of
-- the HMGET and HSET that every send does anyway.
--
-- Every expiry the store sets is the ttl plus one slide interval, so a send within one interval of the last
-- slide is already covered and skips the two PEXPIREs: a busy session costs four calls per message instead
-- of six. 'x' holds the millisecond (in the log's clock) from which a send slides again. Entry ids start with
-- a 13-digit millisecond count (until the year 2286), so comparing them with 'x' as strings orders them by
-- time without parsing on the common path.
local s = redis.call('HMGET', KEYS[1], 'o', 'l', 'x', 't', 'r', 'n')
if not s[1] or (ARGV[8] ~= '' and s[5] ~= ARGV[8]) then
  return false
end
local recent = s[6] or ''
-- A plain find, then a check that the match starts on a nonce boundary: one C call instead of a Lua loop
-- over 32 substrings.
local at = string.find(recent, ARGV[9], 1, true)
while at do
  if at % 8 == 1 then
    return s[2] or ''
  end
  at = string.find(recent, ARGV[9], at + 1, true)
end
local nonces = ARGV[9] .. string.sub(recent, 1, 248)
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'p', s[2], 'e', ARGV[1], 'd', ARGV[2])
if not s[3] or id >= s[3] then
  redis.call('HSET', KEYS[1], 'l', id, 'n', nonces,
    'x', string.format('%d', tonumber(string.match(id, '^%d+')) + tonumber(ARGV[7])))
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
else
  redis.call('HSET', KEYS[1], 'l', id, 'n', nonces)
end
-- In a cluster the owner subscribes, on this node, to the shard channel named by the prefix: SPUBLISH reaches
-- it without crossing the cluster bus beyond this node's shard (a classic PUBLISH goes to every node). The
-- channel's slot is another one of this node's, which the flag above lets the script reach. When the prefix
-- comes from a stale topology (the slot is on another node now: an error, which pcall catches; the writes
-- above stay) or the owner's subscription is not here (0 receivers: failover, resharding, reconnect), the
-- frame goes to the classic channel, to which the owner subscribes too.
if s[1] ~= '' then
  local frame = 'm\n' .. ARGV[6] .. '\n' .. s[4] .. '\n' .. s[2] .. '\n' .. id .. '\n' .. ARGV[1] .. '\n' .. ARGV[2]
  local received = 0
  if ARGV[10] ~= '' then
    received = redis.pcall('SPUBLISH', ARGV[10] .. s[1], frame)
  end
  if type(received) ~= 'number' or received == 0 then
    redis.call('PUBLISH', ARGV[5] .. s[1], frame)
  end
end
return id
