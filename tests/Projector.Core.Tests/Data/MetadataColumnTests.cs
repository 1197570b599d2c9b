using Projector.Core.Data;

namespace Projector.Core.Tests.Data;

public sealed class MetadataColumnTests
{
    [Fact]
    public void Column_of_numbers_with_gaps_is_numeric_with_NaN_for_missing()
    {
        var c = new MetadataColumn("x", ["1", "", "2.5e3"]);
        Assert.Equal(MetadataKind.Number, c.Kind);
        Assert.True(double.IsNaN(c.Numbers[1]));
        Assert.Equal(2500, c.Numbers[2]);
        Assert.Equal(1, c.MissingCount);
        Assert.Equal(2, c.DistinctCount);
    }

    [Fact]
    public void Column_with_one_word_is_text()
    {
        var c = new MetadataColumn("x", ["1", "cat", "1"]);
        Assert.Equal(MetadataKind.Text, c.Kind);
        Assert.Equal(2, c.DistinctCount);
        Assert.Throws<InvalidOperationException>(() => c.Numbers.ToArray());
    }
}
