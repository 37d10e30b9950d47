-- Appends a message to a session's log, slides its expiry and publishes it to the instance owning the
-- session's live stream, all in one step.
-- KEYS: meta, log. ARGV: event, data, ttl (ms), retention, channel prefix, session id.
-- Returns the new entry id, or nil when the session is gone.
local s = redis.call('HMGET', KEYS[1], 'o', 'l')
if not s[1] then
  return false
end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'p', s[2], 'e', ARGV[1], 'd', ARGV[2])
redis.call('HSET', KEYS[1], 'l', id)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
if s[1] ~= '' then
  redis.call('PUBLISH', ARGV[5] .. s[1], 'm\n' .. ARGV[6] .. '\n' .. s[2] .. '\n' .. id .. '\n' .. ARGV[1] .. '\n' .. ARGV[2])
end
return id
