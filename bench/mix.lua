-- wrk script of bench/newsroom.py: requests follow the paths of the file
-- BENCH_PATHS (one per line) from line BENCH_OFFSET on, the threads taking
-- turns; counts errors and page-cache hits, and prints the figures as one
-- JSON line ("sent": how far into the file the run went).
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
-- wrk's -t: each thread's script cannot count the others.
local step = tonumber(os.getenv("BENCH_THREADS") or "1")
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  turns = 0
  hits, bad = 0, 0
end

function request()
  local at = offset + id + step * turns
  turns = turns + 1
  return wrk.format("GET", paths[(at % #paths) + 1], { Host = "127.0.0.1" })
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  local cache = headers["X-Page-Cache"] or headers["x-page-cache"]
  if cache == "hit" or cache == "stale" then hits = hits + 1 end
end

function done(summary, latency, requests)
  local h, b, most = 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits")
    b = b + t:get("bad")
    most = math.max(most, t:get("turns"))
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "sent": %d, "not_200": %d, "socket_errors": %d, ' ..
    '"hits": %d, ' ..
    '"p50_ms": %.1f, "p99_ms": %.1f, "seconds": %.3f}\n',
    summary.requests, most * step, b, e.connect + e.read + e.write + e.timeout, h,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.duration / 1e6))
end
