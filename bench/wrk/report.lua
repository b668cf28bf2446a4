-- Shared by every bench script: per-thread counters and one JSON line for bench.py at the end.
-- Each wrk thread runs its own copy of the script; setup() runs in the main state and keeps the
-- threads so that done() can add their counters up.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- Thread-local counters, read back through thread:get() in done().
non2xx = 0
exhausted = 0

function count_status(status)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total, exhausted_total, counted = 0, 0, false
  for _, t in ipairs(threads) do
    local n = t:get("non2xx")
    if n ~= nil and t:get("counts") then
      counted = true
      non2xx_total = non2xx_total + n
    end
    exhausted_total = exhausted_total + (t:get("exhausted") or 0)
  end
  if not counted then
    -- No response() hook: wrk counts status >= 400 itself (there are no 3xx routes here).
    non2xx_total = summary.errors.status
  end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"non2xx":%d,"errors_connect":%d,' ..
    '"errors_read":%d,"errors_write":%d,"errors_timeout":%d,"exhausted":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, non2xx_total, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, exhausted_total,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
