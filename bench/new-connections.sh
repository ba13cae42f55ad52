#!/usr/bin/env bash
# Time to the first answer on new connections: bash bench/new-connections.sh URL [SECONDS] [GAP]
#
# Opens a new connection every GAP seconds (default 0.1) for SECONDS (default 12), sends one GET to
# URL on it and prints, per probe, the time to connect and the time to the first byte of the
# answer, then the median and the worst. Run it while a load runs against the same server, e.g.
# list 250 in another terminal:
#   wrk -t2 -c64 -d15s -s list250.lua -H "X-Auth-Token: …" http://127.0.0.1:8080/stores/…/v3/catalog/products
#   bash bench/new-connections.sh http://127.0.0.1:8080/healthz
# bench/RESULTS.md has what it showed: under a load that keeps both cores busy with 1 MB pages,
# the slowest first answer of a run took 10.6–18.2 s before commit 1d028cd and 243–263 ms since
# (median 64–74 ms; "New connections under a saturating load, solved").
set -euo pipefail

url="${1:?usage: bash bench/new-connections.sh URL [SECONDS] [GAP]}"
seconds="${2:-12}"
gap="${3:-0.1}"
command -v curl >/dev/null || { echo "curl is needed: apt-get install curl" >&2; exit 1; }

end=$((SECONDS + seconds))
firsts=()
while ((SECONDS < end)); do
  # curl opens a new connection for each run; --max-time bounds a probe that never gets an answer.
  if t="$(curl -s -o /dev/null --max-time 30 -w '%{time_connect} %{time_starttransfer}' "$url")"; then
    read -r connect first <<<"$(awk -v c="${t% *}" -v f="${t#* }" 'BEGIN{printf "%.1f %.1f", c*1000, f*1000}')"
    printf 'connect %6s ms   first byte %8s ms\n' "$connect" "$first"
    firsts+=("$first")
  else
    echo "no answer within 30 s"
    firsts+=(30000)
  fi
  sleep "$gap"
done
printf '%s\n' "${firsts[@]}" | sort -n | awk '{v[NR]=$1} END{printf "%d probes: first byte median %.1f ms, worst %.1f ms\n", NR, v[int((NR+1)/2)], v[NR]}'
