namespace Projector.Server.Jobs;

/// <summary>
/// The page's "Perturb": a finished or running t-SNE layout nudged at random, to continue from there and
/// escape a local arrangement (as the TensorFlow projector's Perturb does). The nudge is normal noise of a
/// twentieth of the layout's spread on each axis, seeded, so the same layout and seed nudge the same way.
/// </summary>
internal static class LayoutPerturbation
{
    /// <summary>The noise's standard deviation, as a share of the layout's on each axis.</summary>
    public const double Share = 0.05;

    public static float[] Perturb(ReadOnlySpan<float> positions, int dimensions, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var points = positions.Length / dimensions;
        var output = positions.ToArray();
        var random = new Random(seed);
        for (var d = 0; d < dimensions; d++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < points; i++)
            {
                double v = positions[(i * dimensions) + d];
                sum += v;
                squares += v * v;
            }

            var mean = points > 0 ? sum / points : 0;
            var spread = points > 0 ? Math.Sqrt(Math.Max(0, (squares / points) - (mean * mean))) : 0;
            var sd = Share * (spread > 0 ? spread : 1);
            for (var i = 0; i < points; i++)
            {
                // Box-Muller: two uniforms to one normal value (1 - u keeps the logarithm finite).
                var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                output[(i * dimensions) + d] += (float)(sd * normal);
            }
        }

        return output;
    }
}
