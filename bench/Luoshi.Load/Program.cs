using Luoshi.Load;

// Luoshi's web load benchmark: a city-scale dataset on PostgreSQL, the real web app (Release, Kestrel) on it, and a load
// harness over loopback. See docs/benchmarks-web.md.
//
//   dotnet run -c Release --project bench/Luoshi.Load -- all        generate, then run
//   dotnet run -c Release --project bench/Luoshi.Load -- generate   only (re)create the luoshi_load database
//   dotnet run -c Release --project bench/Luoshi.Load -- run        only run (on the existing database)
//   dotnet run -c Release --project bench/Luoshi.Load -- check      count the rows against what the generator claims
//   dotnet run -c Release --project bench/Luoshi.Load -- drop       drop the luoshi_load database
//   dotnet run -c Release --project bench/Luoshi.Load -- save       report saves: --writers 16 on distinct filings (SaveScenario.cs)
//   dotnet run -c Release --project bench/Luoshi.Load -- profile    where a save's time goes, in process (SaveProfile.cs)
//
// Options: --duration 20 --warmup 5 --connections 16 --port 5099 --rounds 4 --writers 16 --encoding br; the size: --scale 1|4|8
// (× the city's 13 districts), --province (100 districts, 2 instances), --districts N, --append (generate only the missing
// districts); --instances N (web instances on ports port, port+1 …); --no-ops (reads only, without import/publish and the
// circular); --no-build (the web app is built already). The PostgreSQL server from LUOSHI_LOAD_PG (default: the test role of
// scripts/setup-postgres.sh); the database LUOSHI_LOAD_DB (default luoshi_load).
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

if (options.Command is "check" or "generate" or "all" && (await Dataset.CheckAsync(options)) is { Count: > 0 } problems)
{
    Console.WriteLine("  the dataset differs from what the generator claims:\n    " + string.Join("\n    ", problems));
    return 1;
}

if (options.Command is "drop")
{
    await Dataset.DropAsync(options);
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
