-- Reads the pool file (one line per filing: id version cookie csrf) and keeps the lines of this
-- thread: line n belongs to thread n % threads.
function load_pool(path, thread_index, thread_count)
  local mine = {}
  local n = 0
  for line in io.lines(path) do
    local id, version, cookie, csrf = line:match("^(%d+) (%d+) (%S+) (%S+)$")
    if id then
      if n % thread_count == thread_index then
        table.insert(mine, {id = id, version = tonumber(version), cookie = cookie, csrf = csrf})
      end
      n = n + 1
    end
  end
  return mine
end
