#!/usr/bin/env bash
# S5: JetStream. (A) TCP NDJSON lines -> gateway (Tcp input, durable route log) -> Nats sink (JetStream, each publish
# acknowledged by the stream) in messages/s, against the same lines published straight to a stream by a NATS.Net
# publisher in the sink's style (Nats-Msg-Id per message, batches of 256 with every ack outstanding), in the same run.
# Target: gateway rate >= 0.7 x publisher rate. Time = sender's first byte -> the stream holds every message.
# (B) The same lines published to a stream that one, then two gateways read through one shared durable consumer
# (Nats input -> Tcp sink -> a line-counting sink): messages/s from the publisher's first message to the counting
# sink having all of them.
# Usage: bench/e2e/s5-jetstream.sh   (env: MB=5 of NDJSON, WARMUP_MB=1, ROUNDS=2, TIMEOUT=300 seconds per run,
#   DURABILITY=Disk (the gateways' route logs; Memory to see what the disk costs), CONSUMERS=1 (0: skip part B))
source "$(dirname "$0")/lib.sh"
mb=${MB:-5} warmup_mb=${WARMUP_MB:-1} rounds=${ROUNDS:-2} timeout_s=${TIMEOUT:-300} durability=${DURABILITY:-Disk}
need nats-server nats-server
e2e_init
nats_bin=$(command -v nats-server || echo /usr/sbin/nats-server)

gateway_bin=$(build_release src/Gateway)
load_bin=$(build_release bench/TcpLoad)
tcpload() { dotnet "$load_bin/TcpLoad.dll" "$@"; }

lines=$(tcpload generate --mb "$mb" --output "$work/input.ndjson" | awk '{print $2}')
warm_lines=$(tcpload generate --mb "$warmup_mb" --output "$work/warmup.ndjson" | awk '{print $2}')
echo "input: $lines NDJSON lines ($(stat -c %s "$work/input.ndjson") bytes), $warm_lines warm-up lines before each timed run" >&2

nats_port=$(free_port)
start_bg "$work/nats.log" "$nats_bin" -js -a 127.0.0.1 -p "$nats_port" -sd "$work/jetstream"
wait_log "$work/nats.log" '(Server is ready)' 30 "$last_pid" >/dev/null
url="nats://127.0.0.1:$nats_port"
rate() { python3 -c "import sys; n, ms = int(sys.argv[1]), int(sys.argv[2]); print(f'{n / (ms / 1000):.0f} {ms}')" "$1" "$2"; }

# start_gateway NAME CONFIG_JSON: runs a gateway with its own buffer and dead-letter folders; sets gateway_pid.
start_gateway() {
  mkdir -p "$work/$1"
  cat >"$work/$1/gateway.json" <<JSON
{ "Gateway": {
  "MqttBroker": { "Enabled": false },
  "Buffer": { "Durability": "$durability", "Folder": "$work/$1/buffer" }, "DeadLetters": { "Folder": "$work/$1/dead" },
  $2 } }
JSON
  start_bg "$work/$1/gateway.log" env "${GATEWAY_ENV[@]}" dotnet "$gateway_bin/gateway.dll" serve --config "$work/$1/gateway.json" --urls http://127.0.0.1:0
  gateway_pid=$last_pid
}
stop_gateway() { # PID NAME: stops it and reports warnings and errors it logged
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local errors
  errors=$(grep -ciE '^(fail|crit|warn)' "$work/$2/gateway.log" || true)
  [ "$errors" -gt 0 ] && { echo "gateway $2 logged $errors warnings or errors:" >&2; grep -iE '^(fail|crit|warn)' "$work/$2/gateway.log" | head -5 >&2; }
  return 0
}

# (A) reference: the publisher, warm-up lines first, then the timed lines; writes "msg/s ms" to rate-refN.
publisher_run() { # ROUND
  tcpload js-publish --url "$url" --stream "REF$1" --subject "bench.ref$1" --input "$work/input.ndjson" --warmup "$work/warmup.ndjson" >"$work/ref$1.out"
  awk '/^published/ {print $4, $3}' "$work/ref$1.out" >"$work/rate-ref$1"
}
# (A) the gateway: Tcp input -> Nats sink with a stream of its own per round; writes "msg/s ms" to rate-gwN.
gateway_run() { # ROUND
  start_bg "$work/count-gw$1.log" dotnet "$load_bin/TcpLoad.dll" js-count --url "$url" --stream "GW$1" --count "$((warm_lines + lines))" --warm "$warm_lines" --timeout "$timeout_s"
  local count_pid=$last_pid
  start_gateway "gw$1" "\"Inputs\": { \"in\": { \"Type\": \"Tcp\", \"Host\": \"127.0.0.1\", \"Port\": 0, \"Framing\": \"NewLine\", \"Format\": \"Ndjson\" } },
  \"Sinks\": { \"stream\": { \"Type\": \"Nats\", \"Url\": \"$url\", \"Stream\": \"GW$1\", \"Subject\": \"bench.gw$1\", \"Format\": \"Json\" } },
  \"Routes\": { \"r\": { \"Input\": \"in\", \"Sinks\": [ \"stream\" ] } }"
  local pid=$gateway_pid port
  port=$(wait_log "$work/gw$1/gateway.log" 'Input in listening on tcp://127\.0\.0\.1:([0-9]+)' 60 "$pid")
  tcpload send --port "$port" --input "$work/warmup.ndjson" >/dev/null
  wait_log "$work/count-gw$1.log" '^warm ([0-9]+)' "$timeout_s" "$count_pid" >/dev/null
  tcpload send --port "$port" --input "$work/input.ndjson" >"$work/send-gw$1.log"
  wait "$count_pid" || { echo "stream GW$1 did not get every message:" >&2; cat "$work/count-gw$1.log" >&2; return 1; }
  local start done_ms
  start=$(awk '/^start/ {print $2}' "$work/send-gw$1.log")
  done_ms=$(awk '/^done/ {print $3}' "$work/count-gw$1.log")
  rate "$lines" "$((done_ms - start))" >"$work/rate-gw$1"
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f\n", ($14 + $15) / hz}' "/proc/$pid/stat" >"$work/cpu-gw$1" 2>/dev/null || echo 0 >"$work/cpu-gw$1"
  stop_gateway "$pid" "gw$1"
}
for round in $(seq "$rounds"); do
  publisher_run "$round"
  echo "round $round: publisher $(cut -d' ' -f1 "$work/rate-ref$round") msg/s" >&2
  gateway_run "$round"
  echo "round $round: gateway $(cut -d' ' -f1 "$work/rate-gw$round") msg/s" >&2
done

# (B) INSTANCES gateways share the durable consumer NAME on stream NAME (created by them, empty); once all consume,
# the publisher sends the lines and a counting sink waits for all of them. Writes "msg/s ms" to rate-NAME.
consumers_run() { # NAME INSTANCES
  start_bg "$work/sink-$1.log" dotnet "$load_bin/TcpLoad.dll" sink --lines "$lines" --timeout "$timeout_s"
  local sink_pid=$last_pid sink_port pids=() i
  sink_port=$(wait_log "$work/sink-$1.log" 'listening on 127\.0\.0\.1:([0-9]+)')
  for i in $(seq "$2"); do
    start_gateway "$1-$i" "\"Inputs\": { \"bus\": { \"Type\": \"Nats\", \"Url\": \"$url\", \"Stream\": \"$1\", \"Subject\": \"bench.$1\", \"Consumer\": \"workers\", \"Format\": \"Json\" } },
  \"Sinks\": { \"out\": { \"Type\": \"Tcp\", \"Host\": \"127.0.0.1\", \"Port\": $sink_port, \"Framing\": \"NewLine\", \"Format\": \"Ndjson\" } },
  \"Routes\": { \"r\": { \"Input\": \"bus\", \"Sinks\": [ \"out\" ] } }"
    pids+=("$gateway_pid")
  done
  for i in $(seq "$2"); do
    wait_log "$work/$1-$i/gateway.log" '(Input bus consuming stream)' 60 "${pids[$((i - 1))]}" >/dev/null
  done
  tcpload js-publish --url "$url" --stream "$1" --subject "bench.$1" --input "$work/input.ndjson" >"$work/pub-$1.out"
  wait "$sink_pid" || { echo "the $1 sink did not get every line:" >&2; cat "$work/sink-$1.log" >&2; return 1; }
  local start done_ms
  start=$(awk '/^start/ {print $2}' "$work/pub-$1.out")
  done_ms=$(awk '/^done/ {print $4}' "$work/sink-$1.log")
  rate "$lines" "$((done_ms - start))" >"$work/rate-$1"
  awk '/^published/ {print $4, $3}' "$work/pub-$1.out" >"$work/rate-pub-$1"
  for i in $(seq "$2"); do
    grep -q 'Input bus consuming stream' "$work/$1-$i/gateway.log" && awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f ", ($14 + $15) / hz}' "/proc/${pids[$((i - 1))]}/stat" >>"$work/cpu-$1" 2>/dev/null
    stop_gateway "${pids[$((i - 1))]}" "$1-$i"
  done
}
consumer_runs=()
if [ "${CONSUMERS:-1}" != 0 ]; then
  consumers_run ONE 1
  echo "one consumer gateway: $(cut -d' ' -f1 "$work/rate-ONE") msg/s" >&2
  consumers_run TWO 2
  echo "two consumer gateways: $(cut -d' ' -f1 "$work/rate-TWO") msg/s" >&2
  consumer_runs=(ONE TWO)
fi

echo
echo "S5 JetStream: $lines NDJSON lines of $(($(stat -c %s "$work/input.ndjson") / lines)) bytes on average, nats-server $("$nats_bin" --version | awk '{print $2}') on 127.0.0.1:$nats_port (file storage), gateway route logs: $durability"
echo "| run | time ms | msg/s | ratio to the publisher of its round |"
echo "|---|---:|---:|---:|"
best_ratio=0
for round in $(seq "$rounds"); do
  read -r ref_rate ref_ms <"$work/rate-ref$round"
  read -r gw_rate gw_ms <"$work/rate-gw$round"
  r=$(ratio "$gw_rate" "$ref_rate")
  best_ratio=$(python3 -c "import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))" "$best_ratio" "$r")
  echo "| round $round: NATS.Net publisher -> JetStream | $ref_ms | $ref_rate | |"
  echo "| round $round: TCP -> gateway -> Nats sink -> JetStream (gateway CPU $(cat "$work/cpu-gw$round") s) | $gw_ms | $gw_rate | $r |"
done
for name in "${consumer_runs[@]}"; do
  read -r pub_rate pub_ms <"$work/rate-pub-$name"
  read -r c_rate c_ms <"$work/rate-$name"
  echo "| publisher -> JetStream (stream $name, while the gateways read it) | $pub_ms | $pub_rate | |"
  echo "| JetStream -> $([ $name = ONE ] && echo one gateway || echo two gateways) (one consumer) -> TCP, all $lines counted (gateway CPU s: $(cat "$work/cpu-$name")) | $c_ms | $c_rate | $(ratio "$c_rate" "$pub_rate") |"
done
echo "best ratio gateway/publisher = $best_ratio (target >= 0.7)"
[ ${#consumer_runs[@]} -gt 0 ] && echo "two/one gateways = $(ratio "$(cut -d' ' -f1 "$work/rate-TWO")" "$(cut -d' ' -f1 "$work/rate-ONE")")"
exit 0
