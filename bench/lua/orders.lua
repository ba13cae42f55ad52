-- List 50 orders: a random page in 1..P (args: phase, P). wrk's URL is …/v2/orders
local pages

function init(args)
  pages = tonumber(args[2])
  math.randomseed(os.time() * 1000 + tid)
end

function request()
  return wrk.format("GET", wrk.path .. "?limit=50&page=" .. math.random(1, pages))
end
