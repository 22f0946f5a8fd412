#!/usr/bin/env bash
# Shared helpers for the end-to-end benchmarks (sourced, not run). Every process started with start_bg is killed by
# the EXIT trap that e2e_init installs, and the work folder is removed; nothing outlives the script.

set -euo pipefail
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E_PIDS=()

# e2e_init: creates $work and installs the cleanup trap.
e2e_init() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/gateway-e2e.XXXXXX")
  trap e2e_cleanup EXIT
  cd "$work" # what the programs write relative to their working directory (dead letters) stays in here
  trap 'exit 130' INT TERM
}

e2e_cleanup() {
  local pid
  for pid in "${E2E_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  sleep 0.5
  for pid in "${E2E_PIDS[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ -n "${KEEP_WORK:-}" ] && echo "work folder kept: $work" >&2 && return
  rm -rf "$work"
}

# need PROGRAM [DEBIAN_PACKAGE...]: installs the packages with apt-get when PROGRAM is missing.
need() {
  local program=$1; shift
  if command -v "$program" >/dev/null 2>&1 || [ -x "/usr/sbin/$program" ]; then return; fi
  local sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "installing $* (for $program)" >&2
  $sudo_cmd apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

# free_port: a loopback TCP port nobody listens on (for programs that cannot bind port 0 and report it).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# build_release PROJECT_DIR: a Release build of a project into $E2E_BIN/NAME (kept between runs, so rebuilds are
# incremental; E2E_BIN defaults to a folder under /tmp); prints that folder.
build_release() {
  local out="${E2E_BIN:-${TMPDIR:-/tmp}/gateway-e2e-bin}/$(basename "$1")"
  echo "building $1 (Release) into $out" >&2
  dotnet build "$E2E_ROOT/$1" -c Release -o "$out" -v quiet -nologo >"$work/build-$(basename "$1").log" 2>&1 \
    || { cat "$work/build-$(basename "$1").log" >&2; return 1; }
  echo "$out"
}

# start_bg LOG_FILE COMMAND...: starts COMMAND in the background, output to LOG_FILE; sets $last_pid.
start_bg() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  last_pid=$!
  E2E_PIDS+=("$last_pid")
}

# wait_log LOG_FILE REGEX [TIMEOUT_S] [PID]: waits for a line matching the extended REGEX and prints its first group
# (sed -E syntax); fails with the log's tail after TIMEOUT_S seconds (default 60), or at once when PID has exited.
wait_log() {
  local log=$1 regex=$2 timeout=${3:-60} pid=${4:-} waited=0 value
  while true; do
    value=$(sed -nE "s#.*${regex}.*#\\1#p" "$log" 2>/dev/null | head -1)
    if [ -n "$value" ]; then echo "$value"; return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "the process writing $log exited before logging /$regex/:" >&2; tail -20 "$log" >&2; return 1
    fi
    if [ "$waited" -ge $((timeout * 10)) ]; then
      echo "timed out after ${timeout}s waiting for /$regex/ in $log:" >&2; tail -20 "$log" >&2; return 1
    fi
    sleep 0.1; waited=$((waited + 1))
  done
}

# GATEWAY_ENV: the environment the gateway runs with in benchmarks (use: start_bg LOG env "${GATEWAY_ENV[@]}" dotnet ...):
# Production, one log line per entry, and the log levels of the built-in configuration (a --config file replaces them).
GATEWAY_ENV=(
  DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
  Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true Logging__Console__FormatterOptions__ColorBehavior=Disabled
  "Logging__LogLevel__Default=${GATEWAY_LOG_LEVEL:-Information}"
  Logging__LogLevel__Microsoft.AspNetCore=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Information
)

# ratio A B: A / B with two decimals.
ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.2f}' if b else 'n/a')" "$1" "$2"; }
