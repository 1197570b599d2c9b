using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Projector.Server.Tests;

/// <summary>A real Kestrel on 127.0.0.1 with a system-chosen port, a temporary state folder and an HTTP client.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, TempDir state, Uri address)
    {
        _app = app;
        State = state;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public TempDir State { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    internal IServiceProvider Services => _app.Services;

    public static async Task<RunningServer> StartAsync(ServerOptions options)
    {
        var state = new TempDir();
        var app = ProjectorServer.Build(options with { Host = "127.0.0.1", Port = 0, StateFolder = options.StateFolder ?? state.Path });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningServer(app, state, new Uri($"http://127.0.0.1:{ProjectorServer.BoundPort(app)}/"));
    }

    public static Task<RunningServer> StartAsync(params string[] paths) => StartAsync(new ServerOptions { Paths = paths });

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public async Task<(int Status, JsonElement Body)> PostJsonAsync(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        State.Dispose();
    }
}
