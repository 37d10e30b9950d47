#!lua flags=allow-oom
-- Called when a live stream ends: advances the delivered cursor (never beyond the last log entry) and gives
-- up ownership if the stream still holds it.
-- KEYS: meta. ARGV: stream token, id of the last message the stream delivered.
-- Returns 1, or 0 when the session is gone.
-- Runs also while Redis is out of memory (the flag): it only overwrites fields with values of the same size,
-- and a stream that ends must give up its ownership.
local s = redis.call('HMGET', KEYS[1], 't', 'c', 'l')
if not s[1] then
  return 0
end
local function after(a, b)
  local ams, aseq = string.match(a, '^(%d+)-(%d+)$')
  local bms, bseq = string.match(b, '^(%d+)-(%d+)$')
  ams, aseq, bms, bseq = tonumber(ams), tonumber(aseq), tonumber(bms), tonumber(bseq)
  return ams > bms or (ams == bms and aseq > bseq)
end
-- The cursor never passes the log's last entry, whatever the stream claims to have delivered.
if after(ARGV[2], s[2]) and not after(ARGV[2], s[3]) then
  redis.call('HSET', KEYS[1], 'c', ARGV[2])
end
if s[1] == ARGV[1] then
  redis.call('HSET', KEYS[1], 'o', '', 't', '')
end
return 1
