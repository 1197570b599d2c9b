using MathNet.Numerics.LinearAlgebra;
using Projector.Core.Data;
using Projector.Core.Projections.Pca;

namespace Projector.Core.Tests.Projections.Pca;

public sealed class BlockedProductsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 5)]
    [InlineData(613, 37)]
    [InlineData(250, 100)]
    public void Scatter_matches_a_double_precision_sum_whatever_the_threads(int n, int d)
    {
        // Given rows of an awkward size (neither side a multiple of a tile, more rows than one block)
        using var data = Random(n, d, seed: n + d);
        var mean = PcaMath.Mean(data, center: true, sphereize: false, default);

        // When
        var one = BlockedProducts.Scatter(data, mean, sphereize: false, threads: 1, default);
        var all = BlockedProducts.Scatter(data, mean, sphereize: false, threads: null, default);

        // Then the upper triangle is Σ (x − mean)(x − mean)ᵀ, the same bytes on one thread or all
        Assert.Equal(one, all);
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                var expected = 0.0;
                for (var i = 0; i < n; i++)
                {
                    expected += ((double)data[i, a] - mean[a]) * ((double)data[i, b] - mean[b]);
                }

                Assert.Equal(b >= a ? expected : 0, one[(a * d) + b], 1e-4 * (1 + Math.Abs(expected)));
            }
        }
    }

    [Theory]
    [InlineData(5, 3, 1)]
    [InlineData(481, 51, 50)]
    [InlineData(300, 784, 13)]
    public void Project_matches_a_double_precision_product(int n, int d, int k)
    {
        using var data = Random(n, d, seed: k);
        var mean = PcaMath.Mean(data, center: true, sphereize: true, default);
        var rng = new Random(3);
        var components = Enumerable.Range(0, k * d).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();

        using var projected = BlockedProducts.Project(data, mean, sphereize: true, components, k, default);

        Assert.Equal(n, projected.Rows);
        Assert.Equal(k, projected.Dimensions);
        var row = new float[d];
        for (var i = 0; i < n; i++)
        {
            PcaMath.Prepare(data.Row(i), row, mean, sphereize: true);
            for (var c = 0; c < k; c++)
            {
                var expected = 0.0;
                for (var j = 0; j < d; j++)
                {
                    expected += (double)row[j] * components[(c * d) + j];
                }

                Assert.Equal(expected, projected[i, c], 1e-4);
            }
        }
    }

    [Fact]
    public void Pca_of_a_low_rank_matrix_finds_its_rank_and_subspace()
    {
        // Given 2,000 rows of 300-d data of rank 6 (plus a tiny noise floor), with known directions
        const int n = 2000, d = 300, rank = 6;
        var rng = new Random(9);
        var basis = Matrix<double>.Build.Random(d, rank, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(4))).QR().Q.SubMatrix(0, d, 0, rank);
        var values = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var r = 0; r < rank; r++)
            {
                var weight = (rng.NextDouble() - 0.5) * Math.Pow(2, rank - r);
                for (var j = 0; j < d; j++)
                {
                    values[(i * d) + j] += (float)(weight * basis[j, r]);
                }
            }

            for (var j = 0; j < d; j++)
            {
                values[(i * d) + j] += (float)((rng.NextDouble() - 0.5) * 1e-4);
            }
        }

        using var data = EmbeddingMatrix.FromArray(values, n, d);

        // When
        var pca = PrincipalComponents.Fit(data, new PcaOptions { Components = 10 });

        // Then the rank's components hold all but a negligible share of the variance, and each lies in the known subspace
        Assert.True(pca.ExplainedVarianceRatio.Take(rank).Sum() > 1 - 1e-6);
        // (float32 sums within a block bound how small the noise floor can be measured)
        Assert.True(pca.ExplainedVariance[rank] < 1e-4 * pca.ExplainedVariance[rank - 1], $"{pca.ExplainedVariance[rank]} vs {pca.ExplainedVariance[rank - 1]}");
        for (var c = 0; c < rank; c++)
        {
            var inSubspace = 0.0;
            for (var r = 0; r < rank; r++)
            {
                var dot = 0.0;
                for (var j = 0; j < d; j++)
                {
                    dot += pca.Component(c)[j] * basis[j, r];
                }

                inSubspace += dot * dot;
            }

            Assert.Equal(1.0, inSubspace, 1e-6);
        }
    }

    [Fact]
    public void Tridiagonal_eigenpairs_match_a_dense_decomposition()
    {
        var rng = new Random(12);
        const int m = 90;
        var diagonal = Enumerable.Range(0, m).Select(_ => rng.NextDouble() * 10).ToArray();
        var off = Enumerable.Range(0, m - 1).Select(i => i == 40 ? 0 : rng.NextDouble() - 0.5).ToArray();

        var (values, vectors) = TridiagonalEigen.Solve(diagonal, off);

        var dense = Matrix<double>.Build.Dense(m, m, (i, j) => i == j ? diagonal[i] : Math.Abs(i - j) == 1 ? off[Math.Min(i, j)] : 0);
        var evd = dense.Evd(Symmetricity.Symmetric);
        for (var c = 0; c < m; c++)
        {
            Assert.Equal(evd.EigenValues[c].Real, values[c], 1e-10);
            var v = Vector<double>.Build.DenseOfArray(vectors[c]);
            Assert.Equal(1.0, v.L2Norm(), 1e-12);
            Assert.True((dense * v - (values[c] * v)).L2Norm() < 1e-10);
        }
    }

    private static EmbeddingMatrix Random(int n, int d, int seed)
    {
        var rng = new Random(seed);
        return EmbeddingMatrix.FromArray([.. Enumerable.Range(0, n * d).Select(i => (float)((rng.NextDouble() * 4) - 1 + (i % d)))], n, d);
    }
}
