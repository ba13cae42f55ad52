-- GET one product: a random id in 1..N (args: phase, N). wrk's URL is …/v3/catalog/products/
local n

function init(args)
  n = tonumber(args[2])
  math.randomseed(os.time() * 1000 + tid)
end

function request()
  return wrk.format("GET", wrk.path .. math.random(1, n))
end
