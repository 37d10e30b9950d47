#!lua flags=allow-oom
-- Removes a session and tells the instance owning its live stream, if any, to end it.
-- KEYS: meta, log[, index]. ARGV: channel prefix, session id, registration token of the handle ('' for any),
-- shard channel prefix in the session's slot ('' outside a cluster).
-- Returns 1 when removed, 0 when already gone (or another registration than the handle's, left alone).
-- The index is passed only where it shares a slot with the session (not in Redis Cluster).
-- A meta key of the wrong type (damaged data) is removed too: unregister is how such a session is cleaned up.
-- Runs also while Redis is out of memory (allow-oom): it only deletes, and deleting is how memory is freed.
local s = redis.pcall('HMGET', KEYS[1], 'o', 'r')
local o
if s.err then
  o = ''
else
  o = s[1]
  if o and ARGV[3] ~= '' and s[2] ~= ARGV[3] then
    return 0
  end
end
if KEYS[3] then
  redis.call('ZREM', KEYS[3], ARGV[2])
end
if not o then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2])
-- The frame takes the way send.lua's message frames take (see there), so that it follows them in order: a
-- stream ends after the messages sent before the session was removed.
if o ~= '' then
  local received = 0
  if ARGV[4] ~= '' then
    received = redis.pcall('SPUBLISH', ARGV[4] .. o, 'u\n' .. ARGV[2])
  end
  if type(received) ~= 'number' or received == 0 then
    redis.call('PUBLISH', ARGV[1] .. o, 'u\n' .. ARGV[2])
  end
end
return 1
