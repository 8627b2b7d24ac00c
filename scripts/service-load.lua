-- The request scripts/service-speed.sh sends: the body from REDRESS_BODY_FILE, a credential from
-- REDRESS_CREDENTIAL (none when empty), to the URL wrk is given.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local credential = os.getenv("REDRESS_CREDENTIAL") or ""
if credential ~= "" then wrk.headers["Authorization"] = "Bearer " .. credential end
local file = io.open(os.getenv("REDRESS_BODY_FILE"), "r")
wrk.body = file:read("*a")
file:close()
