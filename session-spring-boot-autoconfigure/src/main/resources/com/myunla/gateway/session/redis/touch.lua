-- Keeps a session with an open stream alive and reports which stream owns it.
-- KEYS: meta, log. ARGV: expiry (ms). Returns the owning stream's token ('' for none), or nil when gone.
local t = redis.call('HGET', KEYS[1], 't')
if not t then
  return false
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return t
