#!/usr/bin/env bash
# Stockroom benchmark: ./stockroom bench [--products N] [--duration S] [--warmup S] [--only LIST]
#
# Starts Stockroom (SQLite, temp data dir, -Xmx512m) on a free port, creates a store and an API
# account, seeds N products through the API (each with 3 variants and 2 images), then runs wrk
# (2 threads, 64 connections) for S seconds per scenario:
#   get-one    GET one product               list-50    list 50 products
#   list-250   list 250 products with include=variants,images
#   create     create a product              create-12  create a product with 3 options × 4
#                                                       values and 12 variants
#   order-3    create an order of 3 lines    list-orders  list 50 orders (v2)
#   poll-304   GET /v2/orders with If-Modified-Since: now, answered 304 (nothing changed)
# then the same GET against a bare Helidon server that returns a fixed product (the ceiling), and
# the bare server sending a body of each list's size. Prints a Markdown table and writes it to
# bench/out/latest.md. Everything it starts is stopped on exit, Ctrl-C included. All traffic
# stays on 127.0.0.1. Needs target/stockroom.jar (./stockroom bench builds it) and wrk.
set -Eeuo pipefail
trap 'echo "bench/run.sh: line $LINENO failed (exit $?): $BASH_COMMAND" >&2' ERR
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

products=100000
duration=15
warmup=5
threads=2
connections=64
all_scenarios="get-one,list-50,list-250,create,create-12,order-3,list-orders,poll-304"
only="$all_scenarios"
seed_variants=3
seed_images=2
seed_orders=10000

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  echo
  echo "Options:"
  echo "  --products N       products to seed (default $products)"
  echo "  --duration S       measured seconds per scenario (default $duration)"
  echo "  --warmup S         unmeasured seconds before each scenario (default $warmup)"
  echo "  --only LIST        run only these scenarios, comma-separated, from: $all_scenarios"
  echo "                     (dashes optional: --only list250,create12). The ceiling always runs."
  echo "  --seed-variants V  variants per seeded product (default $seed_variants; 0 = plain products)"
  echo "  --seed-images I    images per seeded product (default $seed_images; 0 = none)"
  echo "  --seed-orders O    orders of 3 lines to seed when an order scenario runs (default $seed_orders)"
  echo
  echo "Example, one quick re-run: ./stockroom bench --products 2000 --duration 5 --warmup 2 --only list250,create12"
}

# canonical NAME: the scenario a --only entry names (dashes optional), or nothing.
canonical() {
  case "$(tr 'A-Z' 'a-z' <<<"$1" | tr -d ' -')" in
    getone|get) echo get-one ;;
    list50) echo list-50 ;;
    list250) echo list-250 ;;
    create) echo create ;;
    create12) echo create-12 ;;
    order3|order|createorder) echo order-3 ;;
    listorders|orders) echo list-orders ;;
    poll304|poll|ims) echo poll-304 ;;
  esac
}

while [ $# -gt 0 ]; do
  case "$1" in
    --products) products="${2:?--products needs a number}"; shift 2 ;;
    --duration) duration="${2:?--duration needs seconds}"; shift 2 ;;
    --warmup) warmup="${2:?--warmup needs seconds}"; shift 2 ;;
    --only) only="${2:?--only needs a list such as list250,create12}"; shift 2 ;;
    --seed-variants) seed_variants="${2:?--seed-variants needs a number}"; shift 2 ;;
    --seed-images) seed_images="${2:?--seed-images needs a number}"; shift 2 ;;
    --seed-orders) seed_orders="${2:?--seed-orders needs a number}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
for v in "$products" "$duration" "$warmup" "$seed_variants" "$seed_images" "$seed_orders"; do
  case "$v" in ''|*[!0-9]*) echo "options take whole numbers, got '$v'" >&2; exit 2 ;; esac
done
[ "$products" -ge 1 ] && [ "$duration" -ge 1 ] || { echo "--products and --duration must be at least 1" >&2; exit 2; }
selected=""
IFS=',' read -r -a only_list <<<"$only"
for o in "${only_list[@]}"; do
  c="$(canonical "$o")"
  [ -n "$c" ] || { echo "--only: unknown scenario '$o' (known: $all_scenarios)" >&2; exit 2; }
  selected="$selected,$c"
done
[ -n "$selected" ] || { echo "--only names no scenario (known: $all_scenarios)" >&2; exit 2; }
want() { [[ "$selected," == *",$1,"* ]]; }

if ! command -v wrk >/dev/null 2>&1; then
  echo "install wrk: sudo apt-get install wrk"
  exit 1
fi
if [ ! -f target/stockroom.jar ] || [ ! -d target/lib ]; then
  echo "target/stockroom.jar is missing: run ./stockroom bench (it builds first) or ./mvnw -DskipTests package" >&2
  exit 1
fi
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_bin="$JAVA_HOME/bin/java"
else
  java_bin="$(command -v java || true)"
fi
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1 | cut -d. -f1; }
if [ -z "$java_bin" ] || [ "$(java_major "$java_bin" || echo 0)" -lt 21 ] 2>/dev/null; then
  java_bin=""
  for c in /usr/lib/jvm/*/bin/java; do
    if [ -x "$c" ] && [ "$(java_major "$c" || echo 0)" -ge 21 ] 2>/dev/null; then java_bin="$c"; break; fi
  done
fi
[ -n "$java_bin" ] || { echo "no JDK 21+ found: set JAVA_HOME to one, or run ./stockroom bench (it finds one)" >&2; exit 1; }
jdk_bin="$(dirname "$(readlink -f "$java_bin")")"
classpath="target/stockroom.jar:target/lib/*"
# The flags ./stockroom serve uses (4 MB heap regions: see the stockroom script).
jvm_flags=(--enable-native-access=ALL-UNNAMED -Xmx512m -XX:G1HeapRegionSize=4m)
# STOCKROOM_BENCH_SERVER_FLAGS: extra JVM flags for the Stockroom server only (not the ceiling),
# e.g. a flight recording: -XX:StartFlightRecording=filename=/tmp/create.jfr,settings=profile
read -r -a server_extra <<<"${STOCKROOM_BENCH_SERVER_FLAGS:-}"

work="$(mktemp -d "${TMPDIR:-/tmp}/stockroom-bench.XXXXXX")"
pids=()

stop_pid() {
  local p="$1" i
  kill "$p" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    kill -0 "$p" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$p" 2>/dev/null || true
}

cleanup() {
  local p
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do
    stop_pid "$p"
  done
  if [ -d "$root/bench/out" ]; then
    cp "$work"/server.log "$work"/ceiling.log "$root/bench/out/" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo; echo "interrupted: stopping everything the benchmark started" >&2; exit 130' INT
trap 'exit 143' TERM

# run_wait OUT CMD…: runs CMD in the background with stdout to OUT and waits for it, so that a
# Ctrl-C or TERM reaches the trap at once instead of after CMD ends; cleanup stops CMD too.
run_wait() {
  local out="$1" p
  shift
  "$@" >"$out" &
  p=$!
  pids+=("$p")
  wait "$p" || { local rc=$?; echo "failed (exit $rc): $*" >&2; return "$rc"; }
}

# wait_for LOGFILE PID REGEX: the first match of REGEX's group 1 in LOGFILE, within 60 s.
wait_for() {
  local log="$1" pid="$2" re="$3" i v
  for i in $(seq 1 600); do
    v="$(sed -n "s/$re/\1/p" "$log" | head -1 || true)"
    if [ -n "$v" ]; then echo "$v"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "process $pid exited before it was ready; its output:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "process $pid was not ready after 60 s; its output:" >&2
  cat "$log" >&2
  return 1
}

# How busy the machine is before we start: other programs' CPU share over 2 s.
busy_start="$(read -r a b < <(awk '/^cpu / {x = $2 + $3 + $4 + $7 + $8 + $9; print x, x + $5 + $6}' /proc/stat); sleep 2;
  awk -v a="$a" -v b="$b" '/^cpu / {x = $2 + $3 + $4 + $7 + $8 + $9; t = x + $5 + $6; printf "%.0f", (t > b ? 100 * (x - a) / (t - b) : 0)}' /proc/stat)"
if [ "$busy_start" -gt 20 ]; then
  echo "warning: other programs keep the CPUs $busy_start% busy: the numbers will come out low and noisy" >&2
fi
admin_token="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
echo "== Stockroom benchmark: $products products ($seed_variants variants, $seed_images images each), ${duration}s per scenario (+${warmup}s warm-up), wrk -t$threads -c$connections, $(nproc) CPUs"
echo "   scenarios: ${selected#,} (and the ceiling)"

mkdir -p "$work/data"
STOCKROOM_ADMIN_TOKEN="$admin_token" "$java_bin" "${jvm_flags[@]}" ${server_extra[@]+"${server_extra[@]}"} \
  "-Xlog:gc:file=$work/gc.log" -jar target/stockroom.jar serve --port 0 --data-dir "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
port="$(wait_for "$work/server.log" "$server_pid" '^Stockroom listening on http:\/\/127\.0\.0\.1:\([0-9][0-9]*\).*')"
base="http://127.0.0.1:$port"
echo "Stockroom pid $server_pid on $base (data in $work/data)"

orders_seeded=0
if want order-3 || want list-orders || want poll-304; then orders_seeded="$seed_orders"; fi
echo "Seeding $products products ($seed_variants variants and $seed_images images each) and $orders_seeded orders…"
run_wait "$work/seed.out" "$java_bin" -cp "$classpath" dev.stockroom.bench.Seed --url "$base" \
  --admin-token "$admin_token" --products "$products" --concurrency 32 \
  --variants "$seed_variants" --images "$seed_images" --orders "$orders_seeded"
store_hash="$(sed -n 's/^store_hash=//p' "$work/seed.out")"
access_token="$(sed -n 's/^access_token=//p' "$work/seed.out")"
images_seeded="$(sed -n 's/^images=//p' "$work/seed.out")"
[ -n "$store_hash" ] && [ -n "$access_token" ] || { echo "seeding printed no store or token" >&2; exit 1; }
seeded_note="$seed_variants variants"
if [ "$images_seeded" = yes ]; then
  seeded_note="$seeded_note and $seed_images images each"
else
  seeded_note="$seeded_note each, no images"
  if [ "$seed_images" -gt 0 ]; then seeded_note="$seeded_note (the server has no image endpoint)"; fi
fi

declare -A rps p50 p99 errs other
target_pid=""
out_dir="$root/bench/out"
mkdir -p "$out_dir"

# Other programs' load: CPU ticks of every process but this script (whose waited-for children,
# wrk, are gone by the second look) and the server under test, against the machine's ticks.
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
process_ticks() { # "pid ticks" lines
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v me="$$" -v srv="$target_pid" \
    '{pid = $1; rest = $0; sub(/.*\) /, "", rest); split(rest, f, " "); if (pid != me && pid != srv) print pid, f[12] + f[13]}'
}

# scenario NAME URL LUA PARAM [extra wrk args…]: warm up, measure, keep the parsed numbers.
scenario() {
  local name="$1" url="$2" lua="$3" param="$4" line
  shift 4
  cat bench/lua/common.lua "bench/lua/$lua" >"$work/$name.lua"
  echo
  echo "== $name"
  if [ "$warmup" -gt 0 ]; then
    run_wait /dev/null wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$work/$name.lua" "$@" "$url" -- "warm" "$param"
  fi
  local m0 m1
  m0="$(machine_ticks)"
  process_ticks >"$work/ticks0"
  run_wait "$out_dir/wrk-$name.txt" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/$name.lua" "$@" "$url" -- "run" "$param"
  process_ticks >"$work/ticks1"
  m1="$(machine_ticks)"
  cat "$out_dir/wrk-$name.txt"
  other[$name]="$(awk -v t="$((m1 - m0))" 'NR == FNR {before[$1] = $2; next} {d += $2 - before[$1]}
    END {v = t > 0 ? 100 * d / t : 0; printf "%.0f", (v < 0 ? 0 : v)}' "$work/ticks0" "$work/ticks1")"
  line="$(grep '^BENCH ' "$out_dir/wrk-$name.txt" | tail -1 || true)"
  [ -n "$line" ] || { echo "wrk printed no result for $name" >&2; exit 1; }
  rps[$name]="$(sed 's/.* rps=\([^ ]*\).*/\1/' <<<"$line")"
  p50[$name]="$(sed 's/.* p50_ms=\([^ ]*\).*/\1/' <<<"$line")"
  p99[$name]="$(sed 's/.* p99_ms=\([^ ]*\).*/\1/' <<<"$line")"
  errs[$name]="$(awk '{for(i=1;i<=NF;i++){split($i,kv,"="); if(kv[1]=="non2xx"||kv[1]=="sockerr") s+=kv[2]} print s+0}' <<<"$line")"
}

auth=(-H "X-Auth-Token: $access_token" -H "Accept: application/json")
api="$base/stores/$store_hash/v3/catalog/products"
pages=$(( products / 50 ))
[ "$pages" -gt 100 ] && pages=100
[ "$pages" -lt 1 ] && pages=1
# list 250: random pages over the whole seeded store.
pages250=$(( products / 250 ))
[ "$pages250" -lt 1 ] && pages250=1

# fetch URL OUT: the status code of a GET of URL (with the API token), its body in OUT.
fetch() {
  "$java_bin" -cp "$classpath" dev.stockroom.bench.Fetch --url "$1" --out "$2" \
    --header "X-Auth-Token: $access_token" --header "Accept: application/json"
}

# list 250: ask for include=variants,images; a server that does not serve include=images yet
# answers 422, and then the scenario runs with include=variants alone (and says so). One real
# page, from the middle of the store, is kept: the page ceiling below serves exactly its bytes.
include250="variants,images"
label250="list 250 products, include=variants,images"
page250="$work/page250.json"
if want list-250; then
  mid=$(( (pages250 + 1) / 2 ))
  code="$(fetch "$api?limit=250&include=$include250&page=$mid" "$page250")"
  if [ "$code" != 200 ]; then
    echo "warning: GET …/catalog/products?include=variants,images answered $code: $(head -c 300 "$page250")" >&2
    echo "warning: list 250 runs with include=variants only (this Stockroom does not serve include=images)" >&2
    include250="variants"
    label250="list 250 products, include=variants (images not served)"
    code="$(fetch "$api?limit=250&include=$include250&page=$mid" "$page250")"
    [ "$code" = 200 ] || { echo "GET …/catalog/products?limit=250&include=variants answered $code: $(head -c 300 "$page250")" >&2; exit 1; }
  elif [ "$images_seeded" != yes ]; then
    label250="$label250 (no images seeded)"
  fi
  page250_bytes="$(wc -c <"$page250" | tr -d ' ')"
  echo "list 250: one page (page $mid of $pages250, include=$include250) is $page250_bytes bytes"
fi

target_pid="$server_pid"
if want get-one; then scenario "get-one" "$api/" get.lua "$products" "${auth[@]}"; fi
if want list-50; then scenario "list-50" "$api" list.lua "$pages" "${auth[@]}"; fi
if want list-250; then scenario "list-250" "$api" list250.lua "$pages250;$include250" "${auth[@]}"; fi
if want create; then scenario "create" "$api" create.lua "-" "${auth[@]}" -H "Content-Type: application/json"; fi
if want create-12; then scenario "create-12" "$api" create12.lua "-" "${auth[@]}" -H "Content-Type: application/json"; fi
orders_api="$base/stores/$store_hash/v2/orders"
stock_items="$(sed -n 's/^stock_items=//p' "$work/seed.out")"
if want order-3; then scenario "order-3" "$orders_api" order3.lua "$stock_items" "${auth[@]}" -H "Content-Type: application/json"; fi
if want list-orders; then
  order_pages=$(( orders_seeded / 50 ))
  [ "$order_pages" -lt 1 ] && order_pages=1
  scenario "list-orders" "$orders_api" orders.lua "$order_pages" "${auth[@]}"
fi
if want poll-304; then
  # The poll asks "anything since now?" after every write of the run: the answer must be a 304.
  sleep 1
  since="$(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S GMT')"
  code="$("$java_bin" -cp "$classpath" dev.stockroom.bench.Fetch --url "$orders_api?limit=50" --out "$work/poll.out" \
    --header "X-Auth-Token: $access_token" --header "Accept: application/json" --header "If-Modified-Since: $since")"
  [ "$code" = 304 ] || { echo "GET /v2/orders with If-Modified-Since: $since answered $code, not 304: $(head -c 300 "$work/poll.out")" >&2; exit 1; }
  scenario "poll-304" "$orders_api" poll.lua "-" "${auth[@]}" -H "If-Modified-Since: $since"
fi

# Memory of the Stockroom server: peak RSS from the kernel; peak heap in use from the GC log
# (heap before each collection) and from the heap as it stands now, whichever is larger.
rss_mb="$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status" 2>/dev/null || echo "?")"
# The anonymous part of the RSS is the process's own memory (the RSS would also count any
# memory-mapped file pages).
anon_mb="$(awk '/^RssAnon:/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status" 2>/dev/null || echo "?")"
now_used_kb="$("$jdk_bin/jcmd" "$server_pid" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9][0-9]*\)K.*/\1/p' | head -1 || true)"
gc_peak_kb="$({ grep -o '[0-9][0-9]*[KMG]->' "$work/gc.log" 2>/dev/null || true; } \
  | awk '{n=$0+0; u=substr($0, length($0)-2, 1); if(u=="M") n*=1024; else if(u=="G") n*=1048576; if(n>m) m=n} END {print m+0}')"
heap_peak_mb="$(awk -v a="${now_used_kb:-0}" -v b="${gc_peak_kb:-0}" 'BEGIN {m = a > b ? a : b; printf "%.0f", m / 1024}')"
heap_max_mb=512
stop_pid "$server_pid"

# The ceiling: same JVM flags, same client script, a fixed product for every request.
"$java_bin" "${jvm_flags[@]}" -cp "$classpath" dev.stockroom.bench.Ceiling --port 0 >"$work/ceiling.log" 2>&1 &
ceiling_pid=$!
pids+=("$ceiling_pid")
cport="$(wait_for "$work/ceiling.log" "$ceiling_pid" '^listening on \([0-9][0-9]*\).*')"
target_pid="$ceiling_pid"
scenario "ceiling" "http://127.0.0.1:$cport/stores/$store_hash/v3/catalog/products/" get.lua "$products" "${auth[@]}"
stop_pid "$ceiling_pid"

# For reference: the same bare server answering a fixed 50-product page (~75 KB), so that
# "list 50" can also be read against a body of its own size.
if want list-50; then
  "$java_bin" "${jvm_flags[@]}" -cp "$classpath" dev.stockroom.bench.Ceiling --port 0 --items 50 >"$work/ceiling50.log" 2>&1 &
  ceiling50_pid=$!
  pids+=("$ceiling50_pid")
  c50port="$(wait_for "$work/ceiling50.log" "$ceiling50_pid" '^listening on \([0-9][0-9]*\).*')"
  target_pid="$ceiling50_pid"
  scenario "ceiling-50" "http://127.0.0.1:$c50port/stores/$store_hash/v3/catalog/products" list.lua "$pages" "${auth[@]}"
  stop_pid "$ceiling50_pid"
fi

# And the page "list 250" sends: the bare server answering with the bytes of the real page
# captured above, whatever the page number asked.
if want list-250; then
  "$java_bin" "${jvm_flags[@]}" -cp "$classpath" dev.stockroom.bench.Ceiling --port 0 --body-file "$page250" >"$work/ceiling250.log" 2>&1 &
  ceiling250_pid=$!
  pids+=("$ceiling250_pid")
  c250port="$(wait_for "$work/ceiling250.log" "$ceiling250_pid" '^listening on \([0-9][0-9]*\).*')"
  target_pid="$ceiling250_pid"
  scenario "ceiling-250" "http://127.0.0.1:$c250port/stores/$store_hash/v3/catalog/products" list250.lua "$pages250;$include250" "${auth[@]}"
  stop_pid "$ceiling250_pid"
fi

# The table.
ceil="${rps[ceiling]}"
row() { # name label target-text pass-expression(awk, with r=rps p=p99 c=ceiling e=errors)
  awk -v n="$2" -v r="${rps[$1]}" -v p50="${p50[$1]}" -v p="${p99[$1]}" -v c="$ceil" -v e="${errs[$1]}" -v t="$3" \
    'BEGIN {
       pct = c > 0 ? 100 * r / c : 0
       ok = ('"$4"') && e == 0
       verdict = t == "—" ? "—" : (ok ? "pass" : "FAIL")
       if (e > 0) verdict = verdict " (" e " errors)"
       printf "| %s | %.0f | %.2f | %.2f | %.0f%% | %s | %s |\n", n, r, p50, p, pct, t, verdict
     }'
}
table="$work/table.md"
{
  echo "| scenario | req/s | p50 ms | p99 ms | % of ceiling | target | pass/fail |"
  echo "|---|---:|---:|---:|---:|---|---|"
  if want get-one; then row get-one "GET one product" "≥ 50% of ceiling, p99 < 20 ms" "r >= 0.5 * c && p < 20"; fi
  if want list-50; then row list-50 "list 50 products" "≥ 20% of ceiling" "r >= 0.2 * c"; fi
  if want create; then row create "create a product" "≥ 5,000/s" "r >= 5000"; fi
  if want list-250; then row list-250 "$label250" "≥ 300/s, p99 < 250 ms" "r >= 300 && p < 250"; fi
  if want create-12; then row create-12 "create a product, 3 options × 4 values, 12 variants" "≥ 500/s" "r >= 500"; fi
  if want order-3; then row order-3 "create an order of 3 lines, stock tracked (v2)" "≥ 1,000/s" "r >= 1000"; fi
  if want list-orders; then row list-orders "list 50 orders (v2)" "—" "1"; fi
  if want poll-304; then row poll-304 "poll the orders with If-Modified-Since → 304" "≥ 80% of ceiling" "r >= 0.8 * c"; fi
  row ceiling "ceiling (bare Helidon GET)" "—" "1"
  if want list-50; then row ceiling-50 "bare Helidon, fixed 50-product page (reference)" "—" "1"; fi
  if want list-250; then
    row ceiling-250 "bare Helidon, captured 250-product page of $(( (page250_bytes + 512) / 1024 )) KB (reference)" "—" "1"
  fi
  awk -v h="$heap_peak_mb" -v m="$heap_max_mb" -v rss="$rss_mb" -v anon="$anon_mb" \
    'BEGIN {printf "| server heap | peak used %s MB (RSS peak %s MB; anonymous memory at the end %s MB) | | | | ≤ %s MB (-Xmx%sm) | %s |\n", h, rss, anon, m, m, (h <= m ? "pass" : "FAIL")}'
  echo
  if want list-50; then
    awk -v l="${rps[list-50]}" -v c="${rps[ceiling-50]}" \
      'BEGIN {printf "list 50 against the bare server sending a page of the same size: %.0f%%.\n", (c > 0 ? 100 * l / c : 0)}'
  fi
  if want list-250; then
    awk -v l="${rps[list-250]}" -v c="${rps[ceiling-250]}" -v b="$page250_bytes" -v inc="$include250" \
      'BEGIN {printf "list 250 (include=%s) against the bare server sending the same %d-byte page: %.0f%%.\n", inc, b, (c > 0 ? 100 * l / c : 0)}'
  fi
  if want create-12; then
    awk -v a="${rps[create-12]}" -v b="${rps[create]:-}" \
      'BEGIN {printf "create with 12 variants: %.0f products/s, %.0f variants/s%s.\n", a, 12 * a,
              (b > 0 && a > 0 ? sprintf(" (plain create: %.0f/s, so one 12-variant product costs about %.1f plain ones)", b, b / a) : "")}'
  fi
  echo
  cpu=""
  for n in get-one list-50 list-250 create create-12 order-3 list-orders poll-304 ceiling ceiling-50 ceiling-250; do
    if [ -n "${other[$n]:-}" ]; then cpu="$cpu, $n ${other[$n]}%"; fi
  done
  echo "CPU used by other programs while each scenario ran (share of all $(nproc) CPUs; above a few % the numbers are low): ${cpu#, }."
} >"$table"

{
  echo "# Stockroom benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) CPUs,"\
    "$("$java_bin" -version 2>&1 | head -1), SQLite, $products products seeded ($seeded_note), $orders_seeded orders,"\
    "wrk -t$threads -c$connections, ${duration}s per scenario after ${warmup}s warm-up;"\
    "CPUs $busy_start% busy just before the start."
  echo
  cat "$table"
} >"$out_dir/latest.md"

echo
echo "== Results (also in bench/out/latest.md)"
echo
cat "$table"
if grep -q 'FAIL' "$table"; then
  echo
  echo "Some targets were missed."
fi
