-- Registers a session unless its id is taken.
-- KEYS: meta, log[, index]. ARGV: meta JSON, expiry (ms), expiry hint (epoch ms), session id.
-- The index is passed only where it shares a slot with the session (not in Redis Cluster); there the
-- caller indexes the session itself. Returns 1 when registered, 0 when the id is taken.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'm', ARGV[1], 'o', '', 't', '', 'l', '0-0', 'c', '0-0')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if KEYS[3] then
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
end
return 1
