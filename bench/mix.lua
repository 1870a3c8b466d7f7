-- wrk script of bench/newsroom.py: requests cycle through the paths of the
-- file BENCH_PATHS (one per line); counts errors and page-cache hits, and
-- prints the figures as one JSON line.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = id * 7919
  hits, bad = 0, 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], { Host = "127.0.0.1" })
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  local cache = headers["X-Page-Cache"] or headers["x-page-cache"]
  if cache == "hit" or cache == "stale" then hits = hits + 1 end
end

function done(summary, latency, requests)
  local h, b = 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits")
    b = b + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "not_200": %d, "socket_errors": %d, "hits": %d, ' ..
    '"p50_ms": %.1f, "p99_ms": %.1f, "seconds": %.3f}\n',
    summary.requests, b, e.connect + e.read + e.write + e.timeout, h,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.duration / 1e6))
end
