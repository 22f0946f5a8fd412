#!/usr/bin/env bash
# Fuzzes one target with afl-fuzz through SharpFuzz for MINUTES minutes, then prints its figures.
#   bench/fuzz/run.sh TARGET MINUTES      TARGET: json ndjson xml csv tcp-frames mqtt-guard
# Needs afl++ (apt-get install -y afl++); installs the SharpFuzz command line tool into bench/fuzz/.work/tools.
# Seeds come from bench/fuzz/seeds/TARGET; findings go to bench/fuzz/.work/findings/TARGET (crashes/, hangs/).
# Two targets may run at once: the instrumented build is made once, under a lock, and shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: run.sh TARGET MINUTES}"
minutes="${2:?usage: run.sh TARGET MINUTES}"
seeds="$here/seeds/$target"
work="$here/.work"
bin="$work/bin"
findings="$work/findings/$target"
[ -d "$seeds" ] || { echo "no seed corpus $seeds; targets: $(ls "$here/seeds" | tr '\n' ' ')" >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install -y afl++" >&2; exit 2; }
mkdir -p "$work"

(
  flock 9
  if [ ! -f "$bin/.instrumented" ]; then
    if [ ! -x "$work/tools/sharpfuzz" ]; then
      dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null
    fi
    rm -rf "$bin"
    dotnet publish "$here/Gateway.Fuzz/Gateway.Fuzz.csproj" -c Release -o "$bin" --nologo -v quiet
    # Only the gateway's own assemblies get coverage probes; the runtime's (System.Xml, System.Text.Json) do not.
    for dll in Gateway.Core Gateway.Formats Gateway.Transports; do
      "$work/tools/sharpfuzz" "$bin/$dll.dll"
    done
    touch "$bin/.instrumented"
  fi
) 9>"$work/build.lock"

rm -rf "$findings"
mkdir -p "$findings"
# dotnet itself carries no afl instrumentation (SharpFuzz reports coverage through the shared memory), and this
# machine may not send core dumps to a file: both checks are for C targets.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1 DOTNET_gcServer=0
dict=()
case "$target" in
  json|ndjson) [ -f /usr/share/afl++/dictionaries/json.dict ] && dict=(-x /usr/share/afl++/dictionaries/json.dict) ;;
  xml) [ -f /usr/share/afl++/dictionaries/xml.dict ] && dict=(-x /usr/share/afl++/dictionaries/xml.dict) ;;
esac
afl-fuzz -i "$seeds" -o "$findings" -t 5000 -m none -V $((minutes * 60)) "${dict[@]}" \
  -- dotnet "$bin/Gateway.Fuzz.dll" fuzz "$target" > "$findings/afl.log" 2>&1 || {
  echo "afl-fuzz failed; the end of its log:" >&2; tail -30 "$findings/afl.log" >&2; exit 1; }

stats="$findings/default/fuzzer_stats"
value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
crashes=("$findings"/default/crashes/id:*)
[ -e "${crashes[0]}" ] || crashes=()
echo "target=$target minutes=$minutes execs=$(value execs_done) execs_per_sec=$(value execs_per_sec)" \
  "corpus=$(value corpus_count) edges=$(value edges_found) crashes=$(value saved_crashes) hangs=$(value saved_hangs)"
if [ "${#crashes[@]}" -gt 0 ]; then
  echo "replaying the crashes (each one becomes a regression test):"
  dotnet "$bin/Gateway.Fuzz.dll" replay "$target" "${crashes[@]}" || true
fi
