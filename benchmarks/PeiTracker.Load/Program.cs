using PeiTracker.Load;

// Load client for PeiTracker, on loopback only.
//   measure: GET one URL at a given concurrency and print median, p95, throughput and errors.
//   load:    the PEI scenario (writers through the API, readers on the dashboards) with a check in PostgreSQL.
if (args.Length == 0 || args[0] is not ("measure" or "load"))
{
    Console.Error.WriteLine("""
        Usage:
          PeiTracker.Load measure --url URL [--concurrency 8] [--duration 20] [--warmup 5]
                                  [--login-email E --login-password P] [--json FILE] [--timeout 30]
          PeiTracker.Load load --base-url URL --db CONNECTION_STRING [--duration 60] [--writers 6] [--readers 6]
                               [--slots-per-writer 4] [--reader-emails a,b,c] [--reader-password P]
                               [--outage-file FILE] [--outage-grace 5] [--require-clear-outage-errors]
                               [--json FILE] [--timeout 30]
        """);
    return 2;
}

var options = new Arguments(args.Skip(1));
return args[0] == "measure" ? await MeasureCommand.RunAsync(options) : await LoadCommand.RunAsync(options);
