#!/usr/bin/env bash
# Mutation testing of src/PeiTracker.Domain with Stryker.NET, driven by tests/PeiTracker.Domain.Tests.
# Settings (thresholds, reporters, mutation level) live in tests/PeiTracker.Domain.Tests/stryker-config.json;
# the run fails when the score is under its break threshold. Reports go to artifacts/mutation/reports
# (mutation-report.html to read, mutation-report.json for tools).
#
#   ./scripts/mutation.sh                                     # the whole domain
#   ./scripts/mutation.sh -m "**/Progress/ProgressCalculator.cs"   # one file while working on it
#
# PEI_MUTATION_CONCURRENCY sets the number of parallel test runners (default 2). Extra arguments go to Stryker.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

# The tool version is pinned in dotnet-tools.json, so a fresh clone gets the same Stryker.
dotnet tool restore >/dev/null

out="$root/artifacts/mutation"
rm -rf "$out"
mkdir -p "$out"
log="$out/stryker.log"

cd tests/PeiTracker.Domain.Tests
set +e
dotnet stryker --output "$out" --concurrency "${PEI_MUTATION_CONCURRENCY:-2}" --skip-version-check "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

score=$(sed -nE 's/.*The final mutation score is ([0-9.]+) %.*/\1/p' "$log" | tail -n 1)
echo
if [ -z "$score" ]; then
  echo "Mutation testing did not finish (Stryker exit code $status); see $log"
  exit 1
fi
if command -v jq >/dev/null && [ -f "$out/reports/mutation-report.json" ]; then
  printf '%-40s %7s %8s %7s %8s\n' file killed survived "no cov" score
  jq -r -f "$root/scripts/lib/mutation-report.jq" "$out/reports/mutation-report.json" \
    | awk -F'\t' '{ printf "%-40s %7s %8s %7s %8s\n", $1, $2, $3, $4, $5 }'
  echo
fi
echo "Mutation score: $score %"
echo "Report: $out/reports/mutation-report.html"
if [ "$status" -ne 0 ]; then
  echo "FAILED: under the break threshold of tests/PeiTracker.Domain.Tests/stryker-config.json (Stryker exit code $status)"
fi
exit "$status"
