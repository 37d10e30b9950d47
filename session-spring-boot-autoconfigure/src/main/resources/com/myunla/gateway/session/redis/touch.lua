-- Slides a session's expiry (activity: a get, or an open stream) and reads one field of its meta hash:
-- 'm' (the Meta JSON) for a get, 't' (the owning stream's token, '' for none) for an open stream's check.
-- KEYS: meta, log. ARGV: expiry (ms), field. Returns the field, or nil when the session is gone.
local v = redis.call('HGET', KEYS[1], ARGV[2])
if not v then
  return false
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return v
