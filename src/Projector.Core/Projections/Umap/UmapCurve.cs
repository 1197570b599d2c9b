namespace Projector.Core.Projections.Umap;

/// <summary>
/// The layout-space similarity 1 / (1 + a·d^(2b)) and the fit of a, b to min_dist and spread.
/// </summary>
/// <remarks>
/// As umap-learn's <c>find_ab_params</c>: least squares of the curve against 1 for d &lt; min_dist and
/// exp(−(d − min_dist) / spread) beyond, on 300 points of [0, 3·spread], started at a = b = 1
/// (SciPy's <c>curve_fit</c> runs Levenberg–Marquardt from there too). About a = 1.577, b = 0.895 for 0.1 / 1.0.
/// </remarks>
internal static class UmapCurve
{
    private const int Samples = 300;

    /// <summary>Fits (a, b) for <paramref name="minDist"/> and <paramref name="spread"/>.</summary>
    public static (double A, double B) Fit(double minDist, double spread)
    {
        var x = new double[Samples];
        var y = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            x[i] = spread * 3 * i / (Samples - 1);
            y[i] = x[i] < minDist ? 1.0 : Math.Exp(-(x[i] - minDist) / spread);
        }

        double a = 1, b = 1, lambda = 1e-3;
        var cost = Cost(x, y, a, b);
        for (var iteration = 0; iteration < 500; iteration++)
        {
            // Normal equations of the 2-parameter Gauss–Newton step, damped (Levenberg–Marquardt).
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (var i = 0; i < Samples; i++)
            {
                if (x[i] <= 0)
                {
                    continue; // f(0) = 1 whatever a and b: no gradient.
                }

                var u = Math.Pow(x[i], 2 * b);
                var f = 1 / (1 + (a * u));
                var da = -u * f * f;
                var db = -a * u * 2 * Math.Log(x[i]) * f * f;
                var r = f - y[i];
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }

            var improved = false;
            while (lambda < 1e12)
            {
                var m00 = jaa * (1 + lambda);
                var m11 = jbb * (1 + lambda);
                var det = (m00 * m11) - (jab * jab);
                var stepA = -((m11 * ga) - (jab * gb)) / det;
                var stepB = -((m00 * gb) - (jab * ga)) / det;
                var trial = Cost(x, y, a + stepA, b + stepB);
                if (double.IsFinite(trial) && trial < cost)
                {
                    var converged = cost - trial < 1e-15 * (1 + cost);
                    a += stepA;
                    b += stepB;
                    cost = trial;
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = !converged;
                    break;
                }

                lambda *= 10;
            }

            if (!improved)
            {
                break;
            }
        }

        return (a, b);
    }

    private static double Cost(double[] x, double[] y, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var r = (1 / (1 + (a * Math.Pow(x[i], 2 * b)))) - y[i];
            sum += r * r;
        }

        return sum;
    }
}
