using Projector.Core.Neighbors;
using Projector.Demos;

namespace Projector.Server.Tests.Endpoints;

public sealed class NeighborEndpointsTests(MnistServer mnist)
{
    private static readonly Lazy<Core.Data.Dataset> Digits = new(() => MnistDemo.Load());

    [Theory]
    [InlineData("cosine", Metric.Cosine)]
    [InlineData("euclidean", Metric.Euclidean)]
    public async Task Neighbours_of_a_point_are_NeighborSearchs(string name, Metric metric)
    {
        var answer = await mnist.Server.GetJsonAsync($"/api/datasets/mnist/neighbors?point=42&k=12&metric={name}");
        var expected = NeighborSearch.QueryRow(Digits.Value.Matrix, 42, 12, metric);
        Assert.Equal(42, answer.GetProperty("point").GetInt32());
        Assert.Equal(name, answer.GetProperty("metric").GetString());
        var got = answer.GetProperty("neighbors").EnumerateArray().ToList();
        Assert.Equal(expected.Select(n => n.Index), got.Select(g => g.GetProperty("index").GetInt32()));
        Assert.Equal(expected.Select(n => n.Distance), got.Select(g => g.GetProperty("distance").GetSingle()));
        Assert.DoesNotContain(42, got.Select(g => g.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task Neighbours_of_a_vector_and_of_a_metadata_value()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 30, 3));
        var byValue = await server.GetJsonAsync("/api/datasets/blobs/neighbors?query=BLOB1&k=3");
        Assert.Equal(1, byValue.GetProperty("point").GetInt32());
        Assert.All(byValue.GetProperty("neighbors").EnumerateArray(), n => Assert.Equal(1, n.GetProperty("index").GetInt32() % 3));

        var byVector = await server.GetJsonAsync("/api/datasets/blobs/neighbors?query=0,0,10&k=5&metric=euclidean");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, byVector.GetProperty("point").ValueKind);
        Assert.All(byVector.GetProperty("neighbors").EnumerateArray(), n => Assert.Equal(2, n.GetProperty("index").GetInt32() % 3));
    }

    [Theory]
    [InlineData("point=1&k=0")]
    [InlineData("point=1&k=1001")]
    [InlineData("point=1&k=10000")]
    [InlineData("point=10000&k=5")]
    [InlineData("point=1&k=5&metric=manhattan")]
    public async Task Bad_neighbour_requests_are_400_problems(string query)
    {
        await Problems.AssertProblemAsync(mnist.Server.Client.GetAsync($"/api/datasets/mnist/neighbors?{query}", TestContext.Current.CancellationToken), 400);
    }
}
