#!lua
-- Slides the expiry of the sessions of many open streams and reads which of them each stream still owns, in
-- one call: the periodic check of an instance's idle streams.
-- KEYS: for each session its meta key and its log key. ARGV: expiry (ms), then for each session its stream's
-- token.
-- Returns one integer per session: 1 when the stream still owns the session, 0 when the session is gone or
-- another stream took it over.
-- In a cluster the caller groups sessions by slot: Redis refuses a call whose keys lie in several slots, and
-- the shebang (as in every script of the store) makes it refuse access to a key of another slot.
local owned = {}
for i = 1, #ARGV - 1 do
  local meta, log = KEYS[2 * i - 1], KEYS[2 * i]
  local t = redis.call('HGET', meta, 't')
  if t then
    redis.call('PEXPIRE', meta, ARGV[1])
    redis.call('PEXPIRE', log, ARGV[1])
  end
  owned[i] = (t == ARGV[i + 1]) and 1 or 0
end
return owned
