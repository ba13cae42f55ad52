-- Create a product with 3 options (Size, Color, Material) of 4 values each and 12 variants, sent
-- as the product POST's variants (Stockroom makes the options from their option_values). Every
-- variant names a value of every option; the 12 are distinct combinations out of the 4 × 4 × 4 =
-- 64, and together they use all 4 values of each option: variant k (0…11) with s = k % 4 and
-- b = k // 4 takes Size s, Color (s + b) % 4, Material (s + 2b) % 4.
-- Names and SKUs are unique: run phase (args[1]) + thread id + counter.
local prefix
local counter = 0
local sizes = { "S", "M", "L", "XL" }
local colors = { "Red", "Green", "Blue", "Black" }
local materials = { "Cotton", "Wool", "Linen", "Silk" }

function init(args)
  prefix = args[1]
end

function request()
  counter = counter + 1
  local key = prefix .. "-" .. tid .. "-" .. counter
  local variants = {}
  for k = 0, 11 do
    local s = k % 4
    local b = math.floor(k / 4)
    variants[#variants + 1] = string.format(
      '{"sku":"N12-%s-%d","option_values":[{"option_display_name":"Size","label":"%s"},'
        .. '{"option_display_name":"Color","label":"%s"},{"option_display_name":"Material","label":"%s"}]}',
      key, k, sizes[s + 1], colors[(s + b) % 4 + 1], materials[(s + 2 * b) % 4 + 1])
  end
  local body = string.format(
    '{"name":"Bench new12 %s","type":"physical","weight":1,"price":%d.%02d,"sku":"N12-%s","variants":[%s]}',
    key, 1 + counter % 100, counter % 100, key, table.concat(variants, ","))
  return wrk.format("POST", nil, nil, body)
end
