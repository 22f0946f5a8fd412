#!/usr/bin/env bash
# Regenerates the dashboard screenshots in docs/ (dashboard.png at 1400 px, dashboard-760.png at 760 px) by running
# the dashboard's browser tests against the real gateway with GATEWAY_SCREENSHOTS set: the pictures show a real
# configuration (three inputs, three sinks) with traffic flowing, the live tail open and a reload applied.
# Needs chromium (apt-get install -y chromium). Usage: docs/screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
GATEWAY_SCREENSHOTS="$root/docs" GATEWAY_REQUIRE_EXTERNAL=1 \
  dotnet test "$root/tests/Gateway.FunctionalTests" --filter "FullyQualifiedName~Gateway.FunctionalTests.Dashboard.DashboardMapTests"
ls -l "$root/docs/dashboard.png" "$root/docs/dashboard-760.png"
