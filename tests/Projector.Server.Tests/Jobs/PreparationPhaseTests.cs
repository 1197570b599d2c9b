using Projector.Core;
using Projector.Server.Jobs;

namespace Projector.Server.Tests.Jobs;

public sealed class PreparationPhaseTests
{
    [Theory]
    [InlineData("neighbours", "exact", 3200, 10000, "neighbours 3,200/10,000")]
    [InlineData("neighbours", "exact", 0, 0, "neighbours")]
    [InlineData("PCA to 50 dimensions", "fit", 2, 5, "PCA to 50 dimensions")]
    [InlineData("t-SNE", "affinities", 0, 10000, "affinities")]
    public void Describes_each_stage_in_the_words_of_the_status_line(string stage, string phase, long done, long total, string expected) =>
        Assert.Equal(expected, PreparationPhase.Describe(new StageProgress(stage, new ProjectionProgress(phase, done, total))));

    [Fact]
    public void Passes_a_new_stage_and_the_last_count_on_at_once_and_thins_the_counts_between()
    {
        var shown = new List<string>();
        var phase = new PreparationPhase(shown.Add);
        for (var i = 0; i <= 1000; i++)
        {
            phase.Report(new StageProgress("neighbours", new ProjectionProgress("exact", i, 1000)));
        }

        phase.Report(new StageProgress("t-SNE", new ProjectionProgress("affinities", 0, 1000)));
        Assert.Equal("neighbours 0/1,000", shown[0]);
        Assert.Contains("neighbours 1,000/1,000", shown);
        Assert.Equal("affinities", shown[^1]);
        Assert.True(shown.Count < 100, $"{shown.Count} phases shown for 1,001 reports");
    }
}
