using System.Net.Http.Json;
using System.Text.Json;

namespace Projector.Server.Tests.Endpoints;

public sealed class BookmarkEndpointsTests
{
    [Fact]
    public async Task Bookmarks_round_trip_into_the_state_folder_and_never_beside_the_input()
    {
        using var data = new TempDir();
        var input = Synthetic.WriteLabelledTsv(data.Path, 30, 3);
        var before = Directory.GetFileSystemEntries(data.Path).Order(StringComparer.Ordinal).ToArray();
        await using var server = await RunningServer.StartAsync(input);

        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets/blobs/bookmarks")).GetArrayLength());
        var state = new { projection = "tsne", camera = new { zoom = 2.5 }, selection = new[] { 1, 2, 3 } };
        var (status, saved) = await server.PostJsonAsync("/api/datasets/blobs/bookmarks", new { name = "three points", state });
        Assert.Equal(201, status);
        Assert.Equal("three points", saved.GetProperty("name").GetString());
        var id = saved.GetProperty("id").GetString()!;

        var list = await server.GetJsonAsync("/api/datasets/blobs/bookmarks");
        var back = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, back.GetProperty("id").GetString());
        Assert.Equal(2.5, back.GetProperty("state").GetProperty("camera").GetProperty("zoom").GetDouble());
        Assert.Equal([1, 2, 3], back.GetProperty("state").GetProperty("selection").EnumerateArray().Select(e => e.GetInt32()));

        var file = Path.Combine(server.State.Path, "bookmarks", "blobs.json");
        Assert.True(File.Exists(file));
        Assert.Contains("three points", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp"));
        Assert.Equal(before, Directory.GetFileSystemEntries(data.Path).Order(StringComparer.Ordinal).ToArray());

        using var deleted = await server.Client.DeleteAsync($"/api/datasets/blobs/bookmarks/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets/blobs/bookmarks")).GetArrayLength());
        await Problems.AssertProblemAsync(server.Client.DeleteAsync($"/api/datasets/blobs/bookmarks/{id}", TestContext.Current.CancellationToken), 404);
    }

    [Fact]
    public async Task A_bookmark_keeps_its_description_and_can_be_renamed()
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(data.Path, 30, 3));
        var (status, saved) = await server.PostJsonAsync("/api/datasets/blobs/bookmarks", new { name = "first", description = "  the left cluster  ", state = new { i = 1 } });
        Assert.Equal(201, status);
        Assert.Equal("the left cluster", saved.GetProperty("description").GetString());
        var id = saved.GetProperty("id").GetString()!;

        using var renamed = await server.Client.PatchAsync($"/api/datasets/blobs/bookmarks/{id}", JsonContent.Create(new { name = "second" }), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)renamed.StatusCode);
        var back = Assert.Single((await server.GetJsonAsync("/api/datasets/blobs/bookmarks")).EnumerateArray());
        Assert.Equal("second", back.GetProperty("name").GetString());
        Assert.Equal("the left cluster", back.GetProperty("description").GetString());
        Assert.Equal(1, back.GetProperty("state").GetProperty("i").GetInt32());

        using var cleared = await server.Client.PatchAsync($"/api/datasets/blobs/bookmarks/{id}", JsonContent.Create(new { description = "" }), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)cleared.StatusCode);
        back = Assert.Single((await server.GetJsonAsync("/api/datasets/blobs/bookmarks")).EnumerateArray());
        Assert.Equal("second", back.GetProperty("name").GetString());
        Assert.True(!back.TryGetProperty("description", out var d) || d.ValueKind == JsonValueKind.Null);

        await Problems.AssertProblemAsync(server.Client.PatchAsync($"/api/datasets/blobs/bookmarks/{id}", JsonContent.Create(new { name = "  " }), TestContext.Current.CancellationToken), 400);
        await Problems.AssertProblemAsync(server.Client.PatchAsync("/api/datasets/blobs/bookmarks/nope", JsonContent.Create(new { name = "x" }), TestContext.Current.CancellationToken), 404);
        await Problems.AssertProblemAsync(server.Client.PatchAsync($"/api/datasets/blobs/bookmarks/{id}", JsonContent.Create(new { description = new string('x', 10_001) }), TestContext.Current.CancellationToken), 400);
    }

    [Fact]
    public async Task A_standalone_configs_bookmarks_are_offered_read_only()
    {
        using var data = new TempDir();
        Synthetic.WriteLabelledTsv(data.Path, 30, 3);
        File.WriteAllText(data.File("bookmarks.json"), """[{"label":"from the config","selectedPoints":[1]}]""");
        File.WriteAllText(data.File("projector_config.json"), """{"embeddings":[{"tensorName":"t","tensorShape":[30,3],"tensorPath":"blobs.tsv","bookmarksPath":"bookmarks.json"}]}""");
        await using var server = await RunningServer.StartAsync(data.Path);
        var id = (await server.GetJsonAsync("/api/datasets")).EnumerateArray().Single().GetProperty("id").GetString()!;
        var bookmark = Assert.Single((await server.GetJsonAsync($"/api/datasets/{id}/bookmarks")).EnumerateArray());
        Assert.Equal("from the config", bookmark.GetProperty("name").GetString());
        Assert.True(bookmark.GetProperty("readOnly").GetBoolean());
        await Problems.AssertProblemAsync(server.Client.DeleteAsync($"/api/datasets/{id}/bookmarks/{bookmark.GetProperty("id").GetString()}", TestContext.Current.CancellationToken), 403);
        await Problems.AssertProblemAsync(server.Client.PatchAsync($"/api/datasets/{id}/bookmarks/{bookmark.GetProperty("id").GetString()}", JsonContent.Create(new { name = "x" }), TestContext.Current.CancellationToken), 403);
    }

    [Fact]
    public async Task Bad_bookmarks_are_problems()
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(data.Path, 30, 3));
        await Problems.AssertProblemAsync(server.Client.PostJson("/api/datasets/blobs/bookmarks", new { name = "no state" }), 400);
        await Problems.AssertProblemAsync(server.Client.PostJson("/api/datasets/nope/bookmarks", new { name = "x", state = new { } }), 404);
        var huge = new { name = "huge", state = new { blob = new string('x', 1_100_000) } };
        await Problems.AssertProblemAsync(server.Client.SendAsync(Problems.Oversized("/api/datasets/blobs/bookmarks", JsonContent.Create(huge)), TestContext.Current.CancellationToken), 413);
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        await Problems.AssertProblemAsync(server.Client.PostAsync("/api/datasets/blobs/bookmarks", content, TestContext.Current.CancellationToken), 400);
        Assert.Equal(JsonValueKind.Array, (await server.GetJsonAsync("/api/datasets/blobs/bookmarks")).ValueKind);
    }

    [Fact]
    public async Task A_dataset_keeps_at_most_its_cap_of_bookmarks()
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = [Synthetic.WriteLabelledTsv(data.Path, 30, 3)], MaxBookmarksPerDataset = 3 });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (status, saved) = await server.PostJsonAsync("/api/datasets/blobs/bookmarks", new { name = $"b{i}", state = new { i } });
            Assert.Equal(201, status);
            ids.Add(saved.GetProperty("id").GetString()!);
        }

        var detail = await Problems.AssertProblemAsync(server.Client.PostJson("/api/datasets/blobs/bookmarks", new { name = "one more", state = new { } }), 413);
        Assert.Contains("3 bookmarks", detail, StringComparison.Ordinal);
        Assert.Equal(3, (await server.GetJsonAsync("/api/datasets/blobs/bookmarks")).GetArrayLength());

        using var deleted = await server.Client.DeleteAsync($"/api/datasets/blobs/bookmarks/{ids[0]}", TestContext.Current.CancellationToken);
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Equal(201, (await server.PostJsonAsync("/api/datasets/blobs/bookmarks", new { name = "now it fits", state = new { } })).Status);
    }
}
