-- wrk: every request creates a new site (POST /api/v1/sites, a code of its own), so the
-- figure is write throughput: a transaction with reference checks, the insert and its audit
-- row. Needs COOKIE and CSRF in the environment; codes are made unique per wrk thread.
local counter = 0
local prefix

function setup(thread)
  thread:set("id", tostring(math.random(100000, 999999)))
end

function init(args)
  prefix = "B" .. id .. "-"
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"code":"%s%d","name":"Bench site","organisation":"RNV","gross_internal_m2":100}',
    prefix, counter)
  return wrk.format("POST", "/api/v1/sites", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "unlock_session=" .. os.getenv("COOKIE"),
    ["X-CSRF-Token"] = os.getenv("CSRF"),
  }, body)
end
