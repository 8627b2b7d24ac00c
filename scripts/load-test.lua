-- One complaint per request, for scripts/load-test.sh.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"id":"LOAD-1","received":"2024-12-20T10:15:00","service":"highways","channel":"web","text":"Pothole on Elm Road not repaired"}'
