using System.Text.Json;
using System.Text.Json.Nodes;
using Projector.Tests.Fixtures;

namespace Projector.Cli.Tests.Commands;

/// <summary>
/// Each class of real-world folder gives the checked-in <c>inspect --json</c> (or one-line error), and
/// what loads exports to a standalone folder that the TF page's loading rules accept with the same N x D.
/// Set PROJECTOR_UPDATE_EXPECTED=1 to rewrite the expectations after a deliberate change, then review the diff.
/// </summary>
public sealed class RealWorldFolderTests
{
    public static TheoryData<string> Names => [.. RealWorldFolders.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Inspect_gives_the_expected_embeddings_shapes_and_warnings(string name)
    {
        using var dir = new TempDir();
        var folder = dir.File(name);
        RealWorldFolders.Write(name, folder);
        var actual = InspectResult(folder);
        var expectedFile = Path.Combine(RealWorldFolders.ExpectedFolder(), name + ".json");
        var text = actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("PROJECTOR_UPDATE_EXPECTED") == "1")
        {
            File.WriteAllText(expectedFile, text);
        }

        Assert.True(File.Exists(expectedFile), $"no expectation {expectedFile}; run with PROJECTOR_UPDATE_EXPECTED=1 and review it");
        Assert.Equal(File.ReadAllText(expectedFile), text);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void What_loads_exports_to_a_standalone_folder_the_TF_page_accepts(string name)
    {
        using var dir = new TempDir();
        var folder = dir.File(name);
        RealWorldFolders.Write(name, folder);
        var inspect = CliRun.Of("inspect", folder, "--json");
        if (inspect.ExitCode != 0)
        {
            return;
        }

        var shapes = JsonNode.Parse(inspect.Out)!["embeddings"]!.AsArray()
            .Select(e => (e!["name"]!.GetValue<string>(), e["points"]!.GetValue<int>(), e["dimensions"]!.GetValue<int>()))
            .ToList();
        var out_ = dir.File("exported");
        var export = CliRun.Of("export", folder, "--format", "standalone", "-o", out_);
        Assert.True(export.ExitCode == 0, export.Error);
        var loaded = StandalonePageRules.Load(out_);
        Assert.Equal(shapes.Select(s => (s.Item2, s.Item3)), loaded.Select(l => (l.Points, l.Dimensions)));
    }

    private static JsonNode InspectResult(string folder)
    {
        var run = CliRun.Of("inspect", folder, "--json");
        if (run.ExitCode != 0)
        {
            var lines = run.Error.TrimEnd().Split('\n');
            Assert.Single(lines);
            return new JsonObject { ["exitCode"] = run.ExitCode, ["error"] = Normalize(lines[0], folder) };
        }

        var doc = JsonNode.Parse(run.Out)!;
        var embeddings = new JsonArray();
        foreach (var e in doc["embeddings"]!.AsArray())
        {
            embeddings.Add(new JsonObject
            {
                ["name"] = e!["name"]!.GetValue<string>(),
                ["points"] = e["points"]!.GetValue<int>(),
                ["dimensions"] = e["dimensions"]!.GetValue<int>(),
                ["metadata"] = e["metadata"]!.DeepClone(),
                ["sprite"] = e["sprite"]?.DeepClone(),
                ["warnings"] = new JsonArray([.. e["warnings"]!.AsArray().Select(w => (JsonNode)Normalize(w!.GetValue<string>(), folder))]),
            });
        }

        return new JsonObject { ["exitCode"] = 0, ["embeddings"] = embeddings };
    }

    // Temporary paths differ per run; the expectation names them from the fixture's root.
    private static string Normalize(string text, string folder) =>
        text.Replace(Path.GetFullPath(folder), "<folder>", StringComparison.Ordinal);
}
