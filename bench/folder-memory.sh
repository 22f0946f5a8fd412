#!/usr/bin/env bash
# A large CSV file through a hot folder: a Folder input (Records mode, streaming) -> one route -> a File sink in
# WholeFile mode writing XML. Samples the gateway's resident memory (VmRSS) every 0.2 s from the moment the file is
# dropped until the XML file is complete, and prints the peak beside the target (< 200 MB) and the time beside
# `gateway convert` doing the same conversion on the same file (the reference: no durable log, no spool).
# The route log keeps up to Buffer:MemoryBytes of committed messages in memory for the sinks (default 16 MiB); the
# second argument sets it. KILL_AFTER=SECONDS kills the gateway with SIGKILL that long after the file was dropped,
# restarts it, and checks that the XML file still has every record once. GATEWAY_BIN=folder-with-gateway.dll skips
# the Release build; any DOTNET_* variable (DOTNET_gcServer=0) goes to the gateway.
# Usage: bench/folder-memory.sh [SIZE_MB] [BUFFER_MEMORY_MB]   (defaults 500 and the gateway's default). Needs python3 and bc; Linux (/proc).
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-500}
memory_mb=${2:-}
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [ -n "${GATEWAY_BIN:-}" ]; then cp -r "$GATEWAY_BIN" "$work/bin"; else dotnet build src/Gateway -c Release -o "$work/bin" >/dev/null; fi

python3 - "$work" "$size_mb" <<'PY'
import sys
work, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
with open(f"{work}/orders.csv", "w", newline="") as f:
    f.write("id,sku,name,price,qty,city\n")
    i = 0
    while f.tell() < size:
        f.write("".join(f"{j},SKU-{j % 9973:05d},Item {j},{j % 1000 / 10 + 0.99:.2f},{j % 17},Lyon\n" for j in range(i, i + 10000)))
        i += 10000
PY
records=$(($(wc -l < "$work/orders.csv") - 1))
in_mb=$(du -m "$work/orders.csv" | cut -f1)

mkdir -p "$work/in" "$work/out" "$work/run"
cat > "$work/gateway.json" <<JSON
{ "Gateway": {
    "Buffer": { "Folder": "$work/run/buffer"${memory_mb:+, \"MemoryBytes\": $((memory_mb * 1024 * 1024))} },
    "Inputs": { "orders": { "Type": "Folder", "Path": "$work/in", "Pattern": "*.csv", "ReadyAfter": "00:00:00.500" } },
    "Sinks": { "wms": { "Type": "File", "Folder": "$work/out", "Mode": "WholeFile", "Format": "Xml", "RootElement": "orders", "ItemElement": "order" } },
    "Routes": { "orders": { "Input": "orders", "Sinks": [ "wms" ] } } } }
JSON

start_gateway() {
  (cd "$work/run" && exec dotnet "$work/bin/gateway.dll" serve --config "$work/gateway.json" --urls http://127.0.0.1:0 >> "$work/gateway.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 300); do grep -q "Input orders watching" "$work/gateway.log" && break; sleep 0.1; done
}
start_gateway
idle_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)

start=$(date +%s.%N)
mv "$work/orders.csv" "$work/in/orders.csv"
peak_kb=0; stored=""; killed=""
while [ ! -f "$work/out/orders.xml" ]; do
  if [ -n "${KILL_AFTER:-}" ] && [ -z "$killed" ] && [ "$(echo "$(date +%s.%N)-$start > $KILL_AFTER" | bc -l)" = 1 ]; then
    killed=$(grep -ho '"records":[0-9]*' "$work"/in/.progress/*.json 2>/dev/null | head -1 | cut -d: -f2)
    kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    echo "killed with SIGKILL after $KILL_AFTER s, ${killed:-0} records stored; restarting"
    killed=${killed:-0}
    start_gateway
  fi
  kill -0 "$pid" 2>/dev/null || { echo "the gateway exited:"; tail -20 "$work/gateway.log"; exit 1; }
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  [ "$rss" -gt "$peak_kb" ] && peak_kb=$rss
  [ -z "$stored" ] && [ -f "$work/in/.done/orders.csv" ] && stored=$(date +%s.%N)
  sleep 0.2
done
end=$(date +%s.%N)
[ -z "$stored" ] && stored=$end
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
out_records=$(grep -o "<order>" "$work/out/orders.xml" | wc -l)

ref_start=$(date +%s.%N)
dotnet "$work/bin/gateway.dll" convert --input "$work/in/.done/orders.csv" --output "$work/reference.xml" --root orders --item order
ref_end=$(date +%s.%N)

t=$(echo "$end-$start" | bc -l); ref=$(echo "$ref_end-$ref_start" | bc -l)
echo "Buffer:MemoryBytes ${memory_mb:-default} MiB${killed:+, killed and restarted once}"
echo "| input | records in / out | idle RSS | peak RSS (target < 200 MB) | stored (file in Done) | XML complete | gateway convert | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '| %s MB CSV | %s / %s | %.0f MB | %.0f MB | %.1f s | %.1f s (%.0f MB/s) | %.1f s | %.1f |\n' \
  "$in_mb" "$records" "$out_records" "$(echo "$idle_kb/1024" | bc -l)" "$(echo "$peak_kb/1024" | bc -l)" \
  "$(echo "$stored-$start" | bc -l)" "$t" "$(echo "$in_mb/$t" | bc -l)" "$ref" "$(echo "$t/$ref" | bc -l)"
cmp -s "$work/out/orders.xml" "$work/reference.xml" && echo "The XML file equals gateway convert's output." || echo "The XML file DIFFERS from gateway convert's output."
if [ -n "$killed" ]; then
  [ "$out_records" = "$records" ] && echo "After the kill: every record arrived, once." || echo "After the kill: $out_records of $records records in the XML file."
fi
