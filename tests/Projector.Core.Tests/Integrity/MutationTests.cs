using Projector.Fuzz.Targets;

namespace Projector.Core.Tests.Integrity;

/// <summary>
/// Every reader, fed seeded damage to valid inputs (made by the product's writers, plus the shared real
/// files when present): each read ends with data or with a one-line <see cref="DataFormatException"/> that
/// names the file; never another exception, never memory a header merely claims. Where the format carries
/// checksums, a damaged input that still reads must read as exactly the original numbers.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    // About 2 500 reads in all: a few hundred a reader keeps the whole run well under a minute.
    private const int MutationsPerTarget = 320;

    public static TheoryData<string> Targets => [.. Catalog.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Damaged_input_is_read_or_refused_clearly_and_never_read_as_other_numbers(string name)
    {
        var target = Catalog.ByName(name)!;
        List<Seed> seeds = [.. target.Seeds, .. Fixtures.Root is { } root ? target.FixtureSeeds(root) : []];
        using var dir = new TempDir();
        var findings = new List<string>();
        int run = 0, accepted = 0, refused = 0;
        for (var s = 0; s < seeds.Count; s++)
        {
            var seed = seeds[s];
            var folder = Path.Combine(dir.Path, s.ToString(System.Globalization.CultureInfo.InvariantCulture));
            TargetRunner.Prepare(seed, folder);
            var original = TargetRunner.Run(target, seed, folder, seed.Input);
            Assert.True(original.Verdict == Verdict.Accepted, $"{name} seed {seed.Name} does not read: {original.Detail}");
            var random = new Random(StableHash(name) + s);
            for (var i = 0; i < MutationsPerTarget / seeds.Count; i++)
            {
                var (bytes, what) = Mutator.Mutate(seed, target.IsText, random);
                var outcome = TargetRunner.Run(target, seed, folder, bytes);
                run++;
                switch (outcome.Verdict)
                {
                    case Verdict.Accepted:
                        accepted++;
                        if (target.Checksummed && outcome.Detail != original.Detail)
                        {
                            findings.Add($"{seed.Name} #{i} ({what}): read as different numbers despite the checksums");
                        }

                        break;
                    case Verdict.Refused:
                        refused++;
                        break;
                    default:
                        findings.Add($"{seed.Name} #{i} ({what}): {outcome.Detail}");
                        break;
                }
            }
        }

        output.WriteLine($"{name}: {run} mutated inputs from {seeds.Count} seeds, {accepted} accepted, {refused} refused, {findings.Count} findings");
        Assert.True(findings.Count == 0, $"{findings.Count} findings:\n{string.Join("\n", findings.Take(25))}");
    }

    // string.GetHashCode differs between runs; the damage must not.
    private static int StableHash(string text)
    {
        var h = 17;
        foreach (var c in text)
        {
            h = unchecked((h * 31) + c);
        }

        return h & 0x7fffffff;
    }
}
