using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats.Npy;

namespace Projector.Server.Tests.Endpoints;

/// <summary>
/// What uploads leave in the state folder: files named after the user's files in answers, a manifest
/// that brings them back after a restart with the same id, and no leftovers of a killed run.
/// </summary>
public sealed class UploadStateTests
{
    // No process has this id, so temporaries tagged with it belong to a run that is gone.
    private const int DeadPid = int.MaxValue;

    [Fact]
    public async Task Upload_errors_and_warnings_name_the_users_file_never_the_state_folder()
    {
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"] });
        var state = server.State.Path;
        var values = Synthetic.Blobs(25, 8);
        var tsv = Synthetic.Tsv(values, 8);
        var raw = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

        var brokenTensor = await ProblemOf(server, new MultipartFormDataContent { { new StringContent("this is not numpy"), "tensor", "My Vectors.npy" } });
        Assert.Contains("My Vectors.npy", brokenTensor, StringComparison.Ordinal);

        var wrongShape = await ProblemOf(server, new MultipartFormDataContent { { new ByteArrayContent(raw), "tensor", "weights.bytes" }, { new StringContent("0,7"), "shape" } });
        Assert.Contains("weights.bytes", wrongShape, StringComparison.Ordinal);

        var tooFewRows = await ProblemOf(server, new MultipartFormDataContent { { new ByteArrayContent(raw), "tensor", "weights.bytes" }, { new StringContent("30,8"), "shape" } });
        Assert.Contains("weights.bytes", tooFewRows, StringComparison.Ordinal);

        var headerTwice = await ProblemOf(server, new MultipartFormDataContent
        {
            { new StringContent(tsv), "tensor", "vectors.tsv" },
            { new StringContent("a\ta\n" + string.Concat(Enumerable.Repeat("x\ty\n", 25))), "metadata", "broken.tsv" },
        });
        Assert.Contains("broken.tsv", headerTwice, StringComparison.Ordinal);

        var headerRow = await ProblemOf(server, new MultipartFormDataContent
        {
            { new StringContent(tsv), "tensor", "vectors.tsv" },
            { new StringContent("label\n" + string.Join('\n', Synthetic.Labels(25)) + "\n"), "metadata", "labels.tsv" },
        });
        Assert.Contains("labels.tsv", headerRow, StringComparison.Ordinal);

        foreach (var detail in new[] { brokenTensor, wrongShape, tooFewRows, headerTwice, headerRow })
        {
            Assert.DoesNotContain(state, detail, StringComparison.Ordinal);
            Assert.DoesNotContain("uploads", detail, StringComparison.Ordinal);
        }

        // A row count that does not match is a warning; it names the user's file too.
        using var form = new MultipartFormDataContent
        {
            { new StringContent(tsv), "tensor", "vectors.tsv" },
            { new StringContent(string.Join('\n', Synthetic.Labels(20)) + "\n"), "metadata", "short labels.tsv" },
        };
        using var response = await server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(201, (int)response.StatusCode);
        Assert.Contains("short labels.tsv", text, StringComparison.Ordinal);
        Assert.DoesNotContain(state, text, StringComparison.Ordinal);
        Assert.DoesNotContain(state, await server.Client.GetStringAsync("/api/datasets", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_comes_back_after_a_restart_with_its_id_and_an_unknown_id_is_a_404()
    {
        using var state = new TempDir();
        using var data = new TempDir();
        var values = Synthetic.Blobs(60, 4);
        var npy = WriteNpy(data, "vectors.npy", values, 60, 4);
        string id;
        await using (var first = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], StateFolder = state.Path }))
        {
            id = await UploadAsync(first, npy, "vectors.npy", "vectors", metadata: string.Join('\n', Synthetic.Labels(60)) + "\n");
            var (status, _) = await first.PostJsonAsync($"/api/datasets/{id}/bookmarks", new { name = "kept", state = new { zoom = 2 } });
            Assert.Equal(201, status);
        }

        // What a run killed during saves leaves: a half-written bookmark list and manifest.
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(state.Path, "uploads")), d => !Path.GetFileName(d).StartsWith('.'));
        var staleManifest = Path.Combine(folder, $".upload.json.{DeadPid}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(staleManifest, "{", TestContext.Current.CancellationToken);
        var staleBookmarks = Path.Combine(state.Path, "bookmarks", $".{id}.json.{DeadPid}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(staleBookmarks, new byte[5 << 20], TestContext.Current.CancellationToken);

        await using var second = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], StateFolder = state.Path });
        var item = (await second.GetJsonAsync("/api/datasets")).EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        Assert.Equal("vectors", item.GetProperty("name").GetString());
        Assert.Equal(60, item.GetProperty("points").GetInt32());
        Assert.Equal(4, item.GetProperty("dimensions").GetInt32());
        Assert.Equal("label", item.GetProperty("columns")[0].GetProperty("name").GetString());
        var bytes = await second.Client.GetByteArrayAsync($"/api/datasets/{id}/matrix", TestContext.Current.CancellationToken);
        Assert.Equal(values, MemoryMarshal.Cast<byte, float>(bytes).ToArray());
        Assert.Equal("kept", (await second.GetJsonAsync($"/api/datasets/{id}/bookmarks"))[0].GetProperty("name").GetString());
        Assert.False(File.Exists(staleManifest));
        Assert.False(File.Exists(staleBookmarks));

        // Another upload of the same name is another id; the first id still opens the first upload.
        var other = await UploadAsync(second, WriteNpy(data, "vectors.npy", Synthetic.Blobs(9, 4), 9, 4), "vectors.npy", "vectors");
        Assert.NotEqual(id, other);
        Assert.Equal(60, (await second.GetJsonAsync($"/api/datasets/{id}")).GetProperty("points").GetInt32());
        Assert.Equal(9, (await second.GetJsonAsync($"/api/datasets/{other}")).GetProperty("points").GetInt32());
        foreach (var unknown in new[] { "vectors", "vectors-2", id + "x", "upload" })
        {
            await Problems.AssertProblemAsync(second.Client.GetAsync($"/api/datasets/{unknown}/matrix", TestContext.Current.CancellationToken), 404);
        }
    }

    [Fact]
    public async Task An_upload_read_after_a_restart_names_the_users_file_when_it_cannot_be_read()
    {
        using var state = new TempDir();
        using var data = new TempDir();
        var npy = WriteNpy(data, "vectors.npy", Synthetic.Blobs(60, 4), 60, 4);
        string id;
        await using (var first = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], StateFolder = state.Path }))
        {
            id = await UploadAsync(first, npy, "My Vectors.npy", "mine");
        }

        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(state.Path, "uploads")), d => !Path.GetFileName(d).StartsWith('.'));
        var tensor = Assert.Single(Directory.GetFiles(folder, "*.npy"));
        await File.WriteAllTextAsync(tensor, "damaged on disk", TestContext.Current.CancellationToken);

        await using var second = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], StateFolder = state.Path });
        Assert.Contains(id, await second.Client.GetStringAsync("/api/datasets", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        foreach (var route in new[] { "matrix", "metadata", "neighbors?point=0" })
        {
            var detail = await Problems.AssertProblemAsync(second.Client.GetAsync($"/api/datasets/{id}/{route}", TestContext.Current.CancellationToken), 422);
            Assert.Contains("My Vectors.npy", detail, StringComparison.Ordinal);
            Assert.DoesNotContain(state.Path, detail, StringComparison.Ordinal);
        }

        // Once it was found unreadable, it is listed as inputs that cannot be read are: empty, with the reason.
        var item = await second.GetJsonAsync($"/api/datasets/{id}");
        Assert.Equal(0, item.GetProperty("points").GetInt32());
        Assert.Contains("My Vectors.npy", item.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(state.Path, await second.Client.GetStringAsync("/api/datasets", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_runs_uploads_and_temporaries_are_gone_after_the_next_start()
    {
        using var state = new TempDir();
        var uploads = Path.Combine(state.Path, "uploads");
        var killedUpload = Path.Combine(uploads, "20261206-101010-0123456789ab");
        Directory.CreateDirectory(killedUpload);
        await File.WriteAllBytesAsync(Path.Combine(killedUpload, "broken.tsv"), new byte[1 << 20], TestContext.Current.CancellationToken);
        var brokenManifest = Path.Combine(uploads, "20261206-101011-0123456789ab");
        Directory.CreateDirectory(brokenManifest);
        await File.WriteAllTextAsync(Path.Combine(brokenManifest, "upload.json"), "{\"version\":1,", TestContext.Current.CancellationToken);
        var incoming = Path.Combine(uploads, ".incoming", $".upload.stage-{DeadPid}-{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(incoming);
        await File.WriteAllBytesAsync(Path.Combine(incoming, "tensor.npy"), new byte[1 << 20], TestContext.Current.CancellationToken);
        var staleBookmarks = Path.Combine(state.Path, "bookmarks", $".mnist.json.{DeadPid}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(staleBookmarks)!);
        await File.WriteAllBytesAsync(staleBookmarks, new byte[37 << 20], TestContext.Current.CancellationToken);
        var live = Path.Combine(state.Path, "bookmarks", $".mnist.json.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(live, "being written by a live process", TestContext.Current.CancellationToken);
        var notOurs = Path.Combine(state.Path, "bookmarks", "notes.tmp");
        await File.WriteAllTextAsync(notOurs, "not a temporary of ours", TestContext.Current.CancellationToken);

        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"], StateFolder = state.Path });
        Assert.False(Directory.Exists(killedUpload));
        Assert.False(Directory.Exists(brokenManifest));
        Assert.False(Directory.Exists(incoming));
        Assert.False(File.Exists(staleBookmarks));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(notOurs));
        Assert.Single((await server.GetJsonAsync("/api/datasets")).EnumerateArray());
    }

    [Fact]
    public async Task An_upload_streams_into_the_state_folder_and_an_aborted_one_leaves_nothing()
    {
        await using var server = await RunningServer.StartAsync(new ServerOptions { Paths = ["demo:mnist"] });
        var incoming = Path.Combine(server.State.Path, "uploads", ".incoming");
        var content = new StalledContent(1 << 20);
        using var form = new MultipartFormDataContent { { content, "tensor", "slow.bytes" }, { new StringContent("0,4"), "shape" } };
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var request = server.Client.PostAsync("/api/datasets", form, abort.Token);
        await content.HalfSent.WaitAsync(TestContext.Current.CancellationToken);

        // Half the body is on the server: it is in the state folder's own temporary folder, not in /tmp.
        var staged = 0L;
        for (var i = 0; i < 200 && staged < 256 * 1024; i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
            staged = Directory.Exists(incoming) ? Directory.GetFiles(incoming, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
        }

        Assert.True(staged >= 256 * 1024, $"{staged} bytes staged in {incoming}");

        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        for (var i = 0; i < 200 && Directory.GetFileSystemEntries(incoming).Length > 0; i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.Empty(Directory.GetFileSystemEntries(incoming));
        Assert.Single((await server.GetJsonAsync("/api/datasets")).EnumerateArray());
    }

    internal static string WriteNpy(TempDir data, string name, float[] values, int rows, int dims)
    {
        var path = data.File(name);
        using var matrix = EmbeddingMatrix.FromArray(values, rows, dims);
        NpyWriter.Write(path, matrix);
        return path;
    }

    internal static async Task<string> UploadAsync(RunningServer server, string path, string fileName, string? name = null, string? metadata = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "tensor", fileName);
        if (metadata is not null)
        {
            form.Add(new StringContent(metadata), "metadata", "labels.tsv");
        }

        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        using var response = await server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string> ProblemOf(RunningServer server, MultipartFormDataContent form)
    {
        using (form)
        {
            return await Problems.AssertProblemAsync(server.Client.PostAsync("/api/datasets", form, TestContext.Current.CancellationToken), 400);
        }
    }

    /// <summary>A body that sends its first half, then waits until the request is cancelled.</summary>
    private sealed class StalledContent(int length) : HttpContent
    {
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task HalfSent => _halfSent.Task;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(new byte[length / 2], cancellationToken);
            await stream.FlushAsync(cancellationToken);
            _halfSent.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
