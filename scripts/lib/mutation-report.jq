# Per-file mutation score from Stryker's JSON report: killed (timeouts count as killed), survived, not covered, score.
[.files | to_entries[]
  | { file: (.key | sub("^.*/src/PeiTracker.Domain/"; "")),
      killed: ([.value.mutants[] | select(.status == "Killed" or .status == "Timeout")] | length),
      survived: ([.value.mutants[] | select(.status == "Survived")] | length),
      nocov: ([.value.mutants[] | select(.status == "NoCoverage")] | length) }
  | select(.killed + .survived + .nocov > 0)]
| (.[] | "\(.file)\t\(.killed)\t\(.survived)\t\(.nocov)\t\((10000 * .killed / (.killed + .survived + .nocov) | round) / 100) %"),
  "TOTAL\t\(map(.killed) | add)\t\(map(.survived) | add)\t\(map(.nocov) | add)\t\((10000 * (map(.killed) | add) / (map(.killed + .survived + .nocov) | add) | round) / 100) %"
