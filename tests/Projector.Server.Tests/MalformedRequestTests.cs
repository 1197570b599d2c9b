using System.Text;
using Microsoft.Extensions.Logging;

namespace Projector.Server.Tests;

/// <summary>
/// Requests no client should send, but anyone can: each is a 400 with one sentence, and the log has
/// one line for it, never a stack trace (those are for the server's own bugs).
/// </summary>
public sealed class MalformedRequestTests
{
    private const string Part = "--b\r\nContent-Disposition: form-data; name=\"tensor\"; filename=\"x.tsv\"\r\nContent-Type: text/plain\r\n\r\n1\t2\n3\t4\n\r\n";

    public static TheoryData<string> Bodies => ["no boundary", "wrong boundary", "truncated", "garbage", "10,000 fields", "huge field name", "header without colon", "unquoted garbage boundary"];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_malformed_multipart_body_is_a_400_logged_in_one_line(string kind)
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteNpy(data.Path, 30, 3));
        var logs = LogCapture.On(server);
        using var content = Body(kind);
        await Problems.AssertProblemAsync(server.Client.PostAsync("/api/datasets", content, TestContext.Current.CancellationToken), 400);

        logs.AssertNoStackTrace();
        var line = Assert.Single(logs.Lines, l => l.Category.EndsWith("ProblemMiddleware", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("/api/datasets", line.Message, StringComparison.Ordinal);
        Assert.Contains("400", line.Message, StringComparison.Ordinal);

        // The server is still fine, and the failed upload left nothing behind.
        Assert.Single((await server.GetJsonAsync("/api/datasets")).EnumerateArray());
        var uploads = Path.Combine(server.State.Path, "uploads");
        Assert.Empty(Directory.Exists(uploads) ? Directory.GetFiles(uploads, "*", SearchOption.AllDirectories) : []);
    }

    [Theory]
    [InlineData("/api/datasets?q=%00")]
    [InlineData("/api/datasets/blobs?x=%00")]
    [InlineData("/api/datasets/blobs/search?q=%00")]
    [InlineData("/api/datasets/blobs/search?column=%00&q=x")]
    [InlineData("/api/datasets/blobs/neighbors?query=%00")]
    [InlineData("/api/datasets/blobs/bookmarks?x=%00")]
    [InlineData("/api/projections/j1?x=a%00b")]
    [InlineData("/?q=%00")]
    [InlineData("/site.json?%00=1")]
    public async Task A_nul_byte_in_the_query_is_a_400_logged_in_one_line(string target)
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(data.Path, 30, 3));
        var logs = LogCapture.On(server);
        var detail = await Problems.AssertProblemAsync(server.Client.GetAsync(target, TestContext.Current.CancellationToken), 400);
        Assert.Contains("NUL", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("\0", detail, StringComparison.Ordinal);

        using var post = new StringContent("{}", Encoding.UTF8, "application/json");
        await Problems.AssertProblemAsync(server.Client.PostAsync(target, post, TestContext.Current.CancellationToken), 400);

        logs.AssertNoStackTrace();
        Assert.Equal(2, logs.Lines.Count(l => l.Category.EndsWith("ProblemMiddleware", StringComparison.Ordinal) && l.Level == LogLevel.Warning));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains('\0', StringComparison.Ordinal));
    }

    /// <summary>Kestrel itself refuses a NUL in the path, before any of the server's code: a 400 without a body, and no log at the default level.</summary>
    [Theory]
    [InlineData("/api/datasets/%00")]
    [InlineData("/api/datasets/blobs%00/matrix")]
    [InlineData("/api/projections/%00")]
    [InlineData("/%00")]
    [InlineData("/index.html%00.js")]
    public async Task A_nul_byte_in_the_path_is_a_400_without_a_stack_trace(string target)
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(data.Path, 30, 3));
        var logs = LogCapture.On(server);
        using var response = await server.Client.GetAsync(target, TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)response.StatusCode);
        if (response.Content.Headers.ContentLength > 0)
        {
            await Problems.AssertProblemAsync(response, 400);
        }

        logs.AssertNoStackTrace();
        Assert.Equal(30, (await server.GetJsonAsync("/api/datasets/blobs")).GetProperty("points").GetInt32());
    }

    private static ByteArrayContent Body(string kind)
    {
        var (type, body) = kind switch
        {
            "no boundary" => ("multipart/form-data", Encoding.ASCII.GetBytes(Part + "--b--\r\n")),
            "wrong boundary" => ("multipart/form-data; boundary=a", Encoding.ASCII.GetBytes(Part + "--b--\r\n")),
            "truncated" => ("multipart/form-data; boundary=b", Encoding.ASCII.GetBytes(Part[..^10])),
            "garbage" => ("multipart/form-data; boundary=b", Garbage()),
            "10,000 fields" => ("multipart/form-data; boundary=b", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 10_000).Select(i => $"--b\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv\r\n")) + Part + "--b--\r\n")),
            "huge field name" => ("multipart/form-data; boundary=b", Encoding.ASCII.GetBytes($"--b\r\nContent-Disposition: form-data; name=\"{new string('n', 100_000)}\"\r\n\r\nv\r\n" + Part + "--b--\r\n")),
            "header without colon" => ("multipart/form-data; boundary=b", Encoding.ASCII.GetBytes("--b\r\nthis is not a header\r\n\r\nv\r\n--b--\r\n")),
            "unquoted garbage boundary" => ("multipart/form-data; boundary=\"\"", Encoding.ASCII.GetBytes(Part + "--b--\r\n")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    private static byte[] Garbage()
    {
        var bytes = new byte[64 * 1024];
        new Random(3).NextBytes(bytes);
        return bytes;
    }
}
