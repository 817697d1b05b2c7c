-- The entry, or else the lease: one round trip for a miss path's first step.
-- KEYS[1] the entry, KEYS[2] its lease (one cluster slot: same hash tag)
-- ARGV[1] the caller's token, ARGV[2] the lease time (ms)
-- Returns the entry (a JSON object), 'leased' (the caller holds the lease now) or 'held'.
local entry = redis.call('GET', KEYS[1])
if entry then
  return entry
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 'leased'
end
return 'held'
