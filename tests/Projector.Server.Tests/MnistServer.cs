[assembly: AssemblyFixture(typeof(Projector.Server.Tests.MnistServer))]

namespace Projector.Server.Tests;

/// <summary>One server over demo:mnist shared by the tests whose numbers need the real digits.</summary>
public sealed class MnistServer : IAsyncLifetime
{
    private RunningServer? _server;

    public RunningServer Server => _server ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => _server = await RunningServer.StartAsync("demo:mnist");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
