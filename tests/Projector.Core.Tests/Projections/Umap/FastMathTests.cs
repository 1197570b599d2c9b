using System.Runtime.Intrinsics;
using Projector.Core.Projections.Umap;

namespace Projector.Core.Tests.Projections.Umap;

public sealed class FastMathTests
{
    [Theory]
    [InlineData(0.8951f)]
    [InlineData(-0.1049f)]
    [InlineData(1.5f)]
    public void Pow_agrees_with_MathF_Pow_to_a_millionth(float y)
    {
        for (var x = 1e-6f; x < 1e6f; x *= 1.37f)
        {
            var expected = MathF.Pow(x, y);
            Assert.True(Math.Abs(FastMath.Pow(x, y) - expected) <= 2e-6f * expected, $"{x}^{y}: {FastMath.Pow(x, y)} vs {expected}");
        }
    }

    [Fact]
    public void Vector_pow_gives_the_same_bits_as_scalar_pow_in_every_lane()
    {
        var x = Vector256.Create(1e-7f, 0.001f, 0.37f, 1f, 1.4142f, 2.5f, 731f, 1e7f);

        var result = FastMath.Pow(x, 0.8951f);

        for (var lane = 0; lane < Vector256<float>.Count; lane++)
        {
            Assert.Equal(FastMath.Pow(x[lane], 0.8951f), result[lane]);
        }
    }
}
