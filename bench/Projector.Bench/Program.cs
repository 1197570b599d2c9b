using Projector.Bench.Formats;
using Projector.Bench.Projections;

namespace Projector.Bench;

/// <summary>
/// Speed benchmarks, run by hand (never in the test suite):
/// <c>dotnet run -c Release --project bench/Projector.Bench -- read|checkpoint [--size-mb 1024] [--runs 5] [--dir /tmp/projector-bench]</c>,
/// or <c>... -- umap [--runs 3] [--threads N] [--epochs N] [--init spectral|pca|random] [--knn-cache FILE] [--seed 42] [--neighbors 15]</c>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "parse-probe")
        {
            ParseProbe.Run(args[1]);
            return 0;
        }

        if (args.Length > 0 && args[0] == "umap")
        {
            var threads = IntArg(args, "--threads", 0);
            var epochs = IntArg(args, "--epochs", 0);
            var init = Enum.Parse<Projector.Core.Projections.Umap.UmapInitialization>(StringArg(args, "--init", "Spectral"), ignoreCase: true);
            var cache = Array.IndexOf(args, "--knn-cache") >= 0 ? StringArg(args, "--knn-cache", "") : null;
            UmapBenchmarks.Run(IntArg(args, "--runs", 3), threads > 0 ? threads : null, epochs > 0 ? epochs : null, init, cache, IntArg(args, "--seed", 42), IntArg(args, "--neighbors", 15), Console.Out);
            return 0;
        }

        if (args.Length == 0 || args[0] is not ("read" or "checkpoint"))
        {
            Console.Error.WriteLine("usage: Projector.Bench read|checkpoint [--size-mb 1024] [--runs 5] [--dir DIR] | umap [--runs 3] [--threads N] [--epochs N] [--init spectral|pca|random] [--knn-cache FILE] [--seed 42] [--neighbors 15]");
            return 2;
        }

        var sizeMb = IntArg(args, "--size-mb", 1024);
        var runs = IntArg(args, "--runs", 5);
        var dir = StringArg(args, "--dir", Path.Combine(Path.GetTempPath(), "projector-bench"));
        if (args[0] == "checkpoint")
        {
            CheckpointBenchmarks.Run(dir, sizeMb, runs, Console.Out);
        }
        else
        {
            ReadBenchmarks.Run(dir, sizeMb, runs, Console.Out);
        }

        return 0;
    }

    private static int IntArg(string[] args, string name, int fallback) =>
        int.Parse(StringArg(args, name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

    private static string StringArg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
