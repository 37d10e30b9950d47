-- Registers a session unless its id is taken.
-- KEYS: meta, log. ARGV: meta JSON, ttl (ms). Returns 1 when registered, 0 when the id is taken.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'm', ARGV[1], 'o', '', 't', '', 'l', '0-0', 'c', '0-0')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
