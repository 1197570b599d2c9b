namespace Projector.Fuzz.Targets;

/// <summary>Seeds taken from the shared folder of real published files, skipped one by one when a file is absent.</summary>
internal static class FixtureFiles
{
    /// <summary>A seed of the file <paramref name="relative"/> under <paramref name="root"/>, with companions (fixture path to the name the target expects).</summary>
    public static IEnumerable<Seed> Seed(string root, string relative, params (string From, string To)[] companions)
    {
        var path = Path.Combine(root, relative);
        if (!File.Exists(path) || companions.Any(c => !File.Exists(Path.Combine(root, c.From))))
        {
            yield break;
        }

        var files = companions.ToDictionary(c => c.To, c => File.ReadAllBytes(Path.Combine(root, c.From)));
        yield return new Seed("fixture:" + relative, File.ReadAllBytes(path), files);
    }
}
