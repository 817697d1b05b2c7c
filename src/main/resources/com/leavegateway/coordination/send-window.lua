-- One Feishu quota's send log, shared by every replica of one app (RedisSendWindow). One call of this
-- script is one round trip and runs atomically. Redis TIME is the only clock: replicas' clocks never
-- enter the log. Times are microseconds.
--
-- KEYS[1] the log: a sorted set, member = send id, score = send time
-- KEYS[2] the marker: the run id of the Redis server that keeps the log (never expires). Missing (Redis restarted
--         without persistence, or was flushed) or another run's (restarted from a snapshot, or a replica promoted):
--         the log may lack the latest sends.
-- KEYS[3] the pause: its end, expiring with it
-- ARGV[1] operation: take | recount | state | pause | reset
-- ARGV[2] window (period x (1 + margin)), ARGV[3] period, ARGV[4] sends a lost log counts (the limit, or 0 for a
--         quota the upstream does not enforce)
-- take:  ARGV[5] threshold (most sends the window may hold after this one), ARGV[6] send id
-- recount: ARGV[5] send id, ARGV[6] back: the send counts from `back` before now unless it counts from later (its
--          call went out: back 0; its answer came back: back = the margin)
-- pause: ARGV[5] length
--
-- Replies (integers): take  {now, granted 1|0, wait, paused 1|0, sends in the window}
--                     state {now, pause left, sends in the window, age of each send, oldest first}
--                     recount, pause, reset {now}
local log, marker, pause = KEYS[1], KEYS[2], KEYS[3]
local operation = ARGV[1]
local window, period, lost = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
-- Scores as plain integers: Lua would print 1.7e15 with 14 digits and lose the microseconds.
local function int(n)
  return string.format('%.0f', n)
end
local expire_ms = math.ceil(window / 1000) + 1000
-- This server's run id, new at every start. A Redis that refuses INFO leaves only the marker's absence as a sign.
local run = ''
local info = redis.pcall('INFO', 'server')
if type(info) == 'string' then
  run = string.match(info, 'run_id:(%x+)') or ''
end

if operation == 'reset' then
  -- An empty, intact window: for tests, and for a first start known to follow no calls.
  redis.call('DEL', log, pause)
  redis.call('SET', marker, run)
  return {now}
end

if redis.call('GET', marker) ~= run then
  -- The log is gone or stale (Redis restarted, was flushed, failed over, or never held it) while Feishu may still
  -- count up to `limit` calls of the last period: the window is full until one period from now (`lost` = limit).
  redis.call('DEL', log)
  local at = int(now + period - window)
  for i = 1, lost do
    redis.call('ZADD', log, at, 'lost:' .. i)
  end
  redis.call('PEXPIRE', log, expire_ms)
  redis.call('SET', marker, run)
end

-- A send counts while it is less than a window old.
redis.call('ZREMRANGEBYSCORE', log, '-inf', int(now - window))
local pause_end = tonumber(redis.call('GET', pause) or '0')
local paused = 0
if pause_end > now then
  paused = pause_end - now
end

if operation == 'pause' then
  local pause_until = now + tonumber(ARGV[5])
  if pause_until > pause_end and pause_until > now then
    redis.call('SET', pause, int(pause_until), 'PX', math.ceil((pause_until - now) / 1000))
  end
  return {now}
end

if operation == 'recount' then
  -- Feishu counted the call somewhere between its send and its answer: a send counted until a period after its
  -- answer keeps every window Feishu sees within the limit. GT: never earlier than it counts now; a send already
  -- out of the window counts again.
  redis.call('ZADD', log, 'GT', int(now - tonumber(ARGV[6])), ARGV[5])
  redis.call('PEXPIRE', log, expire_ms)
  return {now}
end

local used = redis.call('ZCARD', log)

if operation == 'state' then
  local reply = {now, paused, used}
  local sends = redis.call('ZRANGE', log, 0, -1, 'WITHSCORES')
  for i = 2, #sends, 2 do
    reply[#reply + 1] = now - tonumber(sends[i])
  end
  return reply
end

if operation == 'take' then
  local threshold = tonumber(ARGV[5])
  if paused > 0 then
    return {now, 0, paused, 1, used}
  end
  if used < threshold then
    redis.call('ZADD', log, int(now), ARGV[6])
    redis.call('PEXPIRE', log, expire_ms)
    return {now, 1, 0, 0, used + 1}
  end
  -- Room at this threshold once the oldest (used - threshold + 1) sends have left the window.
  local nth = redis.call('ZRANGE', log, used - threshold, used - threshold, 'WITHSCORES')
  return {now, 0, tonumber(nth[2]) + window - now, 0, used}
end

return redis.error_reply('unknown operation ' .. tostring(operation))
