using Projector.Bench.Formats;

namespace Projector.Bench;

/// <summary>
/// Speed benchmarks, run by hand (never in the test suite):
/// <c>dotnet run -c Release --project bench/Projector.Bench -- read|checkpoint [--size-mb 1024] [--runs 5] [--dir /tmp/projector-bench]</c>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("read" or "checkpoint"))
        {
            Console.Error.WriteLine("usage: Projector.Bench read|checkpoint [--size-mb 1024] [--runs 5] [--dir DIR]");
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
