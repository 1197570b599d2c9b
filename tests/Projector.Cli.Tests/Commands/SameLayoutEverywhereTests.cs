using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Projections;
using Projector.Server;

namespace Projector.Cli.Tests.Commands;

/// <summary>
/// One recipe: the library, <c>projector project</c>, <c>projector export</c> and the server give the same
/// bytes for the same input, options and seed.
/// </summary>
public sealed class SameLayoutEverywhereTests
{
    [Theory]
    [InlineData("tsne", "--iterations", "60", "tsne", "iterations")]
    [InlineData("umap", "--iterations", "40", "umap", "epochs")]
    public async Task The_cli_the_export_and_the_server_give_the_same_bytes(string method, string flag, string count, string block, string field)
    {
        using var dir = new TempDir();
        var input = WriteClusters(dir.Path);
        var iterations = int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);

        var library = new ProjectionRecipe { Method = ProjectionRecipe.ParseMethod(method)!.Value, Seed = 7, Iterations = iterations };
        using var data = DatasetReader.Read(input, ReadOptions.Default);
        var expected = library.Compute(data.Matrix).Positions;

        var cliOut = Path.Combine(dir.Path, "layout.npy");
        var cli = CliRun.Of("project", input, "--method", method, flag, count, "--seed", "7", "-o", cliOut);
        Assert.True(cli.ExitCode == 0, cli.Error);
        using (var fromCli = DatasetReader.Read(cliOut, ReadOptions.Default))
        {
            Assert.Equal(expected, fromCli.Matrix.ToArray());
        }

        var site = Path.Combine(dir.Path, "site");
        var page = Directory.CreateDirectory(Path.Combine(dir.Path, "page")).FullName;
        File.WriteAllText(Path.Combine(page, "index.html"), "<!doctype html>");
        var export = CliRun.Of("export", input, "--out", site, "--layouts", method, "--neighbors", "0", flag, count, "--seed", "7", "--page", page);
        Assert.True(export.ExitCode == 0, export.Error);
        var siteFile = Directory.GetFiles(site, $"layout-{method}.f32", SearchOption.AllDirectories).Single();
        Assert.Equal(expected, MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(siteFile)).ToArray());

        Assert.Equal(expected, await FromServerAsync(dir.Path, input, new Dictionary<string, object> { ["method"] = method, ["seed"] = 7, [block] = new Dictionary<string, object> { [field] = iterations } }));
    }

    [Fact]
    public async Task The_server_reports_the_quality_figures_and_clusters_the_cli_reports()
    {
        using var dir = new TempDir();
        var input = WriteClusters(dir.Path);
        var clustersFile = Path.Combine(dir.Path, "clusters.tsv");
        var cli = CliRun.Of("project", input, "--method", "tsne", "--iterations", "80", "--seed", "7", "-o", Path.Combine(dir.Path, "layout.npy"), "--quality", "--clusters", clustersFile);
        Assert.True(cli.ExitCode == 0, cli.Error);
        var printed = System.Text.RegularExpressions.Regex.Match(cli.Out, @"on (\d+) points\): kNN preservation ([\d.]+), trustworthiness ([\d.]+)");
        Assert.True(printed.Success, cli.Out);

        var (quality, clusters) = await AnalysesFromServerAsync(dir.Path, input, new Dictionary<string, object> { ["method"] = "tsne", ["seed"] = 7, ["tsne"] = new Dictionary<string, object> { ["iterations"] = 80 } });
        string F3(string name) => quality.GetProperty(name).GetDouble().ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(printed.Groups[1].Value, quality.GetProperty("sampleSize").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(printed.Groups[2].Value, F3("knnPreservation"));
        Assert.Equal(printed.Groups[3].Value, F3("trustworthiness"));
        var fromCli = File.ReadAllLines(clustersFile).Skip(1).Select(l => int.Parse(l.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(fromCli, clusters);
        Assert.True(clusters.Max() >= 1, "the four groups make more than one cluster");
    }

    [Fact]
    public void Every_host_resolves_the_same_defaults()
    {
        var recipe = new ProjectionRecipe();
        Assert.Equal(Core.Neighbors.Metric.Euclidean, recipe.Metric);
        Assert.Equal(50, recipe.PcaDims);
        Assert.Equal(10, recipe.PcaComponents);
        Assert.Equal(42, recipe.Seed);
        Assert.Equal(90, recipe.GraphNeighborsFor(10_000));
        Assert.Equal(15, (recipe with { Method = LayoutMethod.Umap }).GraphNeighborsFor(10_000));
    }

    private static Task<float[]> FromServerAsync(string dir, string input, Dictionary<string, object> request) =>
        WithFinishedJobAsync(dir, input, request, async (client, id, ct) =>
            MemoryMarshal.Cast<byte, float>(await client.GetByteArrayAsync($"api/projections/{id}/layout", ct)).ToArray());

    private static Task<(JsonElement Quality, int[] Clusters)> AnalysesFromServerAsync(string dir, string input, Dictionary<string, object> request) =>
        WithFinishedJobAsync(dir, input, request, async (client, id, ct) => (
            await client.GetFromJsonAsync<JsonElement>($"api/projections/{id}/quality", ct),
            MemoryMarshal.Cast<byte, int>(await client.GetByteArrayAsync($"api/projections/{id}/clusters/points", ct)).ToArray()));

    /// <summary>Starts a server on the input, runs the projection to its end and asks <paramref name="read"/> about it.</summary>
    private static async Task<T> WithFinishedJobAsync<T>(string dir, string input, Dictionary<string, object> request, Func<HttpClient, string, CancellationToken, Task<T>> read)
    {
        var state = Directory.CreateDirectory(Path.Combine(dir, $"state-{Guid.NewGuid():N}")).FullName;
        var app = ProjectorServer.Build(new ServerOptions { Paths = [input], Host = "127.0.0.1", Port = 0, StateFolder = state });
        var ct = TestContext.Current.CancellationToken;
        await app.StartAsync(ct);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ProjectorServer.BoundPort(app)}/") };
            var datasets = await client.GetFromJsonAsync<JsonElement>("api/datasets", ct);
            request["dataset"] = datasets[0].GetProperty("id").GetString()!;
            using var started = await client.PostAsJsonAsync("api/projections", request, ct);
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
            for (var i = 0; i < 600; i++)
            {
                var status = (await client.GetFromJsonAsync<JsonElement>($"api/projections/{id}", ct)).GetProperty("status").GetString();
                if (status == "done")
                {
                    return await read(client, id, ct);
                }

                Assert.True(status is "queued" or "running", $"the server's job ended {status}");
                await Task.Delay(100, ct);
            }

            throw new TimeoutException("the server's projection did not finish in a minute");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    // 240 points of 4 clusters in 64 dimensions: wide enough that every host reduces with PCA first.
    private static string WriteClusters(string dir)
    {
        const int n = 240, d = 64;
        var random = new Random(3);
        var values = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                values[(i * d) + j] = (float)(random.NextDouble() + (j % 4 == i % 4 ? 3 : 0));
            }
        }

        var path = Path.Combine(dir, "clusters.npy");
        using var matrix = EmbeddingMatrix.FromArray(values, n, d);
        using var dataset = new Dataset("clusters", matrix);
        DatasetWriter.Write(path, [dataset]);
        return path;
    }
}
