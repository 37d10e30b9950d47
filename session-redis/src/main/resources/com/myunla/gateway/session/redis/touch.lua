#!lua flags=allow-oom
-- The shebang (as in every script of the store) makes a Redis Cluster refuse access to a key of another slot.
-- Runs also while Redis is out of memory (allow-oom): sliding an expiry takes no memory.
-- Slides a session's expiry (activity: a get) and reads fields of its meta hash: 'm' (the Meta JSON) and 'r'
-- (the registration token). Open streams are checked in batches by touch_streams.lua.
-- KEYS: meta, log. ARGV: expiry (ms), field names. Returns the fields ('' for a missing one), or an empty
-- list when the session is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {}
end
local v = redis.call('HMGET', KEYS[1], unpack(ARGV, 2))
for i = 1, #v do
  if not v[i] then
    v[i] = ''
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return v
