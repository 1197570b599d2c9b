using System.Net.Http.Headers;
using System.Text.Json;

namespace Projector.Server.Tests.Endpoints;

/// <summary>
/// Uploads are capped in number and bytes: one more removes the oldest uploads nothing uses (and says
/// so), and is refused with 507 when those are all in use; one larger than all may take is a 413.
/// </summary>
public sealed class UploadLimitsTests
{
    [Fact]
    public async Task One_upload_past_the_count_removes_the_oldest_and_says_so()
    {
        using var data = new TempDir();
        var npy = UploadStateTests.WriteNpy(data, "v.npy", Synthetic.Blobs(30, 4), 30, 4);
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], MaxUploads = 2 });
        var logs = LogCapture.On(server);
        var first = await UploadStateTests.UploadAsync(server, npy, "v.npy", "first");
        var (status, _) = await server.PostJsonAsync($"/api/datasets/{first}/bookmarks", new { name = "b", state = new { } });
        Assert.Equal(201, status);
        var second = await UploadStateTests.UploadAsync(server, npy, "v.npy", "second");

        var (third, warnings) = await UploadWithWarningsAsync(server, npy, "third");
        var warning = Assert.Single(warnings);
        Assert.Contains(first, warning, StringComparison.Ordinal);
        Assert.Contains("'first'", warning, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Message.Contains(first, StringComparison.Ordinal) && l.Message.Contains("Removed", StringComparison.Ordinal));

        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/datasets/{first}", TestContext.Current.CancellationToken), 404);
        var ids = (await server.GetJsonAsync("/api/datasets")).EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(["mnist", second, third], ids);
        await WaitUntilAsync(() => Folders(server).Count == 2);
        Assert.False(File.Exists(Path.Combine(server.State.Path, "bookmarks", first + ".json")));
        logs.AssertNoStackTrace();
    }

    [Fact]
    public async Task Uploads_past_the_storage_cap_remove_the_oldest_and_one_larger_than_the_cap_is_a_413()
    {
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], MaxUploadMegabytes = 2, MaxUploadStorageMegabytes = 1 });
        var first = await UploadBytesAsync(server, 600 * 1024, "first");
        var (second, warnings) = await UploadWithWarningsAsync(server, Bytes(600 * 1024), "second", "0,4", "w.bytes");
        Assert.Contains(first, Assert.Single(warnings), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/datasets/{first}", TestContext.Current.CancellationToken), 404);

        using var form = Form(Bytes(1536 * 1024), "big", "0,4", "w.bytes");
        var detail = await Problems.AssertProblemAsync(server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken), 413);
        Assert.Contains("--max-upload-storage-mb", detail, StringComparison.Ordinal);
        Assert.Equal(600, (await server.GetJsonAsync($"/api/datasets/{second}")).GetProperty("points").GetInt32() * 4 * 4 / 1024);
        await WaitUntilAsync(() => Folders(server).Count == 1);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(server.State.Path, "uploads", ".incoming")));
    }

    [Fact]
    public async Task An_upload_that_needs_the_room_of_one_in_use_by_a_projection_is_a_507_until_it_ends()
    {
        using var data = new TempDir();
        var npy = UploadStateTests.WriteNpy(data, "v.npy", Synthetic.Blobs(300, 10), 300, 10);
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], MaxUploads = 1 });
        var busy = await UploadStateTests.UploadAsync(server, npy, "v.npy", "busy");
        var (status, job) = await server.PostJsonAsync("/api/projections", new { dataset = busy, method = "tsne", tsne = new { iterations = 100_000 } });
        Assert.Equal(202, status);
        var jobId = job.GetProperty("id").GetString()!;

        using (var form = Form(await File.ReadAllBytesAsync(npy, TestContext.Current.CancellationToken), "next", null, "v.npy"))
        {
            var detail = await Problems.AssertProblemAsync(server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken), 507);
            Assert.Contains("--max-uploads", detail, StringComparison.Ordinal);
        }

        Assert.Equal(300, (await server.GetJsonAsync($"/api/datasets/{busy}")).GetProperty("points").GetInt32());
        Assert.Single(Folders(server));

        var (stopped, _) = await server.PostJsonAsync($"/api/projections/{jobId}/stop", new { });
        Assert.Equal(200, stopped);
        await ProjectionEndpointsTests.WaitAsync(server, jobId, "stopped");
        var next = await UploadStateTests.UploadAsync(server, npy, "v.npy", "next");
        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/datasets/{busy}/matrix", TestContext.Current.CancellationToken), 404);
        Assert.Equal(300, (await server.GetJsonAsync($"/api/datasets/{next}")).GetProperty("points").GetInt32());
        await WaitUntilAsync(() => Folders(server).Count == 1);
    }

    [Fact]
    public async Task A_restart_with_a_lower_cap_keeps_the_newest_uploads()
    {
        using var state = new TempDir();
        using var data = new TempDir();
        var npy = UploadStateTests.WriteNpy(data, "v.npy", Synthetic.Blobs(30, 4), 30, 4);
        var ids = new List<string>();
        await using (var first = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], StateFolder = state.Path }))
        {
            for (var i = 0; i < 3; i++)
            {
                ids.Add(await UploadStateTests.UploadAsync(first, npy, "v.npy", $"u{i}"));
            }
        }

        await using var second = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], StateFolder = state.Path, MaxUploads = 2 });
        var listed = (await second.GetJsonAsync("/api/datasets")).EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(["mnist", ids[1], ids[2]], listed);
        Assert.Equal(2, Folders(state.Path).Count);
    }

    private static List<string> Folders(RunningServer server) => Folders(server.State.Path);

    private static List<string> Folders(string state) =>
        [.. Directory.GetDirectories(Path.Combine(state, "uploads")).Where(d => !Path.GetFileName(d).StartsWith('.'))];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i += 4)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i), (float)(i % 97));
        }

        return bytes;
    }

    private static MultipartFormDataContent Form(byte[] tensor, string name, string? shape, string fileName)
    {
        var file = new ByteArrayContent(tensor);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "tensor", fileName }, { new StringContent(name), "name" } };
        if (shape is not null)
        {
            form.Add(new StringContent(shape), "shape");
        }

        return form;
    }

    private static async Task<string> UploadBytesAsync(RunningServer server, int length, string name) =>
        (await UploadWithWarningsAsync(server, Bytes(length), name, "0,4", "w.bytes")).Id;

    private static Task<(string Id, List<string> Warnings)> UploadWithWarningsAsync(RunningServer server, string npy, string name) =>
        UploadWithWarningsAsync(server, File.ReadAllBytes(npy), name, null, "v.npy");

    private static async Task<(string Id, List<string> Warnings)> UploadWithWarningsAsync(RunningServer server, byte[] tensor, string name, string? shape, string fileName)
    {
        using var form = Form(tensor, name, shape, fileName);
        using var response = await server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == 201, text);
        var item = JsonDocument.Parse(text).RootElement;
        Assert.Equal(name, item.GetProperty("name").GetString());
        return (item.GetProperty("id").GetString()!, [.. item.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)]);
    }
}
