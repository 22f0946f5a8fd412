#!/usr/bin/env bash
# S2: TCP NDJSON lines -> gateway (Tcp input, NewLine framing, one message per line) -> CSV -> Tcp sink, in MB/s of
# NDJSON input, against a direct TCP relay moving the same bytes (bench/TcpLoad relay). Target: >= 100 MB/s.
# Time = from the sender's first byte to the moment the counting sink has every line.
# Before each timed run, WARMUP_MB of other lines go the same way and are delivered (untimed), so the figures are
# those of a running gateway, not of the runtime compiling the route path's code during the first seconds.
# Usage: bench/e2e/s2-tcp-ndjson-csv.sh   (env: MB=100 of NDJSON, WARMUP_MB=10 (0: none), TIMEOUT=300 seconds per run)
source "$(dirname "$0")/lib.sh"
mb=${MB:-100} warmup_mb=${WARMUP_MB:-10} timeout_s=${TIMEOUT:-300}
e2e_init

gateway_bin=$(build_release src/Gateway)
load_bin=$(build_release bench/TcpLoad)
tcpload() { dotnet "$load_bin/TcpLoad.dll" "$@"; }

lines=$(tcpload generate --mb "$mb" --output "$work/input.ndjson" | awk '{print $2}')
bytes=$(stat -c %s "$work/input.ndjson")
echo "input: $lines NDJSON lines, $bytes bytes" >&2
warm_lines=0
if [ "$warmup_mb" -gt 0 ]; then
  warm_lines=$(tcpload generate --mb "$warmup_mb" --output "$work/warmup.ndjson" | awk '{print $2}')
  echo "warm-up: $warm_lines lines before each timed run" >&2
fi

# A counting sink per run; what sits in between (relay or gateway) forwards to it; the file is sent to that.
start_sink() { # NAME -> sets sink_port
  start_bg "$work/sink-$1.log" dotnet "$load_bin/TcpLoad.dll" sink --lines "$((lines + warm_lines))" --warm "$warm_lines" --timeout "$timeout_s" --head "$work/head-$1.txt"
  sink_pid=$last_pid
  sink_port=$(wait_log "$work/sink-$1.log" 'listening on 127\.0\.0\.1:([0-9]+)')
}
send_and_measure() { # NAME PORT -> writes "MB/s ms" to $work/rate-NAME
  if [ "$warm_lines" -gt 0 ]; then
    tcpload send --port "$2" --input "$work/warmup.ndjson" >/dev/null
    wait_log "$work/sink-$1.log" '^warm ([0-9]+)' "$timeout_s" "$sink_pid" >/dev/null
  fi
  tcpload send --port "$2" --input "$work/input.ndjson" >"$work/send-$1.log"
  wait "$sink_pid" || { echo "the $1 sink did not get every line:" >&2; cat "$work/sink-$1.log" >&2; return 1; }
  local start done_ms
  start=$(awk '/^start/ {print $2}' "$work/send-$1.log")
  done_ms=$(awk '/^done/ {print $4}' "$work/sink-$1.log")
  python3 -c "import sys; b, ms = int(sys.argv[1]), int(sys.argv[2]); print(f'{b / 1048576 / (ms / 1000):.1f} {ms}')" "$bytes" "$((done_ms - start))" >"$work/rate-$1"
}

# Reference: a relay moving the same bytes.
start_sink relay
start_bg "$work/relay.log" dotnet "$load_bin/TcpLoad.dll" relay --to-port "$sink_port"
relay_port=$(wait_log "$work/relay.log" 'listening on 127\.0\.0\.1:([0-9]+)')
send_and_measure relay "$relay_port"
read -r relay_rate relay_ms <"$work/rate-relay"
echo "direct relay: $relay_rate MB/s" >&2

# The gateway, with its durable log on disk (the default) and in memory (Gateway:Buffer:Durability = Memory), in
# alternation, so the cost of durability is measured in the same run.
run_gateway() { # NAME DURABILITY -> rate-NAME, rss-NAME
  start_sink "$1"
  cat >"$work/gateway-$1.json" <<JSON
{ "Gateway": {
  "MqttBroker": { "Enabled": false },
  "Buffer": { "Durability": "$2", "Folder": "$work/buffer-$1" },
  "Inputs": { "in": { "Type": "Tcp", "Host": "127.0.0.1", "Port": 0, "Framing": "NewLine", "Format": "Ndjson" } },
  "Sinks": { "out": { "Type": "Tcp", "Host": "127.0.0.1", "Port": $sink_port, "Framing": "NewLine", "Format": "Csv", "HasHeader": false } },
  "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } } } }
JSON
  start_bg "$work/gateway-$1.log" env "${GATEWAY_ENV[@]}" dotnet "$gateway_bin/gateway.dll" serve --config "$work/gateway-$1.json" --urls http://127.0.0.1:0
  local pid=$last_pid port
  port=$(wait_log "$work/gateway-$1.log" 'Input in listening on tcp://127\.0\.0\.1:([0-9]+)' 60 "$pid")
  send_and_measure "$1" "$port"
  awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null >"$work/rss-$1" || echo 0 >"$work/rss-$1"
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f\n", ($14 + $15) / hz}' "/proc/$pid/stat" >"$work/cpu-$1" 2>/dev/null || echo 0 >"$work/cpu-$1"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local errors
  errors=$(grep -ciE '^(fail|crit|warn)' "$work/gateway-$1.log" || true)
  [ "$errors" -gt 0 ] && { echo "the $1 gateway logged $errors warnings or errors:" >&2; grep -iE '^(fail|crit|warn)' "$work/gateway-$1.log" | head -5 >&2; }
  return 0
}
for round in 1 2; do
  run_gateway "disk$round" Disk
  run_gateway "memory$round" Memory
done
best() { sort -n -k1 "$work"/rate-"$1"? | tail -1; } # the better of the two rounds: "MB/s ms"
read -r disk_rate disk_ms < <(best disk)
read -r memory_rate memory_ms < <(best memory)

echo
echo "S2 TCP NDJSON -> CSV -> TCP: $lines lines, $bytes bytes of NDJSON (one message per line)"
echo "first CSV lines at the sink:"; head -3 "$work/head-disk1.txt" | sed 's/^/  /'
echo "| run | time ms | MB/s of input | gateway CPU s (start and warm-up included) |"
echo "|---|---:|---:|---:|"
echo "| direct TCP relay | $relay_ms | $relay_rate | |"
for run in disk1 memory1 disk2 memory2; do
  read -r rate ms <"$work/rate-$run"
  echo "| gateway, buffer $run | $ms | $rate | $(cat "$work/cpu-$run") |"
done
echo "gateway peak RSS: disk $(( $(cat "$work/rss-disk1") / 1024 )) MB, memory $(( $(cat "$work/rss-memory1") / 1024 )) MB"
echo "gateway (disk) = $disk_rate MB/s (target >= 100 MB/s); ratio gateway/relay = $(ratio "$disk_rate" "$relay_rate")"
echo "durability cost: disk/memory = $(ratio "$disk_rate" "$memory_rate") (target >= 0.8)"
exit 0
