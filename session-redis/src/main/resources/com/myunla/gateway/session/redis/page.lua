#!lua flags=no-writes
-- The shebang (as in every script of the store) makes a Redis Cluster refuse access to a key of another slot.
-- Reads one page of the session index, ordered by (score, id), after a cursor.
-- KEYS: index. ARGV: the cursor's score ('' for the first page), the cursor's id, page size.
-- Returns flat pairs id, score. Cost: O(log N + page size), independent of the number of sessions.
local function before(a, b)
  -- byte order, as Redis orders members of equal score (Lua's '<' follows the server's locale)
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
end

local index = KEYS[1]
local size = tonumber(ARGV[3])
local start = 0
if ARGV[1] ~= '' then
  local score = tonumber(ARGV[1])
  local id = ARGV[2]
  local current = redis.call('ZSCORE', index, id)
  if current and tonumber(current) == score then
    start = redis.call('ZRANK', index, id) + 1
  else
    -- The cursor's entry left the index or moved: start after every entry ordered before or at the cursor.
    start = redis.call('ZCOUNT', index, '-inf', '(' .. ARGV[1])
    local scanning = true
    while scanning do
      local entries = redis.call('ZRANGE', index, start, start + 99, 'WITHSCORES')
      scanning = #entries > 0
      for i = 1, #entries, 2 do
        if tonumber(entries[i + 1]) == score and not before(id, entries[i]) then
          start = start + 1
        else
          scanning = false
          break
        end
      end
    end
  end
end
return redis.call('ZRANGE', index, start, start + size - 1, 'WITHSCORES')
