#!/usr/bin/env bash
# S3: mosquitto -> gateway (Mqtt input, Format Xml, QoS 1) -> JSON -> Mqtt sink (QoS 1, templated topic) -> the same
# mosquitto, in messages per second, against mosquitto alone (mosquitto_pub -> mosquitto_sub, QoS 1, same messages).
# Target: gateway rate >= 0.7 x broker-only rate. Rate = messages / (publisher start -> subscriber has them all).
# Usage: bench/e2e/s3-mqtt-xml-json.sh   (env: MESSAGES=20000, TIMEOUT=300 seconds per run)
source "$(dirname "$0")/lib.sh"
messages=${MESSAGES:-20000} timeout_s=${TIMEOUT:-300}
need mosquitto mosquitto
need mosquitto_pub mosquitto-clients
e2e_init
mosquitto_bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)

gateway_bin=$(build_release src/Gateway)

python3 - "$work/input.xml" "$messages" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    for i in range(n):
        f.write(f'<reading device="dev-{i % 50}"><seq>{i}</seq><temperature unit="C">{20 + i % 150 / 10:.1f}</temperature>'
                f'<status>ok</status><note>sensor &amp; gateway {i}</note></reading>\n')
PY

port=$(free_port)
cat >"$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 0
max_inflight_messages 0
set_tcp_nodelay true
log_dest stdout
log_type error
log_type warning
CONF
start_bg "$work/mosquitto.log" "$mosquitto_bin" -c "$work/mosquitto.conf"
for _ in $(seq 100); do mosquitto_pub -h 127.0.0.1 -p "$port" -t ready -m x 2>/dev/null && break; sleep 0.1; done

# measure NAME PUBLISH_TOPIC SUBSCRIBE_TOPIC: subscriber first (QoS 1, exits after $messages), then the publisher
# (one message per input line, QoS 1); writes "rate ms" to $work/rate-NAME.
measure() {
  start_bg "$work/sub-$1.out" mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -t "$3" -C "$messages" -W "$timeout_s" -i "bench-sub-$1"
  local sub_pid=$last_pid
  sleep 1 # the subscription is in place (mosquitto_sub prints nothing until messages arrive)
  local start end
  start=$(date +%s%N)
  mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -t "$2" -l -i "bench-pub-$1" <"$work/input.xml"
  wait "$sub_pid" || { echo "$1: the subscriber got $(wc -l <"$work/sub-$1.out") of $messages messages in ${timeout_s}s" >&2; return 1; }
  end=$(date +%s%N)
  python3 -c "import sys; n, ns = int(sys.argv[1]), int(sys.argv[2]); print(f'{n / (ns / 1e9):.0f} {ns // 1000000}')" "$messages" "$((end - start))" >"$work/rate-$1"
}

measure broker bench/direct bench/direct
read -r broker_rate broker_ms <"$work/rate-broker"
echo "broker only: $broker_rate msg/s" >&2

cat >"$work/gateway.json" <<JSON
{ "Gateway": {
  "MqttBroker": { "Enabled": false },
  "Inputs": { "in": { "Type": "Mqtt", "Server": "mqtt://127.0.0.1:$port", "ClientId": "bench-gateway-in", "Topic": "bench/in/#", "Qos": 1, "Format": "Xml" } },
  "Sinks": { "out": { "Type": "Mqtt", "Server": "mqtt://127.0.0.1:$port", "ClientId": "bench-gateway-out", "Topic": "bench/out/{topic[2]}", "Qos": 1, "PublishWindow": 16, "Format": "Json" } },
  "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } } } }
JSON
start_bg "$work/gateway.log" env "${GATEWAY_ENV[@]}" dotnet "$gateway_bin/gateway.dll" serve --config "$work/gateway.json" --urls http://127.0.0.1:0
gateway_pid=$last_pid
wait_log "$work/gateway.log" 'Now listening on: (http://[0-9.:]+)' 60 "$gateway_pid" >/dev/null
# Ready when a probe goes all the way through (the input has subscribed and the sink has connected).
start_bg "$work/probe.out" mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -t bench/out/probe -C 1 -W 60
probe_pid=$last_pid
sleep 0.5
for _ in $(seq 120); do
  kill -0 "$probe_pid" 2>/dev/null || break
  mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -t bench/in/probe -m '<probe>1</probe>'
  sleep 0.5
done
wait "$probe_pid" || { echo "no probe came through the gateway in 60 s:" >&2; tail -20 "$work/gateway.log" >&2; exit 1; }
sleep 1 # probes published after the first one still in flight

measure gateway bench/in/data bench/out/data
read -r gateway_rate gateway_ms <"$work/rate-gateway"
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$gateway_pid/status" 2>/dev/null || echo 0)

echo
echo "S3 MQTT XML -> gateway -> JSON -> MQTT: $messages messages, QoS 1, mosquitto on 127.0.0.1:$port"
echo "first message in:  $(head -1 "$work/input.xml")"
echo "first message out: $(head -1 "$work/sub-gateway.out")"
echo "| run | time ms | msg/s |"
echo "|---|---:|---:|"
echo "| mosquitto_pub -> mosquitto -> mosquitto_sub | $broker_ms | $broker_rate |"
echo "| ... -> gateway (XML -> JSON) -> mosquitto -> ... | $gateway_ms | $gateway_rate |"
echo "gateway peak RSS: $((rss_kb / 1024)) MB"
echo "ratio gateway/broker = $(ratio "$gateway_rate" "$broker_rate") (target >= 0.7)"
