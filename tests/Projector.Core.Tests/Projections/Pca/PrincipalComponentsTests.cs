using MathNet.Numerics.LinearAlgebra;
using Projector.Core.Data;
using Projector.Core.Projections.Pca;

namespace Projector.Core.Tests.Projections.Pca;

public sealed class PrincipalComponentsTests
{
    [Theory]
    [InlineData(PcaSolver.Exact)]
    [InlineData(PcaSolver.Randomized)]
    public void Fit_matches_an_SVD_of_the_centred_data(PcaSolver solver)
    {
        // Given data with a clearly decaying spectrum
        using var data = Decaying(600, 12, seed: 7);

        // When
        var pca = PrincipalComponents.Fit(data, new PcaOptions { Components = 4, Solver = solver });

        // Then: components and variances agree with an SVD computed independently here
        var x = Matrix<double>.Build.Dense(600, 12, (i, j) => data[i, j]);
        var means = x.ColumnSums() / 600;
        var centred = x - Matrix<double>.Build.Dense(600, 12, (_, j) => means[j]);
        var svd = centred.Svd(computeVectors: true);
        var total = centred.PointwisePower(2).Enumerate().Sum() / 599;
        for (var c = 0; c < 4; c++)
        {
            var expectedVariance = svd.S[c] * svd.S[c] / 599;
            Assert.Equal(expectedVariance, pca.ExplainedVariance[c], expectedVariance * 1e-3);
            Assert.Equal(expectedVariance / total, pca.ExplainedVarianceRatio[c], 1e-3);
            var dot = 0.0;
            for (var j = 0; j < 12; j++)
            {
                dot += pca.Component(c)[j] * svd.VT[c, j];
            }

            Assert.Equal(1.0, Math.Abs(dot), 1e-3);
        }
    }

    [Fact]
    public void Transform_gives_uncorrelated_columns_with_the_component_variances()
    {
        using var data = Decaying(500, 6, seed: 3);
        var pca = PrincipalComponents.Fit(data, new PcaOptions { Components = 3 });
        using var y = pca.Transform(data);
        for (var c = 0; c < 3; c++)
        {
            var column = Enumerable.Range(0, 500).Select(i => (double)y[i, c]).ToArray();
            Assert.Equal(0, column.Average(), 1e-3);
            Assert.Equal(pca.ExplainedVariance[c], column.Select(v => v * v).Sum() / 499, pca.ExplainedVariance[c] * 1e-3);
        }

        var cross = Enumerable.Range(0, 500).Sum(i => (double)y[i, 0] * y[i, 1]) / 499;
        Assert.True(Math.Abs(cross) < 1e-3 * pca.ExplainedVariance[0]);
    }

    [Fact]
    public void Fit_is_deterministic_and_signs_are_fixed()
    {
        using var data = Decaying(300, 9, seed: 11);
        var a = PrincipalComponents.Fit(data, new PcaOptions { Components = 3 });
        var b = PrincipalComponents.Fit(data, new PcaOptions { Components = 3 });
        Assert.Equal(a.Components, b.Components);
        for (var c = 0; c < 3; c++)
        {
            var v = a.Component(c).ToArray();
            Assert.True(v[Array.IndexOf(v, v.MaxBy(Math.Abs))] > 0);
        }
    }

    [Fact]
    public void Sphereize_is_explicit_and_changes_the_result()
    {
        using var data = Decaying(200, 5, seed: 5);
        var plain = PrincipalComponents.Fit(data, new PcaOptions { Components = 2 });
        var sphere = PrincipalComponents.Fit(data, new PcaOptions { Components = 2, Sphereize = true });
        Assert.True(sphere.Sphereize);
        Assert.NotEqual(plain.Components, sphere.Components);
    }

    [Fact]
    public void Constant_columns_and_duplicate_rows_give_finite_components()
    {
        var values = new float[50 * 4];
        for (var i = 0; i < 50; i++)
        {
            values[(i * 4) + 0] = 3;
            values[(i * 4) + 1] = i % 2;
            values[(i * 4) + 2] = i % 2;
            values[(i * 4) + 3] = 0;
        }

        using var data = EmbeddingMatrix.FromArray(values, 50, 4);
        var pca = PrincipalComponents.Fit(data, new PcaOptions { Components = 2 });
        Assert.All(pca.Components, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1.0, pca.ExplainedVarianceRatio[0], 1e-6);
        using var y = pca.Transform(data);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Fit_refuses_too_many_components_and_a_single_point()
    {
        using var data = Decaying(10, 3, seed: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => PrincipalComponents.Fit(data, new PcaOptions { Components = 4 }));
        using var one = EmbeddingMatrix.FromArray([1, 2, 3], 1, 3);
        Assert.Throws<ArgumentException>(() => PrincipalComponents.Fit(one, new PcaOptions { Components = 2 }));
    }

    [Fact]
    public void Fit_can_be_cancelled()
    {
        using var data = Decaying(5000, 20, seed: 2);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => PrincipalComponents.Fit(data, new PcaOptions(), cancellationToken: cts.Token));
    }

    [Theory]
    [InlineData(800, 300, 20)]
    [InlineData(120, 400, 60)]
    public void Fit_of_a_few_components_of_wide_data_matches_a_full_eigendecomposition(int n, int d, int k)
    {
        // Given wide data (the exact solver then uses Lanczos): a decaying spectrum, 40 constant columns,
        // and in the second case fewer rows than columns (a rank-deficient covariance)
        var rng = new Random(5);
        var values = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                values[(i * d) + j] = j < 40 ? 3f : (float)((rng.NextDouble() - 0.5) * 10 * Math.Pow(0.97, j));
            }
        }

        using var data = EmbeddingMatrix.FromArray(values, n, d);

        // When
        var pca = PrincipalComponents.Fit(data, new PcaOptions { Components = k, Solver = PcaSolver.Exact });

        // Then variances and components agree with MathNet's full symmetric EVD of the covariance
        var x = Matrix<double>.Build.Dense(n, d, (i, j) => data[i, j]);
        var means = x.ColumnSums() / n;
        var centred = x - Matrix<double>.Build.Dense(n, d, (_, j) => means[j]);
        var evd = (centred.TransposeThisAndMultiply(centred) / (n - 1)).Evd(Symmetricity.Symmetric);
        for (var c = 0; c < k; c++)
        {
            var expected = evd.EigenValues[d - 1 - c].Real;
            Assert.Equal(expected, pca.ExplainedVariance[c], expected * 1e-6);
            var dot = 0.0;
            for (var j = 0; j < d; j++)
            {
                dot += pca.Component(c)[j] * evd.EigenVectors[j, d - 1 - c];
            }

            Assert.Equal(1.0, Math.Abs(dot), 1e-4);
        }
    }

    internal static EmbeddingMatrix Decaying(int n, int d, int seed)
    {
        var rng = new Random(seed);
        var values = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                // Column j has scale 2^-j plus a shared offset, so the spectrum decays and the mean is not 0.
                values[(i * d) + j] = (float)((rng.NextDouble() - 0.5) * Math.Pow(2, -j) * 10) + j;
            }
        }

        return EmbeddingMatrix.FromArray(values, n, d);
    }
}
