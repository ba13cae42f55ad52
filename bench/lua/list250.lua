-- List 250 products with their sub-resources: a random page in 1..P (args: phase, "P;INCLUDE",
-- e.g. "400;variants,images"). wrk's URL is …/v3/catalog/products
local pages
local include

function init(args)
  local p, inc = string.match(args[2], "^(%d+);(.*)$")
  pages = tonumber(p)
  include = inc
  math.randomseed(os.time() * 1000 + tid)
end

function request()
  return wrk.format("GET", wrk.path .. "?limit=250&include=" .. include .. "&page=" .. math.random(1, pages))
end
