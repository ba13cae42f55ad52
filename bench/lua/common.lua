-- Shared by every scenario (bench/run.sh appends the scenario's own script to this one).
-- setup() numbers the wrk threads; done() prints one line that run.sh parses:
--   BENCH requests=… seconds=… rps=… p50_ms=… p99_ms=… non2xx=… sockerr=…

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d sockerr=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
