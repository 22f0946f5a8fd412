#!/usr/bin/env bash
# S4: POST to an Http input (CSV -> JSON, answered 202 once stored) -> File sink, requests per second with wrk, with
# the durable log on disk (Gateway:Buffer:Durability = Disk, the default) against the same gateway with the log in
# memory, in alternation; beside them the raw fsync rate of the same disk (the physical limit of a durable commit)
# and the disk gateway's commits per second and messages per commit (from /metrics).
# Target: disk >= 0.8 x memory.
# Usage: bench/e2e/s4-http-ingest-durable.sh   (env: DURATION=10 seconds per run, ROUNDS=2, CONNECTIONS=32, THREADS=2, ROWS=10)
source "$(dirname "$0")/lib.sh"
duration=${DURATION:-10} rounds=${ROUNDS:-2} connections=${CONNECTIONS:-32} threads=${THREADS:-2} rows=${ROWS:-10}
need wrk wrk
need curl curl
e2e_init

gateway_bin=$(build_release src/Gateway)

python3 - "$work/body.csv" "$rows" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w", newline="") as f:
    f.write("id,sku,name,price,qty,city,note\n")
    for i in range(rows):
        f.write(f"{i},SKU-{i * 7919 % 99991:05d},Item number {i},{i % 1000 / 10 + 0.99:.2f},{i % 17},Lyon,note for order line {i}\n")
PY
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/csv"
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = file:read("*a")
file:close()
LUA
export BODY_FILE="$work/body.csv"

start_gateway() { # NAME DURABILITY -> prints the base URL
  cat >"$work/gateway-$1.json" <<JSON
{ "Gateway": {
  "MqttBroker": { "Enabled": false },
  "Buffer": { "Durability": "$2", "Folder": "$work/buffer-$1" },
  "DeadLetters": { "Folder": "$work/dead-$1" },
  "Inputs": { "in": { "Type": "Http", "Path": "/ingest" } },
  "Sinks": { "out": { "Type": "File", "Folder": "$work/out-$1", "Mode": "Append", "Format": "Ndjson" } },
  "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } } } }
JSON
  start_bg "$work/gateway-$1.log" env "${GATEWAY_ENV[@]}" dotnet "$gateway_bin/gateway.dll" serve --config "$work/gateway-$1.json" --urls http://127.0.0.1:0
  wait_log "$work/gateway-$1.log" 'Now listening on: (http://[0-9.:]+)' 60 "$last_pid"
}
disk_url=$(start_gateway disk Disk)
memory_url=$(start_gateway memory Memory)
for url in "$disk_url" "$memory_url"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: text/csv' --data-binary "@$BODY_FILE" "$url/ingest")
  [ "$code" = 202 ] || { echo "$url/ingest answered $code, not 202" >&2; exit 1; }
done

run_wrk() { # URL SECONDS -> prints requests/s; fails on any non-2xx answer or socket error
  local out; out=$(wrk -t"$threads" -c"$connections" -d"$2s" -s "$work/post.lua" "$1")
  echo "$out" >>"$work/wrk.log"
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "$out" >&2; echo "errors during the run against $1" >&2; return 1; fi
  awk '/Requests\/sec:/ {print $2}' <<<"$out"
}
metric() { # URL NAME -> the value of a Prometheus sample without labels of its own (the exporter adds otel_scope_*)
  curl -sf "$1/metrics" | awk -v name="$2" 'index($1, name) == 1 && (length($1) == length(name) || substr($1, length(name) + 1, 1) == "{") {print $2; exit}'
}
fsync_rate() { # the raw rate of 200-byte append + fsync on the buffer's disk, for 2 s
  python3 - "$work/fsync-probe" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
n, start = 0, time.monotonic()
while time.monotonic() - start < 2:
    os.write(fd, b"x" * 200); os.fsync(fd); n += 1
os.close(fd); os.remove(sys.argv[1])
print(f"{n / (time.monotonic() - start):.0f}")
PY
}

echo "warming up (3 s each)" >&2
run_wrk "$disk_url/ingest" 3 >/dev/null
run_wrk "$memory_url/ingest" 3 >/dev/null
disk_rates=() memory_rates=() fsync_rates=() commit_rates=() per_commit=()
for round in $(seq "$rounds"); do
  echo "round $round/$rounds: ${duration}s each" >&2
  fsync_rates+=("$(fsync_rate)")
  commits_before=$(metric "$disk_url" gateway_buffer_commits_total)
  messages_before=$(metric "$disk_url" gateway_buffer_committed_messages_total)
  disk_rates+=("$(run_wrk "$disk_url/ingest" "$duration")")
  commits=$(( $(metric "$disk_url" gateway_buffer_commits_total) - commits_before ))
  messages=$(( $(metric "$disk_url" gateway_buffer_committed_messages_total) - messages_before ))
  commit_rates+=("$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$commits" "$duration")")
  per_commit+=("$(python3 -c "import sys; c = int(sys.argv[1]); print(f'{int(sys.argv[2]) / c:.1f}' if c else 'n/a')" "$commits" "$messages")")
  memory_rates+=("$(run_wrk "$memory_url/ingest" "$duration")")
done
mean() { python3 -c "import sys; v=[float(x) for x in sys.argv[1:]]; print(f'{sum(v)/len(v):.0f}')" "$@"; }
disk_rate=$(mean "${disk_rates[@]}")
memory_rate=$(mean "${memory_rates[@]}")
fsync=$(mean "${fsync_rates[@]}")
commit_rate=$(mean "${commit_rates[@]}")

echo
echo "S4 POST /ingest CSV (${rows} rows, $(stat -c %s "$BODY_FILE") B) -> 202 -> File sink; wrk -t${threads} -c${connections}, ${rounds} x ${duration}s"
echo "| run | per round | mean |"
echo "|---|---:|---:|"
echo "| raw fsync/s of the buffer's disk (200 B append + fsync) | ${fsync_rates[*]} | ${fsync} |"
echo "| gateway, buffer on disk: req/s | ${disk_rates[*]} | ${disk_rate} |"
echo "| gateway, buffer on disk: commits/s | ${commit_rates[*]} | ${commit_rate} |"
echo "| gateway, buffer on disk: messages per commit | ${per_commit[*]} | |"
echo "| gateway, buffer in memory: req/s | ${memory_rates[*]} | ${memory_rate} |"
echo "durability cost: disk/memory = $(ratio "$disk_rate" "$memory_rate") (target >= 0.8); commits/s / raw fsync/s = $(ratio "$commit_rate" "$fsync")"
for name in disk memory; do
  errors=$(grep -ciE '^(fail|crit|warn)' "$work/gateway-$name.log" || true)
  [ "$errors" -gt 0 ] && { echo "the $name gateway logged $errors warnings or errors:" >&2; grep -iE '^(fail|crit|warn)' "$work/gateway-$name.log" | head -5 >&2; }
done
exit 0
