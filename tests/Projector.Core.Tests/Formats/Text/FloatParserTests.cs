using System.Globalization;
using System.Text;
using Projector.Core.Formats.Text;

namespace Projector.Core.Tests.Formats.Text;

public sealed class FloatParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1")]
    [InlineData("0.1")]
    [InlineData("-3.4028235E+38")]
    [InlineData("1.17549435E-38")]
    [InlineData("1e-45")]
    [InlineData("123456789012345678901234567890")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("+2.5e3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void TryParse_agrees_with_the_runtime_parser(string text)
    {
        Assert.True(FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        var expected = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(value));
    }

    [Fact]
    public void TryParse_is_correctly_rounded_for_a_million_random_decimals()
    {
        var rng = new Random(674386);
        for (var i = 0; i < 1_000_000; i++)
        {
            // Mix shortest round-trip strings with fixed-precision ones, as files carry both.
            var f = (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-12, 12)));
            var text = i % 2 == 0
                ? f.ToString(CultureInfo.InvariantCulture)
                : ((double)f).ToString("F" + rng.Next(0, 10), CultureInfo.InvariantCulture);
            Assert.True(FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out var value), text);
            var expected = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(value), $"{text}: {value} != {expected}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1e")]
    [InlineData("1,5")]
    public void TryParse_refuses_what_is_not_a_number(string text)
    {
        Assert.False(FloatParser.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }
}
