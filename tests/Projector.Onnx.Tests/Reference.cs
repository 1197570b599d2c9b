namespace Projector.Onnx.Tests;

/// <summary>The layers of <see cref="TestModels"/> computed plainly, in double precision, to check ONNX Runtime's values against.</summary>
internal static class Reference
{
    /// <summary>y = x Wᵀ + b for x [n, k], W [m, k].</summary>
    public static float[] Gemm(float[] x, int n, int k, float[] w, float[] b, int m)
    {
        var y = new float[n * m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                double sum = b[j];
                for (var t = 0; t < k; t++)
                {
                    sum += (double)x[(i * k) + t] * w[(j * k) + t];
                }

                y[(i * m) + j] = (float)sum;
            }
        }

        return y;
    }

    public static float[] Relu(float[] x) => [.. x.Select(v => Math.Max(0f, v))];

    /// <summary>3x3 convolution with padding 1 and stride 1, NCHW: x [n, c, s, s], w [f, c, 3, 3] → [n, f, s, s].</summary>
    public static float[] Conv3x3(float[] x, int n, int c, int s, float[] w, float[] b, int f)
    {
        var y = new float[n * f * s * s];
        for (var i = 0; i < n; i++)
        {
            for (var o = 0; o < f; o++)
            {
                for (var r = 0; r < s; r++)
                {
                    for (var q = 0; q < s; q++)
                    {
                        double sum = b[o];
                        for (var ch = 0; ch < c; ch++)
                        {
                            for (var dr = 0; dr < 3; dr++)
                            {
                                for (var dq = 0; dq < 3; dq++)
                                {
                                    var (rr, qq) = (r + dr - 1, q + dq - 1);
                                    if (rr >= 0 && rr < s && qq >= 0 && qq < s)
                                    {
                                        sum += (double)x[(((i * c) + ch) * s * s) + (rr * s) + qq] * w[(((o * c) + ch) * 9) + (dr * 3) + dq];
                                    }
                                }
                            }
                        }

                        y[(((i * f) + o) * s * s) + (r * s) + q] = (float)sum;
                    }
                }
            }
        }

        return y;
    }

    /// <summary>2x2 max pooling with stride 2, NCHW: [n, c, s, s] → [n, c, s/2, s/2].</summary>
    public static float[] MaxPool2(float[] x, int n, int c, int s)
    {
        var h = s / 2;
        var y = new float[n * c * h * h];
        for (var plane = 0; plane < n * c; plane++)
        {
            for (var r = 0; r < h; r++)
            {
                for (var q = 0; q < h; q++)
                {
                    var best = float.NegativeInfinity;
                    for (var dr = 0; dr < 2; dr++)
                    {
                        for (var dq = 0; dq < 2; dq++)
                        {
                            best = Math.Max(best, x[(plane * s * s) + (((2 * r) + dr) * s) + (2 * q) + dq]);
                        }
                    }

                    y[(plane * h * h) + (r * h) + q] = best;
                }
            }
        }

        return y;
    }

    /// <summary>The NCHW planes of an NHWC tensor [n, s, s, c].</summary>
    public static float[] ToNchw(float[] x, int n, int s, int c)
    {
        var y = new float[x.Length];
        for (var i = 0; i < n; i++)
        {
            for (var p = 0; p < s * s; p++)
            {
                for (var ch = 0; ch < c; ch++)
                {
                    y[(((i * c) + ch) * s * s) + p] = x[(((i * s * s) + p) * c) + ch];
                }
            }
        }

        return y;
    }

    public static void Close(float[] expected, float[] actual, double tolerance = 1e-4)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > tolerance * Math.Max(1, Math.Abs(expected[i])))
            {
                Assert.Fail($"value {i}: expected {expected[i]}, got {actual[i]}");
            }
        }
    }
}
