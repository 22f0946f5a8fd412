#!/usr/bin/env bash
# Mutation testing with Stryker.NET on one area of the gateway, against the unit tests that cover it.
#
#   bench/mutation/run.sh AREA            one of: csv xml json routing tcp-framing mqtt-input http-ingest
#   bench/mutation/run.sh PATH [FILTER]   a project folder, a folder or a .cs file under src/, with an optional
#                                         test filter (dotnet test --filter syntax) for tests/Gateway.Tests
#
# Prints the mutation score and every surviving (or never run) mutant from Stryker's JSON report; the HTML report
# is next to it under bench/mutation/out/NAME/. A developer tool: CI does not run it. One Stryker process at a time
# with --concurrency 1 (shared machines); set STRYKER_CONCURRENCY to use more cores on your own.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
tests="$root/tests/Gateway.Tests"
area=${1:?usage: bench/mutation/run.sh AREA|PATH [TEST_FILTER]}
filter=${2:-}
files=()

case "$area" in
    csv) project=Gateway.Formats; files=(Csv/*.cs); filter=${filter:-FullyQualifiedName~Gateway.Tests.Formats.Csv} ;;
    xml) project=Gateway.Formats; files=(Xml/*.cs); filter=${filter:-FullyQualifiedName~Gateway.Tests.Formats.Xml} ;;
    json) project=Gateway.Formats; files=(Json/*.cs); filter=${filter:-FullyQualifiedName~Gateway.Tests.Formats.Json} ;;
    routing)
        project=Gateway.Core
        files=(Engine/GatewayEngine.cs Engine/InputDispatcher.cs Engine/RouteRuntime.cs Engine/RouteSet.cs Routing/RouteTableBuilder.cs)
        filter=${filter:-FullyQualifiedName~Gateway.Tests.Routing} ;;
    tcp-framing)
        project=Gateway.Transports
        files=(Tcp/FrameEncoder.cs Tcp/FrameDecoder.cs)
        filter=${filter:-FullyQualifiedName~Gateway.Tests.Transports.Tcp.Frame} ;;
    mqtt-input)
        project=Gateway.Transports
        files=(Mqtt/MqttInput.cs Mqtt/MqttInputPump.cs Mqtt/MqttReceivedMessages.cs)
        filter=${filter:-FullyQualifiedName~Gateway.Tests.Transports.Mqtt.MqttInputTests|FullyQualifiedName~Gateway.Tests.Transports.Mqtt.MosquittoTests} ;;
    http-ingest)
        project=Gateway
        files=(Http/Ingest/IngestEndpoint.cs Http/RequestBodyLimitStream.cs)
        filter=${filter:-FullyQualifiedName~Gateway.Tests.Http.Ingest|FullyQualifiedName~Gateway.Tests.Http.BodyLimitTests|FullyQualifiedName~RequestBodyLimitStreamTests} ;;
    *)
        # A path: the project is the nearest folder above it holding a .csproj.
        target=$(cd "$root" && realpath -m "$area")
        [[ -e "$target" ]] || { echo "no such area or path: $area" >&2; exit 2; }
        dir=$([[ -d "$target" ]] && echo "$target" || dirname "$target")
        while [[ "$dir" != "$root" && -z "$(ls "$dir"/*.csproj 2>/dev/null)" ]]; do dir=$(dirname "$dir"); done
        csproj=$(ls "$dir"/*.csproj 2>/dev/null | head -1)
        [[ -n "$csproj" ]] || { echo "no project above $area" >&2; exit 2; }
        project=$(basename "$csproj" .csproj)
        relative=${target#"$dir"}
        relative=${relative#/}
        if [[ -z "$relative" ]]; then files=("**/*.cs"); elif [[ -d "$target" ]]; then files=("$relative/**/*.cs"); else files=("$relative"); fi ;;
esac

name=$(echo "$area" | tr '/' '-' | tr -cd 'A-Za-z0-9._-')
out="$root/bench/mutation/out/$name"
rm -rf "$out"
mutate=()
for f in "${files[@]}"; do mutate+=(--mutate "$f"); done
args=(--project "$project.csproj" --concurrency "${STRYKER_CONCURRENCY:-1}" --reporter json --reporter html --reporter progress
    --output "$out" --skip-version-check --break-on-initial-test-failure "${mutate[@]}")
[[ -n "$filter" ]] && args+=(--test-case-filter "$filter")

# Stryker's project analysis (Buildalyzer) gives up on "dotnet --info" after 10 s and then fails with "Could not find
# build environment"; on a loaded machine that command alone takes longer.
export DOTNET_INFO_WAIT_TIME=${DOTNET_INFO_WAIT_TIME:-300000}

echo "cd tests/Gateway.Tests && dotnet dotnet-stryker ${args[*]}"
(cd "$tests" && dotnet tool restore > /dev/null && dotnet dotnet-stryker "${args[@]}")
python3 "$root/bench/mutation/summary.py" "$out/reports/mutation-report.json" "$root"
