-- wrk report in one line for scripts/bench.sh: RESULT median_ms p95_ms requests_per_second errors requests.
-- Any non-2xx/3xx answer, connection error or timeout counts as an error.
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT %.2f %.2f %.1f %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1e6), errors, summary.requests))
end
