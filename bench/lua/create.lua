-- Create a product with a unique name and SKU: run phase (args[1]) + thread id + counter.
local prefix
local counter = 0

function init(args)
  prefix = args[1]
end

function request()
  counter = counter + 1
  local key = prefix .. "-" .. tid .. "-" .. counter
  local body = string.format(
    '{"name":"Bench new %s","type":"physical","weight":1,"price":%d.%02d,"sku":"NEW-%s"}',
    key, 1 + counter % 100, counter % 100, key)
  return wrk.format("POST", nil, nil, body)
end
