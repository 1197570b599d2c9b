using System.Runtime.InteropServices;
using Projector.Core.Formats;
using Projector.Core.Quality;

namespace Projector.Server.Tests.Endpoints;

public sealed class LayoutAnalysisEndpointsTests
{
    [Fact]
    public async Task A_finished_layout_has_named_clusters_and_the_library_s_quality_figures()
    {
        using var data = new TempDir();
        var input = Synthetic.WriteLabelledTsv(data.Path, 300, 10);
        await using var server = await RunningServer.StartAsync(input);
        var ct = TestContext.Current.CancellationToken;
        var (status, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca" });
        Assert.Equal(200, status);
        var id = job.GetProperty("id").GetString()!;

        // Clusters: the three blobs, each named by its label
        var clusters = await server.GetJsonAsync($"/api/projections/{id}/clusters");
        Assert.Equal(300, clusters.GetProperty("points").GetInt32());
        Assert.Equal(2, clusters.GetProperty("dimensions").GetInt32());
        var items = clusters.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal(["blob0 (100%)", "blob1 (100%)", "blob2 (100%)"], items.Select(c => c.GetProperty("label").GetString()).Order(StringComparer.Ordinal));
        var points = await server.Client.GetByteArrayAsync($"/api/projections/{id}/clusters/points", ct);
        var assignments = MemoryMarshal.Cast<byte, int>(points).ToArray();
        Assert.Equal(300, assignments.Length);
        Assert.Equal(items.Sum(c => c.GetProperty("size").GetInt32()), assignments.Count(a => a >= 0));

        // Quality: the same figures as the library's Measure (what projector project --quality prints)
        var layout = MemoryMarshal.Cast<byte, float>(await server.Client.GetByteArrayAsync($"/api/projections/{id}/layout", ct)).ToArray();
        var twoD = Enumerable.Range(0, 300).SelectMany(i => layout.Skip(i * 10).Take(2)).ToArray();
        using var dataset = DatasetReader.Read(input, ReadOptions.Default);
        var expected = LayoutQuality.Measure(dataset.Matrix, twoD, 2, dataset.Metadata["label"]!.Values, QualityOptions.Default);
        var quality = await server.GetJsonAsync($"/api/projections/{id}/quality?labels=label");
        Assert.Equal(expected.KnnPreservation, quality.GetProperty("knnPreservation").GetDouble());
        Assert.Equal(expected.Trustworthiness, quality.GetProperty("trustworthiness").GetDouble());
        Assert.Equal(expected.LabelAccuracy, quality.GetProperty("labelAccuracy").GetDouble());
        Assert.Equal(300, quality.GetProperty("sampleSize").GetInt32());
        Assert.True(quality.GetProperty("pointsExact").GetBoolean());
        var kept = MemoryMarshal.Cast<byte, float>(await server.Client.GetByteArrayAsync($"/api/projections/{id}/quality/points?labels=label", ct)).ToArray();
        Assert.Equal(300, kept.Length);
        Assert.Equal(expected.KnnPreservation, kept.Average(f => (double)f), 6);
    }

    [Fact]
    public async Task Clusters_of_a_running_or_unknown_job_or_with_bad_options_are_problems()
    {
        using var data = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(data.Path, 300, 10));
        var ct = TestContext.Current.CancellationToken;
        await Problems.AssertProblemAsync(server.Client.GetAsync("/api/projections/jnope/clusters", ct), 404);
        var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "pca" });
        var id = job.GetProperty("id").GetString()!;
        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/projections/{id}/clusters?minClusterSize=1", ct), 400);
        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/projections/{id}/clusters?dims=4", ct), 400);
        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/projections/{id}/clusters?labelColumn=nope", ct), 400);
        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/projections/{id}/quality?labels=nope", ct), 400);

        var (status, running) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", tsne = new { iterations = 100000 } });
        Assert.Equal(202, status);
        var runningId = running.GetProperty("id").GetString()!;
        await Problems.AssertProblemAsync(server.Client.GetAsync($"/api/projections/{runningId}/clusters", ct), 409);
        for (var i = 0; i < 300 && (await server.GetJsonAsync($"/api/projections/{runningId}")).GetProperty("iteration").GetInt32() < 5; i++)
        {
            await Task.Delay(100, ct);
        }

        using var stopped = await server.Client.PostAsync($"/api/projections/{runningId}/stop", null, ct);
        for (var i = 0; i < 300 && (await server.GetJsonAsync($"/api/projections/{runningId}")).GetProperty("status").GetString() != "stopped"; i++)
        {
            await Task.Delay(100, ct);
        }

        // A stopped layout is analysed as it stands
        var clusters = await server.GetJsonAsync($"/api/projections/{runningId}/clusters");
        Assert.Equal(300, clusters.GetProperty("points").GetInt32());
    }
}
