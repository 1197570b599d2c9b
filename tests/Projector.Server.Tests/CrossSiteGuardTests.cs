using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace Projector.Server.Tests;

public sealed class CrossSiteGuardTests
{
    [Fact]
    public async Task A_change_from_another_sites_page_is_refused_and_the_same_origin_is_served()
    {
        using var data = new TempDir();
        var input = Synthetic.WriteLabelledTsv(data.Path, 30, 3);
        await using var server = await RunningServer.StartAsync(input);
        var body = new { name = "mine", state = new { zoom = 1 } };

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/datasets/blobs/bookmarks") { Content = JsonContent.Create(body) };
        foreign.Headers.Add("Origin", "https://example.com");
        var detail = await Problems.AssertProblemAsync(server.Client.SendAsync(foreign, TestContext.Current.CancellationToken), 403);
        Assert.Contains("https://example.com", detail, StringComparison.Ordinal);
        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets/blobs/bookmarks")).GetArrayLength());

        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/datasets/blobs/bookmarks") { Content = JsonContent.Create(body) };
        own.Headers.Add("Origin", server.Address.GetLeftPart(UriPartial.Authority));
        using var saved = await server.Client.SendAsync(own, TestContext.Current.CancellationToken);
        Assert.Equal(201, (int)saved.StatusCode);
    }

    [Fact]
    public async Task Reading_from_another_site_is_allowed_but_a_foreign_host_name_is_refused()
    {
        using var data = new TempDir();
        var input = Synthetic.WriteLabelledTsv(data.Path, 30, 3);
        await using var server = await RunningServer.StartAsync(input);

        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/datasets");
        read.Headers.Add("Origin", "https://example.com");
        using var answer = await server.Client.SendAsync(read, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)answer.StatusCode);

        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/datasets");
        rebound.Headers.Host = $"attacker.example:{server.Address.Port}";
        var detail = await Problems.AssertProblemAsync(server.Client.SendAsync(rebound, TestContext.Current.CancellationToken), 403);
        Assert.Contains("attacker.example", detail, StringComparison.Ordinal);

        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/datasets");
        local.Headers.Host = $"localhost:{server.Address.Port}";
        using var ok = await server.Client.SendAsync(local, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)ok.StatusCode);
    }

    [Theory]
    [InlineData("Origin: http://evil.example\r\n", 403)]
    [InlineData("Origin: null\r\n", 403)]
    [InlineData("Origin: {self}\r\nOrigin: http://evil.example\r\n", 403)]
    [InlineData("Origin: {self}\r\nSec-Fetch-Site: cross-site\r\n", 403)]
    [InlineData("Origin: {self}\r\n", 101)]
    [InlineData("", 101)] // no Origin: not a browser, so no user's trust to borrow
    public async Task A_websocket_upgrade_to_a_jobs_frames_is_refused_from_another_page(string headers, int expected)
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(data.Path, 30, 3));
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca" });
        var id = job.GetProperty("id").GetString()!;
        var self = server.Address.GetLeftPart(UriPartial.Authority);
        var status = await UpgradeStatusAsync(server, $"/api/projections/{id}/frames", $"127.0.0.1:{server.Address.Port}", headers.Replace("{self}", self, StringComparison.Ordinal));
        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task An_empty_host_is_refused_and_job_ids_cannot_be_guessed()
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(data.Path, 30, 3));
        Assert.Equal(403, await UpgradeStatusAsync(server, "/api/datasets", "", ""));

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca", pca = new { components = 2 + i } });
            ids.Add(job.GetProperty("id").GetString()!);
        }

        Assert.All(ids, id => Assert.Matches("^j[0-9a-f]{32}$", id));
        Assert.Equal(3, ids.Distinct().Count());
    }

    // A raw request, so that headers a client library would merge or refuse (two Origins, an empty Host) reach the server as sent.
    private static async Task<int> UpgradeStatusAsync(RunningServer server, string path, string host, string headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Address.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{headers}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        var buffer = new byte[64];
        var read = 0;
        while (read < 12)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), TestContext.Current.CancellationToken);
            Assert.NotEqual(0, n);
            read += n;
        }

        return int.Parse(Encoding.ASCII.GetString(buffer, 9, 3), System.Globalization.CultureInfo.InvariantCulture);
    }
}
