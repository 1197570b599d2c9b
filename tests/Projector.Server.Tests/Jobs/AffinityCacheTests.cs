using Microsoft.Extensions.DependencyInjection;
using Projector.Core.Projections;
using Projector.Server.Tests.Endpoints;

namespace Projector.Server.Tests.Jobs;

public sealed class AffinityCacheTests
{
    [Fact]
    public async Task The_preparation_ahead_computes_the_default_affinities_and_runs_of_that_perplexity_start_from_them()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(Synthetic.WriteLabelledTsv(dir.Path, 150, 5));
        var state = server.Services.GetRequiredService<ServerState>();
        var jobs = state.Jobs;
        await server.GetJsonAsync("/api/datasets/blobs/metadata");
        await jobs.WarmupOf("blobs")!.Done.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(1, jobs.Inputs.AffinitiesComputed);

        // Two seeds of the default perplexity: both start from the affinities computed ahead.
        foreach (var seed in new[] { 42, 7 })
        {
            var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", seed, tsne = new { perplexity = 30, iterations = 60 } });
            var id = job.GetProperty("id").GetString()!;
            await ProjectionEndpointsTests.WaitAsync(server, id, "done");
            Assert.Equal(1, jobs.Inputs.AffinitiesComputed);

            // The same bytes as the library computing everything itself, with the job's thread count.
            var recipe = new ProjectionRecipe { Method = LayoutMethod.Tsne, Seed = seed, Perplexity = 30, Iterations = 60, Threads = Environment.ProcessorCount };
            Assert.Equal(recipe.Compute(state.Catalog.Get("blobs").Dataset.Matrix).Positions, await ProjectionEndpointsTests.Layout(server, id));
        }

        // Another perplexity computes (and keeps) its own; a second run of it finds them.
        foreach (var seed in new[] { 1, 2 })
        {
            var (_, job) = await server.PostJsonAsync("/api/projections", new { dataset = "blobs", method = "tsne", seed, tsne = new { perplexity = 12, iterations = 30 } });
            await ProjectionEndpointsTests.WaitAsync(server, job.GetProperty("id").GetString()!, "done");
            Assert.Equal(2, jobs.Inputs.AffinitiesComputed);
        }

        Assert.Equal(2, jobs.Inputs.Affinities.Count);
        Assert.InRange(jobs.Inputs.Affinities.Bytes, 1, jobs.Inputs.Affinities.BudgetBytes);
    }
}
