using System.Text.Json.Nodes;
using Projector.Tests.Fixtures;

namespace Projector.Server.Tests.Catalog;

/// <summary>The page's catalog of each real-world folder holds what <c>inspect --json</c> is expected to show.</summary>
public sealed class RealWorldFolderCatalogTests
{
    public static TheoryData<string> Names => [.. RealWorldFolders.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_catalog_serves_the_embeddings_inspect_shows(string name)
    {
        using var dir = new TempDir();
        var folder = dir.File(name);
        RealWorldFolders.Write(name, folder);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(RealWorldFolders.ExpectedFolder(), name + ".json")))!;
        var shapes = expected["exitCode"]!.GetValue<int>() == 0
            ? expected["embeddings"]!.AsArray().Select(e => (e!["points"]!.GetValue<int>(), e["dimensions"]!.GetValue<int>())).Distinct().Order().ToList()
            : [];

        await using var server = await RunningServer.StartAsync(folder);
        var items = (await server.GetJsonAsync("/api/datasets")).EnumerateArray().ToList();
        var served = items.Where(i => i.GetProperty("points").GetInt32() > 0)
            .Select(i => (i.GetProperty("points").GetInt32(), i.GetProperty("dimensions").GetInt32()))
            .Distinct() // a log dir is listed once per checkpoint step
            .Order()
            .ToList();
        Assert.Equal(shapes, served);

        // What cannot be read is listed with its reason, never dropped without a word.
        Assert.All(items.Where(i => i.GetProperty("points").GetInt32() == 0), i => Assert.NotEmpty(i.GetProperty("warnings").EnumerateArray()));
    }
}
