#!lua flags=allow-cross-slot-keys
-- Slides the expiry of the sessions of many open streams and reads which of them each stream still owns, in
-- one call: the periodic check of an instance's idle streams.
-- KEYS: the meta key of the first session, which routes the call. ARGV: expiry (ms), then for each session its
-- meta key, its log key and its stream's token.
-- Returns one integer per session: 1 when the stream still owns the session, 0 when the session is gone or
-- another stream took it over.
-- In a cluster the caller groups sessions by the node serving their slots. Redis rejects a call whose declared
-- keys lie in several slots (CROSSSLOT), even with the flag above, so only the first key is declared; the flag
-- lets the script reach the others, which must be on the same node (else the call fails and the caller checks
-- those streams one by one).
local owned = {}
for i = 2, #ARGV, 3 do
  local t = redis.call('HGET', ARGV[i], 't')
  if t then
    redis.call('PEXPIRE', ARGV[i], ARGV[1])
    redis.call('PEXPIRE', ARGV[i + 1], ARGV[1])
  end
  owned[#owned + 1] = (t == ARGV[i + 2]) and 1 or 0
end
return owned
