using Projector.Core.Data;
using PublicApiGenerator;

namespace Projector.Core.Tests.PublicApi;

/// <summary>
/// The library's public surface, pinned: a change to it shows up as a diff of the approved file. Run
/// with PROJECTOR_UPDATE_API=1 to accept a deliberate change (and review the diff before committing).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_approved_one()
    {
        var api = typeof(EmbeddingMatrix).Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute"] }).ReplaceLineEndings("\n");
        var approved = Path.Combine(SourceFolder(), "Projector.Core.approved.txt");
        if (Environment.GetEnvironmentVariable("PROJECTOR_UPDATE_API") == "1")
        {
            File.WriteAllText(approved, api);
        }

        var expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n") : string.Empty;
        if (expected != api)
        {
            var received = approved.Replace(".approved.txt", ".received.txt", StringComparison.Ordinal);
            File.WriteAllText(received, api);
            Assert.Fail($"The public API of Projector.Core changed. Compare {received} with {approved}; if the change is meant, run the tests with PROJECTOR_UPDATE_API=1 and commit the approved file.");
        }
    }

    // The test runs from bin/; the approved file lives beside this source in the repository above it.
    private static string SourceFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Projector.slnx")))
            {
                return Path.Combine(folder.FullName, "tests", "Projector.Core.Tests", "PublicApi");
            }
        }

        throw new InvalidOperationException($"No Projector.slnx above {AppContext.BaseDirectory}.");
    }
}
