using Projector.Core.Data;

namespace Projector.Bench.Neighbors;

/// <summary>
/// A seeded mixture of 20 Gaussian clusters (as scripts/gauss-data.mjs makes): fixed centres, each row of
/// a random cluster with its own spread. The same seed gives the same rows and labels.
/// </summary>
internal static class GaussianMixture
{
    public static (EmbeddingMatrix Matrix, int[] Labels) Make(int rows, int dims, int seed)
    {
        var centres = new Random(20240101);
        var centre = new float[20 * dims];
        for (var i = 0; i < centre.Length; i++)
        {
            centre[i] = Gauss(centres);
        }

        var random = new Random(seed);
        var values = new float[(long)rows * dims];
        var labels = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var c = random.Next(20);
            labels[r] = c;
            var spread = 0.6f + (0.8f * c / 19);
            for (var d = 0; d < dims; d++)
            {
                values[((long)r * dims) + d] = centre[(c * dims) + d] + (spread * Gauss(random));
            }
        }

        return (EmbeddingMatrix.FromArray(values, rows, dims), labels);
    }

    private static float Gauss(Random random) => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
