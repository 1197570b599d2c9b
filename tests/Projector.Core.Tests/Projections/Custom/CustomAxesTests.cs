using Projector.Core.Data;
using Projector.Core.Projections.Custom;

namespace Projector.Core.Tests.Projections.Custom;

public sealed class CustomAxesTests
{
    [Fact]
    public void Project_places_points_along_the_axis_between_the_two_centroids()
    {
        // Given words on a line from "cold" (x = 0) to "hot" (x = 10), with y as noise
        using var d = new Dataset(
            "w",
            EmbeddingMatrix.FromArray([0, 1, 10, 1, 5, -1, 2, 0], 4, 2),
            new MetadataTable(4, [new MetadataColumn("word", ["Cold", "hot", "warm", "cool"])]));

        // When
        var frame = CustomAxes.Project(d, new AxisQuery("word", "^cold$"), new AxisQuery("word", "^HOT$"));

        // Then x is the coordinate along cold → hot, and the order is cold < cool < warm < hot
        Assert.Equal(new float[] { 0, 10, 5, 2 }, Enumerable.Range(0, 4).Select(i => frame.Positions[i * 2]));
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(0, frame.Positions[(i * 2) + 1]));
    }

    [Fact]
    public void Project_refuses_a_query_matching_nothing_a_bad_regex_and_a_missing_column()
    {
        using var d = new Dataset("w", EmbeddingMatrix.FromArray([0, 1, 2, 3], 2, 2), new MetadataTable(2, [new MetadataColumn("word", ["a", "b"])]));
        Assert.Contains("matching 'zzz'", Assert.Throws<ArgumentException>(() => CustomAxes.Project(d, new AxisQuery("word", "a"), new AxisQuery("word", "zzz"))).Message, StringComparison.Ordinal);
        Assert.Contains("not a valid regular expression", Assert.Throws<ArgumentException>(() => CustomAxes.Project(d, new AxisQuery("word", "("), new AxisQuery("word", "b"))).Message, StringComparison.Ordinal);
        Assert.Contains("Columns: word", Assert.Throws<ArgumentException>(() => CustomAxes.Project(d, new AxisQuery("tag", "a"), new AxisQuery("word", "b"))).Message, StringComparison.Ordinal);
        // The messages reach the page as they are: no "(Parameter 'query')" tail.
        Assert.DoesNotContain("Parameter", Assert.Throws<ArgumentException>(() => CustomAxes.Project(d, new AxisQuery("word", "("), new AxisQuery("word", "b"))).Message, StringComparison.Ordinal);
    }
}
