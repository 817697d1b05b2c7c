-- Compare-then-set: writes the entry and ends the lease only while the lease is the
-- caller's, so that a holder that outlived its lease cannot overwrite a newer entry.
-- KEYS[1] the entry, KEYS[2] its lease; ARGV[1] token, ARGV[2] entry, ARGV[3] TTL (ms)
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
