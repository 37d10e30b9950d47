-- Removes a session and tells the instance owning its live stream, if any, to end it.
-- KEYS: meta, log[, index]. ARGV: channel prefix, session id. Returns 1 when removed, 0 when already gone.
-- The index is passed only where it shares a slot with the session (not in Redis Cluster).
-- A meta key of the wrong type (damaged data) is removed too: unregister is how such a session is cleaned up.
local o = redis.pcall('HGET', KEYS[1], 'o')
if type(o) == 'table' and o.err then
  o = ''
end
if KEYS[3] then
  redis.call('ZREM', KEYS[3], ARGV[2])
end
if not o then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2])
if o ~= '' then
  redis.call('PUBLISH', ARGV[1] .. o, 'u\n' .. ARGV[2])
end
return 1
