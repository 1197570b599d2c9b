using Projector.Cluster.Jobs;

namespace Projector.Cluster.Tests.Jobs;

public sealed class SampleSelectionTests
{
    [Fact]
    public void Stratified_keeps_each_labels_share_and_the_same_seed_chooses_the_same_rows()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i < 900 ? "big" : i < 990 ? "small" : "tiny").ToArray();
        var chosen = SampleSelection.Choose(1000, labels, 100, 7);
        Assert.Equal(100, chosen.Length);
        Assert.Equal(90, chosen.Count(i => labels[i] == "big"));
        Assert.Equal(9, chosen.Count(i => labels[i] == "small"));
        Assert.Equal(1, chosen.Count(i => labels[i] == "tiny"));
        Assert.Equal(chosen.Order(), chosen);
        Assert.Equal(chosen.Length, chosen.Distinct().Count());
        Assert.Equal(chosen, SampleSelection.Choose(1000, labels, 100, 7));
        Assert.NotEqual(chosen, SampleSelection.Choose(1000, labels, 100, 8));
    }

    [Fact]
    public void Without_labels_the_sample_is_uniform_and_seeded()
    {
        var chosen = SampleSelection.Choose(10_000, null, 1000, 3);
        Assert.Equal(1000, chosen.Length);
        Assert.Equal(1000, chosen.Distinct().Count());
        // Uniform: each tenth of the rows holds about a tenth of the sample.
        for (var t = 0; t < 10; t++)
        {
            Assert.InRange(chosen.Count(i => i / 1000 == t), 60, 140);
        }

        Assert.Equal(chosen, SampleSelection.Choose(10_000, null, 1000, 3));
    }

    [Fact]
    public void A_sample_as_large_as_the_input_is_every_row()
    {
        Assert.Equal(Enumerable.Range(0, 50), SampleSelection.Choose(50, null, 80, 1));
    }
}
