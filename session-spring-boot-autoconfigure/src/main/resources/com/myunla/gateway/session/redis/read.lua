-- Reads a session's log after an entry id, for replay and catch-up.
-- KEYS: meta, log. ARGV: exclusive start id, maximum count.
-- Returns an empty list when the session is gone, else a flat list: the session's last entry id, then id,
-- previous id, event, data for each entry. (Not nil for a gone session: the caller reads the reply as a list,
-- where nil would arrive as a list holding one null.)
local last = redis.call('HGET', KEYS[1], 'l')
if not last then
  return {}
end
local out = { last }
for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])) do
  local f = entry[2]
  out[#out + 1] = entry[1]
  out[#out + 1] = f[2]
  out[#out + 1] = f[4]
  out[#out + 1] = f[6]
end
return out
