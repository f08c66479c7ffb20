using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project bench/Hearth.Bench -- --filter '*'
// Results are recorded in bench/results/ (see bench/README.md).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
