-- Poll the order list with If-Modified-Since (run.sh passes the date in the header): nothing
-- changed since, so every answer is a 304 with no body. wrk's URL is …/v2/orders
function request()
  return wrk.format("GET", wrk.path .. "?limit=50")
end
