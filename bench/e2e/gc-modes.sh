#!/usr/bin/env bash
# The garbage collector's cost in S1 and S4: the same gateway build run with the Server GC (DOTNET_gcServer=1) and
# with the workstation GC (DOTNET_gcServer=0), side by side, the two modes alternating round by round (their order
# swapped every round) so that the load of a shared machine falls on both alike. S1: POST /convert CSV -> JSON
# (the body of s1-convert-http.sh). S4: POST to an Http input answered 202 once stored -> File sink, with the buffer
# on disk and in memory (the body of s4-http-ingest-durable.sh). Prints req/s, the server CPU per request (user +
# system time over the run, divided by the requests answered; it moves less with the load than req/s) and the
# resident memory after the runs, and the ratios workstation/server.
# Usage: bench/e2e/gc-modes.sh   (env: DURATION=5 seconds per run, ROUNDS=3, CONNECTIONS=32, THREADS=2)
source "$(dirname "$0")/lib.sh"
duration=${DURATION:-5} rounds=${ROUNDS:-3} connections=${CONNECTIONS:-32} threads=${THREADS:-2}
need wrk wrk
need curl curl
e2e_init

gateway_bin=$(build_release src/Gateway)

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
cities = ["Berlin", "Lyon", "Sao Paulo", "\"Zurich\"", "New York, NY"]
def write(path, rows, quoted):
    with open(path, "w", newline="") as f:
        f.write("id,sku,name,price,qty,city,note\n")
        for i in range(rows):
            city = cities[i % len(cities)] if quoted else "Lyon"
            if '"' in city or ',' in city:
                city = '"' + city.replace('"', '""') + '"'
            f.write(f"{i},SKU-{i * 7919 % 99991:05d},Item number {i},{i % 1000 / 10 + 0.99:.2f},{i % 17},{city},note for order line {i}\n")
write(f"{work}/s1.csv", 100, True)
write(f"{work}/s4.csv", 10, False)
PY
for scenario in s1 s4; do
  cat >"$work/$scenario.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/csv"
wrk.headers["Accept"] = "application/json"
local file = assert(io.open("$work/$scenario.csv", "rb"))
wrk.body = file:read("*a")
file:close()
LUA
done

declare -A url pid
start_gateway() { # NAME GC_SERVER(0|1) [DURABILITY]: an S1 gateway without DURABILITY, an S4 one with it
  local buffer="" routes=""
  if [ -n "${3:-}" ]; then
    buffer="\"Buffer\": { \"Durability\": \"$3\", \"Folder\": \"$work/buffer-$1\" },"
    routes="\"Inputs\": { \"in\": { \"Type\": \"Http\", \"Path\": \"/ingest\" } },
      \"Sinks\": { \"out\": { \"Type\": \"File\", \"Folder\": \"$work/out-$1\", \"Mode\": \"Append\", \"Format\": \"Ndjson\" } },
      \"Routes\": { \"r\": { \"Input\": \"in\", \"Sinks\": [ \"out\" ] } },"
  fi
  cat >"$work/gateway-$1.json" <<JSON
{ "Gateway": { $buffer $routes
  "MqttBroker": { "Enabled": false }, "DeadLetters": { "Folder": "$work/dead-$1" } } }
JSON
  start_bg "$work/gateway-$1.log" env "${GATEWAY_ENV[@]}" DOTNET_gcServer="$2" dotnet "$gateway_bin/gateway.dll" serve --config "$work/gateway-$1.json" --urls http://127.0.0.1:0
  pid[$1]=$last_pid
  url[$1]=$(wait_log "$work/gateway-$1.log" 'Now listening on: (http://[0-9.:]+)' 60 "$last_pid")
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

declare -A rates cpu
run() { # NAME PATH LUA SECONDS: one wrk run; appends req/s and CPU us/request to rates[NAME] and cpu[NAME]
  local before after out requests
  before=$(cpu_ticks "${pid[$1]}")
  out=$(wrk -t"$threads" -c"$connections" -d"$4s" -s "$work/$3.lua" "${url[$1]}$2")
  after=$(cpu_ticks "${pid[$1]}")
  echo "$1: $out" >>"$work/wrk.log"
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "$out" >&2; echo "errors during the run against $1" >&2; return 1; fi
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rates[$1]+="$(awk '/Requests\/sec:/ {printf "%.0f", $2}' <<<"$out") "
  cpu[$1]+="$(python3 -c "import os, sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / os.sysconf(\"SC_CLK_TCK\") * 1e6 / int(sys.argv[3]):.1f}')" "$before" "$after" "$requests") "
}
mean() { python3 -c "import sys; v=[float(x) for x in sys.argv[1:]]; print(f'{sum(v)/len(v):.1f}')" "$@"; }

# rounds PATH LUA NAME...: warms each up, then ROUNDS rounds over the names, the order reversed every other round.
rounds() {
  local path=$1 lua=$2; shift 2
  local names=("$@") order round name
  for name in "${names[@]}"; do wrk -t"$threads" -c"$connections" -d3s -s "$work/$lua.lua" "${url[$name]}$path" >/dev/null; done
  for round in $(seq "$rounds"); do
    echo "$lua round $round/$rounds: ${duration}s each" >&2
    order=("${names[@]}")
    if [ $((round % 2)) = 0 ]; then order=(); for ((i = ${#names[@]} - 1; i >= 0; i--)); do order+=("${names[$i]}"); done; fi
    for name in "${order[@]}"; do run "$name" "$path" "$lua" "$duration"; done
  done
}

start_gateway s1-server 1
start_gateway s1-workstation 0
rounds /convert s1 s1-server s1-workstation
declare -A rss
for name in s1-server s1-workstation; do rss[$name]=$(rss_mb "${pid[$name]}"); kill "${pid[$name]}"; done

for durability in Disk Memory; do
  start_gateway "s4-$durability-server" 1 "$durability"
  start_gateway "s4-$durability-workstation" 0 "$durability"
done
rounds /ingest s4 s4-Disk-server s4-Disk-workstation s4-Memory-server s4-Memory-workstation
for name in s4-Disk-server s4-Disk-workstation s4-Memory-server s4-Memory-workstation; do rss[$name]=$(rss_mb "${pid[$name]}"); done

echo
echo "GC modes: wrk -t${threads} -c${connections}, ${rounds} x ${duration}s per gateway, alternating; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| scenario | GC | req/s per round | mean req/s | CPU us/request per round | mean CPU us/request | RSS after (MB) |"
echo "|---|---|---:|---:|---:|---:|---:|"
for name in s1-server s1-workstation s4-Disk-server s4-Disk-workstation s4-Memory-server s4-Memory-workstation; do
  # shellcheck disable=SC2086
  echo "| ${name%-*} | ${name##*-} | ${rates[$name]}| $(mean ${rates[$name]}) | ${cpu[$name]}| $(mean ${cpu[$name]}) | ${rss[$name]} |"
done
echo
echo "| scenario | workstation/server req/s | workstation/server CPU per request |"
echo "|---|---:|---:|"
for scenario in s1 s4-Disk s4-Memory; do
  # shellcheck disable=SC2086
  echo "| $scenario | $(ratio "$(mean ${rates[$scenario-workstation]})" "$(mean ${rates[$scenario-server]})") | $(ratio "$(mean ${cpu[$scenario-workstation]})" "$(mean ${cpu[$scenario-server]})") |"
done
