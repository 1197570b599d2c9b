using System.Net.Http.Json;

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
}
