#!lua
-- The shebang makes Redis refuse the whole call while it is out of memory (OOM, over 'maxmemory' with nothing
-- to evict). Without it Redis checks memory only at a script's first write, and the DEL below (a write that
-- needs no memory) let the rest through: a new session would take memory Redis does not have.
-- Registers a session unless its id is taken.
-- KEYS: meta, log[, index]. ARGV: meta JSON, expiry (ms), registration token, expiry hint (epoch ms),
-- session id. The index is passed only where it shares a slot with the session (not in Redis Cluster); there
-- the caller indexes the session itself. Returns 1 when registered (also when this very registration, with
-- its token, ran before: a retry), 0 when the id is taken.
-- The registration token ('r') tells this registration from a later one under the same id: handles carry it,
-- and the scripts acting through a handle check it.
if redis.call('EXISTS', KEYS[1]) == 1 then
  if redis.call('HGET', KEYS[1], 'r') == ARGV[3] then
    return 1
  end
  return 0
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'm', ARGV[1], 'o', '', 't', '', 'l', '0-0', 'c', '0-0', 'r', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if KEYS[3] then
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
end
return 1
