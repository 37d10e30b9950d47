#!lua
-- Tells whether Redis accepts writes: the shebang without 'allow-oom' or 'no-writes' makes Redis refuse the call
-- (OOM) while its memory is over 'maxmemory', before it runs. Writes nothing.
-- KEYS: a key of the store, which routes the call to the node that refused a write. Returns 1.
return 1
