using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

/// <content>Supervised UMAP.</content>
public sealed partial class UmapTests
{
    [Fact]
    public void Supervised_fit_separates_labels_that_overlap_in_the_input()
    {
        // Given: two blobs one σ apart, so their kNN graphs overlap heavily.
        var (data, labels) = UmapTestData.Blobs(2, 150, 5, 1.0);
        var options = new UmapOptions { Epochs = 200 };

        // When
        var plain = UmapProjection.Fit(data, options);
        var supervised = UmapProjection.Fit(data, options with { Supervision = new UmapSupervision(labels) });

        // Then
        var plainAccuracy = UmapTestData.LeaveOneOutAccuracy(plain.Positions, 2, labels);
        var supervisedAccuracy = UmapTestData.LeaveOneOutAccuracy(supervised.Positions, 2, labels);
        Assert.True(supervisedAccuracy > plainAccuracy + 0.1, $"supervised {supervisedAccuracy}, plain {plainAccuracy}");
        Assert.True(supervisedAccuracy > 0.95, $"supervised {supervisedAccuracy}");
    }

    [Fact]
    public void Supervised_fit_accepts_unknown_labels()
    {
        var (data, labels) = UmapTestData.Blobs(2, 40, 3, 1.0);
        var partial = labels.Select((l, i) => i % 3 == 0 ? null : l).ToArray();

        var frame = UmapProjection.Fit(data, new UmapOptions { Epochs = 30, Supervision = new UmapSupervision(partial) { TargetWeight = 1.0 } });

        Assert.All(frame.Positions, x => Assert.True(float.IsFinite(x)));
    }
}
