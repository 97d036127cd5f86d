using Luoshi.Load;

// Luoshi's web load benchmark: a city-scale dataset on PostgreSQL, the real web app (Release, Kestrel) on it, and a load
// harness over loopback. See docs/benchmarks-web.md.
//
//   dotnet run -c Release --project bench/Luoshi.Load -- all        generate, then run
//   dotnet run -c Release --project bench/Luoshi.Load -- generate   only (re)create the luoshi_load database
//   dotnet run -c Release --project bench/Luoshi.Load -- run        only run (on the existing database)
//   dotnet run -c Release --project bench/Luoshi.Load -- save       report saves: --writers 16 on distinct filings (SaveScenario.cs)
//   dotnet run -c Release --project bench/Luoshi.Load -- profile    where a save's time goes, in process (SaveProfile.cs)
//
// Options: --duration 20 --warmup 5 --connections 16 --port 5099 --rounds 4 --writers 16 --encoding br; the PostgreSQL server from LUOSHI_LOAD_PG (default: the
// test role of scripts/setup-postgres.sh).
var options = LoadOptions.Parse(args);
string root = Repo.Root();
Console.WriteLine($"Luoshi.Load — {options.Command}; repository {root}");
if (options.Command is "generate" or "all")
{
    await Dataset.GenerateAsync(options);
}

if (options.Command is "run" or "all")
{
    await Bench.RunAsync(options, root);
}

if (options.Command is "save")
{
    await SaveScenario.CommandAsync(options, root);
}

if (options.Command is "profile")
{
    await SaveProfile.RunAsync(options, iterations: 200);
}

return 0;
