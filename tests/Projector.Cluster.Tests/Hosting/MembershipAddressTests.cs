using System.Net;
using System.Net.Sockets;
using Projector.Cluster.Hosting;

namespace Projector.Cluster.Tests.Hosting;

public sealed class MembershipAddressTests
{
    [Fact]
    public void Parses_a_redis_address_and_defaults_the_port()
    {
        Assert.Equal(new MembershipAddress("127.0.0.1", 7001), MembershipAddress.Parse("redis://127.0.0.1:7001"));
        Assert.Equal(6379, MembershipAddress.Parse("redis://localhost").Port);
        Assert.Equal("redis://127.0.0.1:7001", MembershipAddress.Parse("redis://127.0.0.1:7001").ToString());
    }

    [Theory]
    [InlineData("127.0.0.1:6379")]
    [InlineData("http://127.0.0.1:6379")]
    [InlineData("redis://127.0.0.1:6379/db")]
    public void Refuses_other_addresses_in_one_line(string text)
    {
        var e = Assert.Throws<ClusterInputException>(() => MembershipAddress.Parse(text));
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
        Assert.Contains("redis://HOST:PORT", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task An_address_where_no_redis_answers_is_one_line_naming_it()
    {
        // A port that was free a moment ago: nothing listens there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = new MembershipAddress("127.0.0.1", port);
        var e = await Assert.ThrowsAsync<ClusterInputException>(() => address.EnsureReachable(TestContext.Current.CancellationToken));
        Assert.Contains($"redis://127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
        Assert.Contains("redis-server", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
