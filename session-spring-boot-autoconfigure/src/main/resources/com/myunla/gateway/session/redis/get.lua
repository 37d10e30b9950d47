-- Reads a session's meta and slides its expiry (a get is activity).
-- KEYS: meta, log. ARGV: expiry (ms). Returns the meta JSON, or nil when the session is gone.
local m = redis.call('HGET', KEYS[1], 'm')
if not m then
  return false
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return m
