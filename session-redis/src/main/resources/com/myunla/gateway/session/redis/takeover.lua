#!lua
-- The shebang (as in every script of the store) makes a Redis Cluster refuse access to a key of another slot.
-- Without 'allow-oom' Redis refuses the call while it is out of memory, before it writes anything.
-- Makes the calling instance's new stream the session's one live stream and tells the previous owner,
-- if any, to complete its stream. Slides the expiry.
-- KEYS: meta, log. ARGV: instance id, stream token, expiry (ms), channel prefix, session id, registration token
-- of the handle ('' for any).
-- Returns {delivered cursor, last entry id}, or an empty list when the session is gone (not nil: the caller
-- reads the reply as a list, where nil would arrive as a list holding one null). The caller compares the
-- client's last event id with the last entry id: one after it was lost by the log (a failover), and the stream
-- starts after the last entry instead.
local s = redis.call('HMGET', KEYS[1], 'o', 't', 'c', 'l', 'r')
if not s[1] or (ARGV[6] ~= '' and s[5] ~= ARGV[6]) then
  return {}
end
redis.call('HSET', KEYS[1], 'o', ARGV[1], 't', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
-- The frame names the replaced stream's token: its owner completes exactly that stream, also when the frame
-- overtakes the reply of the takeover that created it.
if s[1] ~= '' and s[2] ~= ARGV[2] then
  redis.call('PUBLISH', ARGV[4] .. s[1], 'c\n' .. ARGV[5] .. '\n' .. ARGV[2] .. '\n' .. s[2])
end
return {s[3], s[4]}
