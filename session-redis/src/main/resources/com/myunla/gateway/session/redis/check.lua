#!lua flags=allow-oom
-- The shebang (as in every script of the store) makes a Redis Cluster refuse access to a key of another slot.
-- 'allow-oom' lets the probe's writes reach Redis's permission check also while Redis is out of memory.
-- Checks that the store's Redis user may run what the store runs: each command the scripts and the store use,
-- on keys of the kinds the store has and on its channel. Writes only keys of a probe session whose id no real
-- session can have (it holds spaces), and removes them again in the same call, so nothing is left and no other
-- client sees them. Redis checks the user's permissions before anything else (also before its memory limit),
-- so a refusal here is a missing permission; other errors (out of memory) are not reported.
-- KEYS: the probe session's meta and log, then the session index (or, when the index lives in another slot, a
-- second call with the index alone). ARGV: this instance's channel ('' to skip the PUBLISH).
-- Returns flat triples command, key or channel, error for each refused command; empty when all are allowed.
local refused = {}
local function try(command, object, ...)
  local r = redis.pcall(command, object, ...)
  if type(r) == 'table' and r.err then
    local err = r.err
    if string.find(err, 'NOPERM', 1, true) or string.find(err, "can't", 1, true) then
      refused[#refused + 1] = command
      refused[#refused + 1] = object
      refused[#refused + 1] = err
    end
  end
end

if #KEYS >= 2 then
  local meta, log = KEYS[1], KEYS[2]
  try('EXISTS', meta)
  try('HSET', meta, 'l', '0-0')
  try('HMGET', meta, 'l')
  try('HGET', meta, 'l')
  try('PEXPIRE', meta, 60000)
  try('XADD', log, 'MAXLEN', '~', 1, '*', 'p', '0-0')
  try('XRANGE', log, '-', '+', 'COUNT', 1)
  try('PEXPIRE', log, 60000)
  try('DEL', meta, log)
end
local index = KEYS[3] or (#KEYS == 1 and KEYS[1])
if index then
  local member = 'access check'
  try('ZADD', index, -1, member)
  try('ZSCORE', index, member)
  try('ZRANK', index, member)
  try('ZCOUNT', index, '-inf', 0)
  try('ZRANGE', index, 0, 0, 'WITHSCORES')
  try('ZRANGEBYSCORE', index, -1, -1, 'LIMIT', 0, 1)
  try('ZCARD', index)
  try('ZREM', index, member)
end
if ARGV[1] ~= '' then
  try('PUBLISH', ARGV[1], '')
end
return refused
