#!lua flags=no-writes
-- The shebang (as in every script of the store) makes a Redis Cluster refuse access to a key of another slot.
-- Reads a session's log after an entry id, for replay and catch-up.
-- KEYS: meta, log. ARGV: exclusive start id, maximum count, maximum data bytes.
-- The reply stops after the entry whose data takes the reply's beyond the maximum bytes (the first entry comes
-- whatever its size), so that a replay of large messages reaches the reading instance a buffer's worth at a
-- time; the reader takes more data than it asked for as the sign that there may be more.
-- Returns an empty list when the session is gone, else a flat list: the session's last entry id, then id,
-- previous id, event, data, headers ('' for none) for each entry. (Not nil for a gone session: the caller reads the reply as a list,
-- where nil would arrive as a list holding one null.)
local last = redis.call('HGET', KEYS[1], 'l')
if not last then
  return {}
end
local out = { last }
local room = tonumber(ARGV[3])
for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])) do
  if room < 0 then
    break
  end
  local f = entry[2]
  room = room - #f[6]
  out[#out + 1] = entry[1]
  out[#out + 1] = f[2]
  out[#out + 1] = f[4]
  out[#out + 1] = f[6]
  out[#out + 1] = f[8] or ''
end
return out
