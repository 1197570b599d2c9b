using System.Globalization;
using System.Text;
using Projector.Core.Formats.Io;

namespace Projector.Core.Tests.Formats.Word2Vec;

public sealed class FloatTextTests
{
    [Theory]
    [InlineData("F6")]
    [InlineData("F5")]
    [InlineData("F4")]
    [InlineData("F10")]
    [InlineData("G7")]
    [InlineData("R")]
    [InlineData("E3")]
    public void TryParse_gives_exactly_what_float_Parse_gives(string format)
    {
        var random = new Random(99);
        for (var i = 0; i < 20000; i++)
        {
            var v = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 6)));
            var text = v.ToString(format, CultureInfo.InvariantCulture);
            Assert.True(FloatText.TryParse(Encoding.ASCII.GetBytes(text), out var parsed), text);
            Assert.Equal(BitConverter.SingleToInt32Bits(float.Parse(text, CultureInfo.InvariantCulture)), BitConverter.SingleToInt32Bits(parsed));
        }
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("-inf")]
    [InlineData("Infinity")]
    [InlineData("+1.5")]
    [InlineData("-0")]
    [InlineData(".5")]
    [InlineData("7.")]
    public void TryParse_accepts_special_and_short_forms(string text)
    {
        Assert.True(FloatText.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1,5")]
    public void TryParse_refuses_non_numbers(string text)
    {
        Assert.False(FloatText.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }
}
