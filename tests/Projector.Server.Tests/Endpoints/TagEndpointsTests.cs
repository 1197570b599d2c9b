using System.Net.Http.Json;

namespace Projector.Server.Tests.Endpoints;

public sealed class TagEndpointsTests
{
    [Fact]
    public async Task Tags_show_in_the_metadata_the_search_and_the_catalog_and_download_aligned_with_the_rows()
    {
        using var data = new TempDir();
        var input = Synthetic.WriteLabelledTsv(data.Path, 30, 3);
        var before = Directory.GetFileSystemEntries(data.Path).Order(StringComparer.Ordinal).ToArray();
        await using var server = await RunningServer.StartAsync(input);

        // A new column on three points, and an override of the label of one point
        var (status, put) = await server.PostJsonAsync("/api/datasets/blobs/tags", new { column = "reviewed", value = "yes", indices = new[] { 2, 5, 7 } });
        Assert.True(status == 200, put.ToString());
        Assert.Equal(3, put.GetProperty("tagged").GetInt32());
        Assert.False(put.GetProperty("overrides").GetBoolean());
        (status, put) = await server.PostJsonAsync("/api/datasets/blobs/tags", new { column = "label", value = "odd one", indices = new[] { 4 } });
        Assert.True(status == 200 && put.GetProperty("overrides").GetBoolean(), put.ToString());

        var columns = (await server.GetJsonAsync("/api/datasets/blobs/metadata")).GetProperty("columns");
        var reviewed = columns.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "reviewed");
        Assert.Equal(["", "", "yes", "", "", "yes", "", "yes"], reviewed.GetProperty("values").EnumerateArray().Take(8).Select(v => v.GetString()));
        var label = columns.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "label");
        Assert.Equal("odd one", label.GetProperty("values")[4].GetString());
        Assert.Equal("blob0", label.GetProperty("values")[3].GetString());

        var found = await server.GetJsonAsync("/api/datasets/blobs/search?q=yes&column=reviewed");
        Assert.Equal([2, 5, 7], found.GetProperty("indices").EnumerateArray().Select(e => e.GetInt32()));
        var item = await server.GetJsonAsync("/api/datasets/blobs");
        var info = item.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "reviewed");
        Assert.Equal(27, info.GetProperty("missing").GetInt32());

        var tsv = await server.Client.GetStringAsync("/api/datasets/blobs/tags/tsv", TestContext.Current.CancellationToken);
        var lines = tsv.Split('\n');
        Assert.Equal(32, lines.Length);
        Assert.Equal("reviewed\tlabel", lines[0]);
        Assert.Equal("yes\t", lines[3]);
        Assert.Equal("\todd one", lines[5]);
        Assert.Equal("\t", lines[1]);

        // Removing a value, then the column
        (status, put) = await server.PostJsonAsync("/api/datasets/blobs/tags", new { column = "reviewed", value = (string?)null, indices = new[] { 5 } });
        Assert.Equal(2, put.GetProperty("tagged").GetInt32());
        using (var deleted = await server.Client.DeleteAsync("/api/datasets/blobs/tags/label", TestContext.Current.CancellationToken))
        {
            Assert.Equal(204, (int)deleted.StatusCode);
        }

        var list = await server.GetJsonAsync("/api/datasets/blobs/tags");
        Assert.Equal("reviewed", Assert.Single(list.EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(before, Directory.GetFileSystemEntries(data.Path).Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(Directory.GetFiles(Path.Combine(server.State.Path, "tags"), "*.tmp"));
    }

    [Fact]
    public async Task Tags_survive_a_restart()
    {
        using var data = new TempDir();
        using var state = new TempDir();
        var input = Synthetic.WriteLabelledTsv(data.Path, 30, 3);
        await using (var first = await RunningServer.StartAsync(new ServerOptions { Paths = [input], StateFolder = state.Path }))
        {
            var (status, _) = await first.PostJsonAsync("/api/datasets/blobs/tags", new { column = "kept", value = "1", indices = new[] { 0, 29 } });
            Assert.Equal(200, status);
        }

        await using var second = await RunningServer.StartAsync(new ServerOptions { Paths = [input], StateFolder = state.Path });
        var kept = (await second.GetJsonAsync("/api/datasets/blobs/metadata")).GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "kept");
        Assert.Equal("1", kept.GetProperty("values")[29].ToString());
        Assert.Equal(2, Assert.Single((await second.GetJsonAsync("/api/datasets/blobs/tags")).EnumerateArray()).GetProperty("tagged").GetInt32());
    }

    [Fact]
    public async Task Bad_tags_are_problems_and_another_site_cannot_tag()
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(data.Path, 30, 3));
        var ct = TestContext.Current.CancellationToken;
        await Problems.AssertProblemAsync(server.Client.PostAsJsonAsync("/api/datasets/blobs/tags", new { column = "x", value = "1", indices = new[] { 30 } }, ct), 400);
        await Problems.AssertProblemAsync(server.Client.PostAsJsonAsync("/api/datasets/blobs/tags", new { column = "", value = "1", indices = new[] { 1 } }, ct), 400);
        await Problems.AssertProblemAsync(server.Client.PostAsJsonAsync("/api/datasets/blobs/tags", new { column = "x", value = "a\tb", indices = new[] { 1 } }, ct), 400);
        await Problems.AssertProblemAsync(server.Client.PostAsJsonAsync("/api/datasets/blobs/tags", new { column = "x", value = new string('v', 300), indices = new[] { 1 } }, ct), 400);
        await Problems.AssertProblemAsync(server.Client.PostAsJsonAsync("/api/datasets/nope/tags", new { column = "x", value = "1", indices = new[] { 1 } }, ct), 404);
        await Problems.AssertProblemAsync(server.Client.DeleteAsync("/api/datasets/blobs/tags/none", ct), 404);
        for (var i = 0; i < Tags.TagStore.MaxColumns; i++)
        {
            var (status, _) = await server.PostJsonAsync("/api/datasets/blobs/tags", new { column = $"c{i}", value = "1", indices = new[] { 1 } });
            Assert.Equal(200, status);
        }

        await Problems.AssertProblemAsync(server.Client.PostAsJsonAsync("/api/datasets/blobs/tags", new { column = "one more", value = "1", indices = new[] { 1 } }, ct), 413);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/datasets/blobs/tags") { Content = JsonContent.Create(new { column = "evil", value = "1", indices = new[] { 1 } }) };
        foreign.Headers.Add("Origin", "https://example.com");
        using var refused = await server.Client.SendAsync(foreign, ct);
        Assert.Equal(403, (int)refused.StatusCode);
        using var foreignDelete = new HttpRequestMessage(HttpMethod.Delete, "/api/datasets/blobs/tags/c1");
        foreignDelete.Headers.Add("Origin", "https://example.com");
        using var refusedDelete = await server.Client.SendAsync(foreignDelete, ct);
        Assert.Equal(403, (int)refusedDelete.StatusCode);
        Assert.DoesNotContain("evil", await server.Client.GetStringAsync("/api/datasets/blobs/tags", ct), StringComparison.Ordinal);
    }
}
