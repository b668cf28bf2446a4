-- GET of one path with the session cookie (wrk -H passes the headers): no per-response Lua, so
-- wrk's own non-2xx count (status >= 400) is the error count.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
