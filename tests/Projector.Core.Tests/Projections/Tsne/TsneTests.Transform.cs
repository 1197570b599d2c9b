using Projector.Core.Data;
using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Fact]
    public void Transform_places_new_points_with_their_own_blob()
    {
        // Given a layout of four blobs and new points drawn from the same blobs
        var (all, labels) = TsneTestData.Blobs(4, 110, 6, seed: 21);
        var isNew = Enumerable.Range(0, all.Rows).Select(i => i % 110 >= 100).ToArray();
        using var reference = EmbeddingMatrix.FromRows([.. Enumerable.Range(0, all.Rows).Where(i => !isNew[i]).Select(i => all.Row(i).ToArray())]);
        using var fresh = EmbeddingMatrix.FromRows([.. Enumerable.Range(0, all.Rows).Where(i => isNew[i]).Select(i => all.Row(i).ToArray())]);
        var referenceLabels = labels.Where((_, i) => !isNew[i]).ToArray();
        var freshLabels = labels.Where((_, i) => isNew[i]).ToArray();
        var run = Core.Projections.Tsne.TsneProjection.Create(reference, new TsneOptions { Threads = 2, Iterations = 400, EarlyExaggerationIterations = 150 });
        var layout = ProjectionRunnerRun(run);

        // When they are transformed into it
        var placed = run.Transform(fresh);

        // Then each lands nearest to reference points of its own blob
        Assert.All(placed, v => Assert.True(float.IsFinite(v)));
        var correct = 0;
        for (var i = 0; i < fresh.Rows; i++)
        {
            var nearest = Enumerable.Range(0, reference.Rows)
                .OrderBy(j => Math.Pow(layout[2 * j] - placed[2 * i], 2) + Math.Pow(layout[(2 * j) + 1] - placed[(2 * i) + 1], 2))
                .Take(10).GroupBy(j => referenceLabels[j]).OrderByDescending(g => g.Count()).First().Key;
            correct += nearest == freshLabels[i] ? 1 : 0;
        }

        Assert.Equal(fresh.Rows, correct);
    }

    private static float[] ProjectionRunnerRun(TsneRun run) => Core.Projections.ProjectionRunner.RunToEnd(run).Positions;
}
