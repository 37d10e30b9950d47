-- Removes a session and tells the instance owning its live stream, if any, to end it.
-- KEYS: meta, log. ARGV: channel prefix, session id. Returns 1 when removed, 0 when already gone.
local o = redis.call('HGET', KEYS[1], 'o')
if not o then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2])
if o ~= '' then
  redis.call('PUBLISH', ARGV[1] .. o, 'u\n' .. ARGV[2])
end
return 1
