#!/usr/bin/env bash
# S1: POST /convert, CSV -> JSON, requests per second with wrk, against bare Kestrel echoing the same body
# (bench/EchoServer). Target: gateway req/s >= 0.8 x echo req/s (issue 11; 0.7 before).
# Usage: bench/e2e/s1-convert-http.sh   (env: DURATION=10 seconds per run, ROUNDS=2, CONNECTIONS=32, THREADS=2, ROWS=100)
source "$(dirname "$0")/lib.sh"
duration=${DURATION:-10} rounds=${ROUNDS:-2} connections=${CONNECTIONS:-32} threads=${THREADS:-2} rows=${ROWS:-100}
need wrk wrk
need curl curl
e2e_init

gateway_bin=$(build_release src/Gateway)
echo_bin=$(build_release bench/EchoServer)

python3 - "$work/body.csv" "$rows" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
cities = ["Berlin", "Lyon", "Sao Paulo", "\"Zurich\"", "New York, NY"]
with open(path, "w", newline="") as f:
    f.write("id,sku,name,price,qty,city,note\n")
    for i in range(rows):
        city = cities[i % len(cities)]
        if '"' in city or ',' in city:
            city = '"' + city.replace('"', '""') + '"'
        f.write(f"{i},SKU-{i * 7919 % 99991:05d},Item number {i},{i % 1000 / 10 + 0.99:.2f},{i % 17},{city},note for order line {i}\n")
PY
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/csv"
wrk.headers["Accept"] = "application/json"
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = file:read("*a")
file:close()
LUA
export BODY_FILE="$work/body.csv"
echo '{ "Gateway": {} }' >"$work/gateway.json"

start_bg "$work/gateway.log" env "${GATEWAY_ENV[@]}" dotnet "$gateway_bin/gateway.dll" serve --config "$work/gateway.json" --urls http://127.0.0.1:0
gateway_pid=$last_pid
start_bg "$work/echo.log" env DOTNET_ENVIRONMENT=Production dotnet "$echo_bin/EchoServer.dll" --urls http://127.0.0.1:0
gateway_url=$(wait_log "$work/gateway.log" 'Now listening on: (http://[0-9.:]+)' 60 "$gateway_pid")
echo_url=$(wait_log "$work/echo.log" 'Now listening on: (http://[0-9.:]+)')

# Both answer correctly before anything is measured.
curl -sf -X POST -H 'Content-Type: text/csv' -H 'Accept: application/json' --data-binary "@$BODY_FILE" "$gateway_url/convert" >"$work/answer.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==int(sys.argv[2]), len(d)" "$work/answer.json" "$rows"
curl -sf -X POST -H 'Content-Type: text/csv' --data-binary "@$BODY_FILE" "$echo_url/echo" | cmp -s - "$BODY_FILE"

run_wrk() { # URL SECONDS -> prints requests/s; fails on any non-2xx answer or socket error
  local out; out=$(wrk -t"$threads" -c"$connections" -d"$2s" -s "$work/post.lua" "$1")
  echo "$out" >>"$work/wrk.log"
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "$out" >&2; echo "errors during the run against $1" >&2; return 1; fi
  awk '/Requests\/sec:/ {print $2}' <<<"$out"
}

echo "warming up (3 s each)" >&2
run_wrk "$echo_url/echo" 3 >/dev/null
run_wrk "$gateway_url/convert" 3 >/dev/null
echo_rates=() gateway_rates=()
for round in $(seq "$rounds"); do
  echo "round $round/$rounds: ${duration}s each" >&2
  echo_rates+=("$(run_wrk "$echo_url/echo" "$duration")")
  gateway_rates+=("$(run_wrk "$gateway_url/convert" "$duration")")
done
mean() { python3 -c "import sys; v=[float(x) for x in sys.argv[1:]]; print(f'{sum(v)/len(v):.0f}')" "$@"; }
echo_rate=$(mean "${echo_rates[@]}")
gateway_rate=$(mean "${gateway_rates[@]}")
body_bytes=$(stat -c %s "$BODY_FILE")
answer_bytes=$(stat -c %s "$work/answer.json")

echo
echo "S1 POST /convert CSV -> JSON: ${rows} rows, ${body_bytes} B in, ${answer_bytes} B out; wrk -t${threads} -c${connections}, ${rounds} x ${duration}s"
echo "| run | req/s (per round) | mean req/s |"
echo "|---|---:|---:|"
echo "| bare Kestrel echo | ${echo_rates[*]} | ${echo_rate} |"
echo "| gateway /convert | ${gateway_rates[*]} | ${gateway_rate} |"
echo "ratio gateway/echo = $(ratio "$gateway_rate" "$echo_rate") (target >= 0.8)"
