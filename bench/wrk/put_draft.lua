-- 暂存 (draft save) with optimistic concurrency: run with as many threads as connections, so that
-- each thread drives one connection and owns one filing of one enterprise. Every request edits
-- the filing at the version its last response's ETag gave (so never 412), with a field that
-- changes each time (so every request stores a new form version).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_LUA_DIR") .. "/pool.lua")
local base = os.getenv("BENCH_API")
local mine, filing, edits
counts = true

function init(args)
  mine = load_pool(os.getenv("BENCH_POOL"), index, tonumber(os.getenv("BENCH_THREADS")))
  filing = mine[1]
  edits = 0
end

function request()
  edits = edits + 1
  local body = string.format('{"businessScope":"二手车销售；货物进出口；第 %d 次暂存","employeeCount":%d}',
                             edits, 100 + edits % 50)
  return wrk.format("PUT", base .. "/filings/" .. filing.id .. "?mode=draft", {
    ["Cookie"] = "ucf_session=" .. filing.cookie,
    ["X-CSRF-Token"] = filing.csrf,
    ["If-Match"] = '"' .. filing.version .. '"',
    ["Content-Type"] = "application/json",
  }, body)
end

function response(status, headers, body)
  count_status(status)
  local etag = headers["ETag"] or headers["Etag"] or headers["etag"]
  if status == 200 and etag then
    filing.version = tonumber(etag:match("%d+"))
  end
end
