#!/usr/bin/env bash
# Peak memory of `gateway convert` on large inputs: the CLI streams, so peak RSS must stay under 200 MB
# however big the file. Usage: bench/streaming-rss.sh [SIZE_MB]   (default 600)
# Needs /usr/bin/time (Debian package `time`) and python3 to generate the inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-600}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build src/Gateway -c Release -o "$work/bin" >/dev/null
gateway=("dotnet" "$work/bin/gateway.dll")

python3 - "$work" "$size_mb" <<'PY'
import sys
work, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
cities = ["Berlin", "Lyon", "Sao Paulo", "\"Zurich\"", "New York, NY"]
with open(f"{work}/big.csv", "w", newline="") as f:
    f.write("id,sku,name,price,qty,city,note\n")
    i = 0
    while f.tell() < size:
        rows = []
        for j in range(i, i + 10000):
            city = cities[j % len(cities)]
            if '"' in city or ',' in city:
                city = '"' + city.replace('"', '""') + '"'
            rows.append(f"{j},SKU-{j % 9973:05d},Item {j},{j % 1000 / 10 + 0.99:.2f},{j % 17},{city},note {j}\n")
        f.write("".join(rows))
        i += 10000
PY

measure() { # name, then the command
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@"
  end=$(date +%s.%N)
  local rss_kb; rss_kb=$(tail -1 "$work/rss")
  local in_mb; in_mb=$(du -m "$input" | cut -f1)
  printf '| %s | %s MB | %.0f MB | %.1f s | %.0f MB/s |\n' "$name" "$in_mb" "$(echo "$rss_kb/1024" | bc -l)" \
    "$(echo "$end-$start" | bc -l)" "$(echo "$in_mb/($end-$start)" | bc -l)"
}

echo "| conversion | input | peak RSS (target < 200 MB) | time | throughput |"
echo "|---|---:|---:|---:|---:|"
input="$work/big.csv"
measure "CSV -> NDJSON" "${gateway[@]}" convert --input "$work/big.csv" --output "$work/big.ndjson"
measure "CSV -> JSON array" "${gateway[@]}" convert --input "$work/big.csv" --output "$work/big.json"
input="$work/big.ndjson"
measure "NDJSON -> CSV" "${gateway[@]}" convert --input "$work/big.ndjson" --output "$work/back.csv"
input="$work/big.json"
measure "JSON array -> CSV" "${gateway[@]}" convert --input "$work/big.json" --output "$work/back2.csv"
measure "JSON array -> XML" "${gateway[@]}" convert --input "$work/big.json" --output "$work/big.xml" --root orders --item order
input="$work/big.xml"
measure "XML (--record-element) -> NDJSON" "${gateway[@]}" convert --input "$work/big.xml" --output "$work/back.ndjson" --record-element order
