#!/usr/bin/env bash
# Times the progress engine on synthetic plans of 100, 1,000 and 10,000 indicators (Release build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet run -c Release --project benchmarks/PeiTracker.Benchmarks -- "$@"
