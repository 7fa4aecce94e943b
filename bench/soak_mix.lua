-- wrk: the soak's mix of requests, as a working day's: mostly reads of statistics, lists and
-- conversations, and one in ten a write (a new site). Needs COOKIE and CSRF in the
-- environment. Answers other than 2xx are counted by wrk; the soak expects none.
local reads = {
  "/api/v1/indicators/FFT-POS/spc?org=RNV",
  "/api/v1/organisations/RNV/indicators",
  "/api/v1/sites?organisation=RNV&limit=20",
  "/api/v1/conversations?q=frailty",
  "/api/v1/opportunities",
  "/api/v1/organisations/RNV",
  "/public/opportunities.html",
  "/public/index.html",
  "/api/v1/indicators/FFT-POS/funnel?period=2026-03",
}
local n, prefix = 0, nil

function setup(thread)
  thread:set("id", tostring(math.random(100000, 999999)))
end

-- Each run (the warm-up, then the soak) names its sites apart: wrk seeds math.random the same
-- way every run, so the ids alone would repeat and the soak's creates meet 409s.
function init(args)
  prefix = "K" .. (os.getenv("PHASE") or "") .. id .. "-"
end

function request()
  n = n + 1
  local headers = { ["Cookie"] = "unlock_session=" .. os.getenv("COOKIE") }
  if n % 10 == 0 then
    headers["Content-Type"] = "application/json"
    headers["X-CSRF-Token"] = os.getenv("CSRF")
    return wrk.format("POST", "/api/v1/sites", headers, string.format(
      '{"code":"%s%d","name":"Soak site","organisation":"RNV","gross_internal_m2":100}', prefix, n))
  end
  return wrk.format("GET", reads[(n % #reads) + 1], headers)
end
