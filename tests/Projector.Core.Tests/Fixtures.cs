namespace Projector.Core.Tests;

/// <summary>The shared folder of real projector files, when this machine has it.</summary>
public static class Fixtures
{
    public static string? Root { get; } = Find();

    /// <summary>The fixture folder <paramref name="name"/>; skips the calling test when the fixtures are absent.</summary>
    public static string Folder(string name)
    {
        Assert.SkipWhen(Root is null, "the shared projector fixtures are not on this machine");
        return Path.Combine(Root!, name);
    }

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("PROJECTOR_FIXTURES");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "projector");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
