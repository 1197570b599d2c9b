using Projector.Bench.Formats;
using Projector.Bench.Neighbors;
using Projector.Bench.Quality;

namespace Projector.Bench;

/// <summary>
/// Speed benchmarks, run by hand (never in the test suite):
/// <c>dotnet run -c Release --project bench/Projector.Bench -- read|checkpoint [--size-mb 1024] [--runs 5] [--dir /tmp/projector-bench]</c>,
/// <c>... -- knn [--exact-rows 100000] [--approx-rows 1000000] [--threads 0]</c>.
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

        if (args.Length > 0 && args[0] == "quality")
        {
            QualityCheck.Run(StringArg(args, "--input", ""), IntArg(args, "--dims", 0), StringArg(args, "--embedding", ""), IntArg(args, "--emb-dims", 2), StringArg(args, "--labels", ""), Console.Out);
            return 0;
        }

        if (args.Length > 0 && args[0] == "knn")
        {
            KnnBenchmarks.Run(IntArg(args, "--exact-rows", 100_000), IntArg(args, "--approx-rows", 1_000_000), IntArg(args, "--exact-k", 90), IntArg(args, "--approx-k", 15), IntArg(args, "--threads", 0), Console.Out, Tuning(args));
            return 0;
        }

        if (args.Length == 0 || args[0] is not ("read" or "checkpoint"))
        {
            Console.Error.WriteLine("usage: Projector.Bench read|checkpoint [--size-mb 1024] [--runs 5] [--dir DIR]");
            Console.Error.WriteLine("       Projector.Bench knn [--exact-rows 100000] [--exact-k 90] [--approx-rows 1000000] [--approx-k 15] [--threads 0]");
            Console.Error.WriteLine("       Projector.Bench quality --input X.f32 --dims D --embedding Y.f32 [--emb-dims 2] --labels L.tsv");
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

    /// <summary>Optional NN-descent knobs for tuning runs: --candidates, --iterations, --trees, --heap.</summary>
    private static Projector.Core.Neighbors.NeighborOptions Tuning(string[] args) => new()
    {
        Candidates = Array.IndexOf(args, "--candidates") >= 0 ? IntArg(args, "--candidates", 0) : null,
        Iterations = Array.IndexOf(args, "--iterations") >= 0 ? IntArg(args, "--iterations", 0) : null,
        Trees = Array.IndexOf(args, "--trees") >= 0 ? IntArg(args, "--trees", 0) : null,
        HeapSize = Array.IndexOf(args, "--heap") >= 0 ? IntArg(args, "--heap", 0) : null,
    };

    private static int IntArg(string[] args, string name, int fallback) =>
        int.Parse(StringArg(args, name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

    private static string StringArg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
