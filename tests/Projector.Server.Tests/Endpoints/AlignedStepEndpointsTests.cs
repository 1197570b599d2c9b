using Projector.Core.Data;
using Projector.Core.Formats.Npy;
using Projector.Core.Projections;
using static Projector.Server.Tests.Endpoints.ProjectionEndpointsTests;

namespace Projector.Server.Tests.Endpoints;

/// <summary><c>alignTo</c>: a training step's layout continued from and turned onto the step before.</summary>
public sealed class AlignedStepEndpointsTests
{
    private const int Points = 150;
    private const int Dims = 6;

    // Two files of the same rows: the second is the first moved a little (or, for PCA, negated).
    private static string[] WriteSteps(string folder, Func<float, int, float> next)
    {
        var first = Synthetic.Blobs(Points, Dims);
        var second = first.Select(next).ToArray();
        var paths = new[] { Path.Combine(folder, "step1.npy"), Path.Combine(folder, "step2.npy") };
        foreach (var (path, values) in paths.Zip([first, second]))
        {
            using var matrix = EmbeddingMatrix.FromArray(values, Points, Dims);
            NpyWriter.Write(path, matrix);
        }

        return paths;
    }

    private static async Task<string> DoneAsync(RunningServer server, object request)
    {
        var (status, job) = await server.PostJsonAsync("/api/projections", request);
        Assert.True(status is 200 or 202, $"status {status}: {job}");
        var id = job.GetProperty("id").GetString()!;
        await WaitAsync(server, id, "done");
        return id;
    }

    [Fact]
    public async Task A_pca_of_negated_rows_is_turned_back_onto_the_step_before()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(WriteSteps(dir.Path, (v, _) => -v));
        var before = await DoneAsync(server, new { dataset = "step1", method = "pca", dims = 3, pca = new { components = 3 } });
        var plain = await Layout(server, await DoneAsync(server, new { dataset = "step2", method = "pca", dims = 3, pca = new { components = 3 } }));
        var aligned = await Layout(server, await DoneAsync(server, new { dataset = "step2", method = "pca", dims = 3, pca = new { components = 3 }, alignTo = before }));
        var reference = await Layout(server, before);

        Assert.True(Distance(plain, reference) > 1, "negated rows give a flipped PCA");
        Assert.True(Distance(aligned, reference) < 1e-3, $"aligned PCA is {Distance(aligned, reference)} from the step before");
    }

    [Fact]
    public async Task A_t_sne_step_continues_from_the_step_before_and_is_turned_onto_it()
    {
        using var dir = new TempDir();
        await using var server = await RunningServer.StartAsync(WriteSteps(dir.Path, (v, i) => v + (0.3f * MathF.Sin(i * 1.7f))));
        var tsne = new { iterations = 90 };
        var before = await DoneAsync(server, new { dataset = "step1", method = "tsne", tsne });
        var reference = await Layout(server, before);

        var (_, started) = await server.PostJsonAsync("/api/projections", new { dataset = "step2", method = "tsne", tsne, alignTo = before });
        var id = started.GetProperty("id").GetString()!;
        var done = await WaitAsync(server, id, "done");
        // Continued as ProjectionRecipe.ComputeSteps continues a step: a third of the iterations, no early exaggeration.
        Assert.Equal(30, done.GetProperty("totalIterations").GetInt32());
        var aligned = await Layout(server, id);

        var moved = StepAlignment.MeanDisplacement(reference, aligned, Points, 2) / StepAlignment.Spread(reference, Points, 2);
        Assert.True(moved < 0.25, $"points moved {moved:P0} of the spread");
        // Procrustes shifts the centroid onto the reference's.
        var (c0, c1) = (Centroid(reference), Centroid(aligned));
        Assert.True(Math.Abs(c0[0] - c1[0]) < 1e-3 && Math.Abs(c0[1] - c1[1]) < 1e-3, $"centroids {c0[0]},{c0[1]} and {c1[0]},{c1[1]}");

        // The same step aligned to the same layout is the cached one, byte for byte.
        var (status, again) = await server.PostJsonAsync("/api/projections", new { dataset = "step2", method = "tsne", tsne, alignTo = before });
        Assert.Equal(200, status);
        Assert.True(again.GetProperty("cached").GetBoolean());
        Assert.Equal(aligned, await Layout(server, again.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Aligning_to_a_layout_that_does_not_fit_is_a_problem()
    {
        using var dir = new TempDir();
        var paths = WriteSteps(dir.Path, (v, _) => v);
        var other = Synthetic.WriteNpy(dir.Path, 90, Dims);
        await using var server = await RunningServer.StartAsync([.. paths, other]);
        var pca = await DoneAsync(server, new { dataset = "step1", method = "pca" });
        var small = await DoneAsync(server, new { dataset = "blobs", method = "pca" });

        var cases = new (object Request, int Status, string Says)[]
        {
            (new { dataset = "step2", method = "tsne", alignTo = pca }, 400, "not a tsne layout"),
            (new { dataset = "step2", method = "pca", alignTo = small }, 400, "of 150 rows"),
            (new { dataset = "step2", method = "custom", custom = new { left = new { column = "x", pattern = "a" }, right = new { column = "x", pattern = "b" } }, alignTo = pca }, 400, "not custom axes"),
            (new { dataset = "step2", method = "pca", alignTo = "j999" }, 404, "j999"),
        };
        foreach (var (request, status, says) in cases)
        {
            var (actual, body) = await server.PostJsonAsync("/api/projections", request);
            Assert.Equal(status, actual);
            Assert.Contains(says, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    private static double Distance(float[] a, float[] b) => Math.Sqrt(a.Zip(b).Sum(p => (double)(p.First - p.Second) * (p.First - p.Second)) / a.Length);

    private static double[] Centroid(float[] layout) =>
        [layout.Where((_, i) => i % 2 == 0).Average(v => (double)v), layout.Where((_, i) => i % 2 == 1).Average(v => (double)v)];
}
