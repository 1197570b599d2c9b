using Projector.Core.Data;
using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed partial class TsneTests
{
    [Fact]
    public void Supervision_pulls_points_with_the_same_label_together()
    {
        // Given one Gaussian cloud whose points carry two random labels (and a few none)
        var rng = new Random(5);
        var n = 200;
        using var data = EmbeddingMatrix.FromArray([.. Enumerable.Range(0, n * 5).Select(_ => (float)TsneTestData.Gaussian(rng))], n, 5);
        var labels = Enumerable.Range(0, n).Select(i => i % 20 == 0 ? null : rng.Next(2) == 0 ? "a" : "b").ToArray();
        var labelled = labels.Select((l, i) => (l, i)).Where(x => x.l is not null).Select(x => x.i).ToArray();
        double Accuracy(float[] positions) =>
            TsneTestData.KnnAccuracy([.. labelled.SelectMany(i => new[] { positions[2 * i], positions[(2 * i) + 1] })], 2, [.. labelled.Select(i => labels[i])]);

        // When t-SNE runs without and with supervision
        var options = new TsneOptions { Threads = 2, Iterations = 400 };
        var plain = Core.Projections.Tsne.TsneProjection.Fit(data, options);
        var supervised = Core.Projections.Tsne.TsneProjection.Fit(data, options with { SupervisionLabels = labels, SuperviseFactor = 1 });

        // Then only the supervised layout groups the labels
        Assert.True(Accuracy(plain.Positions) < 0.7, $"unsupervised {Accuracy(plain.Positions)}");
        Assert.True(Accuracy(supervised.Positions) > 0.9, $"supervised {Accuracy(supervised.Positions)}");
    }
}
