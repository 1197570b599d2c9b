using Projector.Core.Projections.Tsne;

namespace Projector.Core.Tests.Projections.Tsne;

public sealed class QuantizedRowsTests
{
    [Theory]
    [InlineData(1e-9, 1)]
    [InlineData(1e-6, 130)]
    [InlineData(1e-2, 17)]
    public void Every_entry_decodes_within_half_a_level_of_the_row_largest(double magnitude, int length)
    {
        // Given a row of P-sized values spread over six decades, with a zero among them
        var rng = new Random(length);
        var values = Enumerable.Range(0, length).Select(_ => (float)(magnitude * Math.Pow(10, -6 * rng.NextDouble()))).ToArray();
        if (length > 2)
        {
            values[1] = 0f;
        }

        var weights = new ushort[length];

        // When it is quantized and decoded
        var scale = QuantizedRows.EncodeRow(values, weights);

        // Then the largest entry is the top level, and every entry is within half a level (max / 131070)
        var max = values.Max();
        Assert.Equal(QuantizedRows.Levels, weights.Max());
        for (var e = 0; e < length; e++)
        {
            var decoded = QuantizedRows.Decode(weights[e], scale);
            Assert.InRange(Math.Abs(decoded - values[e]), 0, (max / 131070.0) * 1.0001);
        }
    }

    [Fact]
    public void A_row_of_zeros_stays_zero()
    {
        // Given an empty row's worth of zeros, when quantized, then every weight and the scale are zero
        var weights = new ushort[4];
        Assert.Equal(0f, QuantizedRows.EncodeRow(new float[4], weights));
        Assert.All(weights, w => Assert.Equal(0, w));
    }
}
