-- Reads a session's log after an entry id, for replay and catch-up.
-- KEYS: meta, log. ARGV: exclusive start id, maximum count.
-- Returns nil when the session is gone, else a flat list: id, previous id, event, data for each entry.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return false
end
local out = {}
for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])) do
  local f = entry[2]
  out[#out + 1] = entry[1]
  out[#out + 1] = f[2]
  out[#out + 1] = f[4]
  out[#out + 1] = f[6]
end
return out
