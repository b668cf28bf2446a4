-- 上报 (submit) from a pool of complete filings, one enterprise each (one open 新增 per
-- enterprise): every request submits the next unused filing of this thread. When a thread runs
-- out it counts `exhausted` (the run is then void: bench.py sizes the pool to avoid it).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_LUA_DIR") .. "/pool.lua")
local base = os.getenv("BENCH_API")
local mine, next_index
counts = true

function init(args)
  mine = load_pool(os.getenv("BENCH_POOL"), index, tonumber(os.getenv("BENCH_THREADS")))
  next_index = 1
end

function request()
  local filing = mine[next_index]
  if filing == nil then
    exhausted = exhausted + 1
    return wrk.format("GET", "/healthz")
  end
  next_index = next_index + 1
  return wrk.format("POST", base .. "/filings/" .. filing.id .. "/submit", {
    ["Cookie"] = "ucf_session=" .. filing.cookie,
    ["X-CSRF-Token"] = filing.csrf,
    ["If-Match"] = '"' .. filing.version .. '"',
    ["Content-Length"] = "0",
  })
end

function response(status, headers, body)
  count_status(status)
end
