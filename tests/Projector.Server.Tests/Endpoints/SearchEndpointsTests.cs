namespace Projector.Server.Tests.Endpoints;

public sealed class SearchEndpointsTests(MnistServer mnist)
{
    [Fact]
    public async Task Regex_search_finds_every_seven()
    {
        var answer = await mnist.Server.GetJsonAsync("/api/datasets/mnist/search?q=%5E7%24&column=label&regex=true");
        Assert.Equal("label", answer.GetProperty("column").GetString());
        Assert.Equal(1070, answer.GetProperty("count").GetInt32());
        Assert.Equal(1070, answer.GetProperty("indices").GetArrayLength());
    }

    [Fact]
    public async Task Substring_search_is_case_insensitive()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 30, 3));
        var answer = await server.GetJsonAsync("/api/datasets/blobs/search?q=LOB2&column=label");
        Assert.Equal(10, answer.GetProperty("count").GetInt32());
        Assert.All(answer.GetProperty("indices").EnumerateArray(), i => Assert.Equal(2, i.GetInt32() % 3));
        var literal = await server.GetJsonAsync("/api/datasets/blobs/search?q=blob.&regex=false");
        Assert.Equal(0, literal.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_limit_lists_the_first_matches_and_counts_them_all()
    {
        var answer = await mnist.Server.GetJsonAsync("/api/datasets/mnist/search?q=%5E7%24&column=label&regex=true&limit=5");
        Assert.Equal(1070, answer.GetProperty("count").GetInt32());
        var all = await mnist.Server.GetJsonAsync("/api/datasets/mnist/search?q=%5E7%24&column=label&regex=true");
        Assert.Equal(all.GetProperty("indices").EnumerateArray().Take(5).Select(i => i.GetInt32()), answer.GetProperty("indices").EnumerateArray().Select(i => i.GetInt32()));
        await Problems.AssertProblemAsync(mnist.Server.Client.GetAsync("/api/datasets/mnist/search?q=7&limit=-1", TestContext.Current.CancellationToken), 400);
    }

    [Fact]
    public async Task Bad_regex_is_a_400_naming_the_error()
    {
        var detail = await Problems.AssertProblemAsync(mnist.Server.Client.GetAsync("/api/datasets/mnist/search?q=%5B7&column=label&regex=true", TestContext.Current.CancellationToken), 400);
        Assert.Contains("regular expression", detail, StringComparison.Ordinal);
        Assert.Contains("[7", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_column_is_a_400_problem()
    {
        await Problems.AssertProblemAsync(mnist.Server.Client.GetAsync("/api/datasets/mnist/search?q=1&column=colour", TestContext.Current.CancellationToken), 400);
    }
}
