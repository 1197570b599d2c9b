using System.Globalization;
using Projector.Fuzz.Targets;
using SharpFuzz;

namespace Projector.Fuzz;

/// <summary>
/// Fuzz targets for every reader of the library (see README.md): under AFL or libFuzzer through SharpFuzz,
/// or replaying and mutating inputs without either. A target ends normally or with a proper
/// <c>DataFormatException</c>; anything else crashes the process, which the fuzzer records.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage:
          Projector.Fuzz list                              the targets
          Projector.Fuzz seeds DIR [FIXTURES]              write each target's seed corpus to DIR/TARGET/
          Projector.Fuzz TARGET [--libfuzzer]              fuzz under AFL (default) or libFuzzer
          Projector.Fuzz run TARGET FILE...                read inputs once each and print how they ended
          Projector.Fuzz mutate TARGET [COUNT] [SEED] [--trace]
                                                           seeded mutations of the seeds, no fuzzer needed;
                                                           --trace prints each input before it is read
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        switch (args[0])
        {
            case "list":
                foreach (var t in Catalog.All)
                {
                    Console.WriteLine($"{t.Name,-18} {t.FileName}{(t.Checksummed ? "  (checksummed)" : string.Empty)}");
                }

                return 0;
            case "seeds" when args.Length >= 2:
                return WriteSeeds(args[1], args.Length > 2 ? args[2] : null);
            case "run" when args.Length >= 3:
                return Replay(Target(args[1]), args[2..]);
            case "mutate" when args.Length >= 2:
                var numbers = args[2..].Where(a => a != "--trace").ToArray();
                return MutateLoop(Target(args[1]), numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 10_000, numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 1, args.Contains("--trace"));
            default:
                var target = Catalog.ByName(args[0]);
                if (target is null)
                {
                    Console.Error.WriteLine($"unknown target '{args[0]}'\n{Usage}");
                    return 2;
                }

                Fuzz(target, libFuzzer: args.Contains("--libfuzzer"));
                return 0;
        }
    }

    private static ReadTarget Target(string name) =>
        Catalog.ByName(name) ?? throw new ArgumentException($"unknown target '{name}'; see 'list'");

    private static void Fuzz(ReadTarget target, bool libFuzzer)
    {
        using var session = new FuzzSession(target);
        if (libFuzzer)
        {
            Fuzzer.LibFuzzer.Run(span => session.Check(span));
        }
        else
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                session.Check(copy.ToArray());
            });
        }
    }

    private static int WriteSeeds(string folder, string? fixtures)
    {
        foreach (var t in Catalog.All)
        {
            var dir = Path.Combine(folder, t.Name);
            Directory.CreateDirectory(dir);
            var seeds = t.Seeds.Concat(fixtures is null ? [] : t.FixtureSeeds(fixtures)).ToList();
            for (var i = 0; i < seeds.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(dir, $"{i:D2}-{Clean(seeds[i].Name)}"), seeds[i].Input);
            }

            Console.WriteLine($"{t.Name}: {seeds.Count} seeds in {dir}");
        }

        return 0;
    }

    private static int Replay(ReadTarget target, string[] files)
    {
        using var session = new FuzzSession(target);
        var findings = 0;
        foreach (var f in files)
        {
            var outcome = session.Run(File.ReadAllBytes(f));
            findings += outcome.Verdict == Verdict.Finding ? 1 : 0;
            Console.WriteLine($"{f}: {outcome.Verdict}: {outcome.Detail}");
            if (outcome is { Verdict: Verdict.Finding, Exception: { } e })
            {
                Console.WriteLine(e);
            }
        }

        return findings == 0 ? 0 : 1;
    }

    private static int MutateLoop(ReadTarget target, int count, int seedNumber, bool trace)
    {
        var random = new Random(seedNumber);
        var findings = 0;
        var folder = Path.Combine(Path.GetTempPath(), "projector-fuzz", Guid.NewGuid().ToString("N"));
        try
        {
            for (var i = 0; i < count; i++)
            {
                var seed = target.Seeds[i % target.Seeds.Count];
                var seedFolder = Path.Combine(folder, (i % target.Seeds.Count).ToString(CultureInfo.InvariantCulture));
                if (!Directory.Exists(seedFolder))
                {
                    TargetRunner.Prepare(seed, seedFolder);
                }

                var (bytes, what) = Mutator.Mutate(seed, target.IsText, random);
                if (trace)
                {
                    Console.WriteLine($"#{i} {seed.Name} ({what})");
                }

                var outcome = TargetRunner.Run(target, seed, seedFolder, bytes);
                if (outcome.Verdict == Verdict.Finding)
                {
                    findings++;
                    var saved = Path.Combine(Environment.CurrentDirectory, $"finding-{target.Name}-{i}{Path.GetExtension(target.FileName)}");
                    File.WriteAllBytes(saved, bytes);
                    Console.WriteLine($"#{i} {seed.Name} ({what}): {outcome.Detail} -> {saved}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine($"{target.Name}: {count} mutated inputs, {findings} findings");
        return findings == 0 ? 0 : 1;
    }

    private static string Clean(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
