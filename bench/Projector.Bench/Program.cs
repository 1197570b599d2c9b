using Projector.Bench.Formats;
using Projector.Bench.Projections;

namespace Projector.Bench;

/// <summary>
/// Speed benchmarks, run by hand (never in the test suite):
/// <c>dotnet run -c Release --project bench/Projector.Bench -- read|checkpoint [--size-mb 1024] [--runs 5] [--dir /tmp/projector-bench]</c>,
/// <c>... -- tsne [--gradient auto|fft|bh] [--threads 2] [--iterations 750]</c>, <c>... -- tsne-repulsion [--points 10000]</c>.
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

        if (args.Length > 0 && args[0] == "tsne-repulsion")
        {
            TsneRepulsionBenchmarks.Run(IntArg(args, "--points", 10_000), IntArg(args, "--threads", Environment.ProcessorCount), IntArg(args, "--runs", 9), Console.Out);
            return 0;
        }

        if (args.Length > 0 && args[0] == "tsne")
        {
            TsneBenchmarks.Run(StringArg(args, "--gradient", "auto"), IntArg(args, "--threads", Environment.ProcessorCount), IntArg(args, "--iterations", 750), Console.Out);
            return 0;
        }

        if (args.Length == 0 || args[0] is not ("read" or "checkpoint"))
        {
            Console.Error.WriteLine("usage: Projector.Bench read|checkpoint [--size-mb 1024] [--runs 5] [--dir DIR]");
            Console.Error.WriteLine("       Projector.Bench tsne [--gradient auto|fft|bh] [--threads N] [--iterations 750]");
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
