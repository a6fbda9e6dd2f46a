-- wrk script: a mix of pages and API requests, and a tally of status codes (429 counted apart: the API's intended limit).
local paths = {
  "/", "/companies", "/companies?camp=general&sort=valuation", "/companies/zhipu-ai", "/camps",
  "/api/companies", "/api/companies?camp=general&page=1", "/api/funding-rounds", "/api/events", "/healthz",
}
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do totals[code] = (totals[code] or 0) + n end
  end
  local line = "statuses:"
  for code, n in pairs(totals) do line = line .. string.format(" %d=%d", code, n) end
  print(line)
  print(string.format("latency p50=%.1fms p99=%.1fms; socket errors connect=%d read=%d write=%d timeout=%d",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
