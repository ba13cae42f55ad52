-- Create an order of 3 catalog lines of the seeded stock items (args: phase, "FIRST;COUNT"), each
-- tracked stock, so every order takes stock. wrk's URL is …/v2/orders
local first
local count
local counter = 0

function init(args)
  local a, b = string.match(args[2], "^(%d+);(%d+)$")
  first = tonumber(a)
  count = tonumber(b)
  math.randomseed(os.time() * 1000 + tid)
end

function request()
  counter = counter + 1
  local lines = {}
  for k = 1, 3 do
    lines[k] = string.format('{"product_id":%d,"quantity":%d}', first + math.random(0, count - 1), k)
  end
  local body = string.format(
    '{"customer_id":0,"billing_address":{"first_name":"Bench","last_name":"Buyer %d-%d",' ..
    '"street_1":"1 Main St","city":"Austin","state":"Texas","zip":"78701",' ..
    '"country":"United States","country_iso2":"US","email":"b%d-%d@example.com"},' ..
    '"products":[%s]}',
    tid, counter, tid, counter, table.concat(lines, ","))
  return wrk.format("POST", nil, nil, body)
end
