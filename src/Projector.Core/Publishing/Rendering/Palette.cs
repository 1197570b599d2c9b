namespace Projector.Core.Publishing.Rendering;

/// <summary>
/// Colours for maps: a categorical palette that stays distinguishable well past 10 categories, and a
/// perceptually even gradient (viridis) for numbers.
/// </summary>
/// <remarks>
/// The categorical palette starts with ten familiar hand-picked colours, then continues as Glasbey et al.
/// (2007) do: each next colour is the candidate of an RGB grid farthest in CIELAB from every colour already
/// taken, the white background and the grey of "other" included. The result is fixed, so the same category
/// index always gets the same colour.
/// </remarks>
public static class Palette
{
    /// <summary>How many categorical colours there are.</summary>
    public const int Size = 40;

    /// <summary>The colour of points outside the legend's categories, and of missing values.</summary>
    public static Rgb Other { get; } = new(0xb0, 0xb0, 0xb0);

    /// <summary>The colour of points when nothing colours them.</summary>
    public static Rgb Single { get; } = new(0x1f, 0x77, 0xb4);

    private static readonly Rgb[] Start =
    [
        Rgb.FromHex("#1f77b4"), Rgb.FromHex("#ff7f0e"), Rgb.FromHex("#2ca02c"), Rgb.FromHex("#d62728"), Rgb.FromHex("#9467bd"),
        Rgb.FromHex("#8c564b"), Rgb.FromHex("#e377c2"), Rgb.FromHex("#17becf"), Rgb.FromHex("#bcbd22"), Rgb.FromHex("#393b79"),
    ];

    // Viridis at nine even stops (matplotlib's values).
    private static readonly Rgb[] Viridis =
    [
        Rgb.FromHex("#440154"), Rgb.FromHex("#472d7b"), Rgb.FromHex("#3b528b"), Rgb.FromHex("#2c728e"), Rgb.FromHex("#21918c"),
        Rgb.FromHex("#28ae80"), Rgb.FromHex("#5ec962"), Rgb.FromHex("#addc30"), Rgb.FromHex("#fde725"),
    ];

    private static readonly Lazy<Rgb[]> Colors = new(Build);

    /// <summary>The categorical colour of index <paramref name="i"/> (0 ≤ i &lt; <see cref="Size"/>).</summary>
    public static Rgb Category(int i) => Colors.Value[i];

    /// <summary>The gradient's colour at <paramref name="t"/> in [0, 1] (clamped).</summary>
    public static Rgb Gradient(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        var x = t * (Viridis.Length - 1);
        var i = Math.Min((int)x, Viridis.Length - 2);
        return Rgb.Lerp(Viridis[i], Viridis[i + 1], x - i);
    }

    private static Rgb[] Build()
    {
        var chosen = new List<Rgb>(Start);
        var taken = new List<(double L, double A, double B)>(chosen.Select(Lab)) { Lab(new Rgb(255, 255, 255)), Lab(Other) };
        var candidates = new List<(Rgb Color, (double L, double A, double B) Lab)>();
        for (var r = 0; r < 256; r += 17)
        {
            for (var g = 0; g < 256; g += 17)
            {
                for (var b = 0; b < 256; b += 17)
                {
                    var c = new Rgb((byte)r, (byte)g, (byte)b);
                    var lab = Lab(c);

                    // Very light colours vanish on the white page; near-black ones read as text.
                    if (lab.L is > 25 and < 85)
                    {
                        candidates.Add((c, lab));
                    }
                }
            }
        }

        var nearest = candidates.Select(c => taken.Min(t => Distance(c.Lab, t))).ToArray();
        while (chosen.Count < Size)
        {
            var best = 0;
            for (var i = 1; i < candidates.Count; i++)
            {
                if (nearest[i] > nearest[best])
                {
                    best = i;
                }
            }

            var pick = candidates[best];
            chosen.Add(pick.Color);
            for (var i = 0; i < candidates.Count; i++)
            {
                nearest[i] = Math.Min(nearest[i], Distance(candidates[i].Lab, pick.Lab));
            }
        }

        return [.. chosen];
    }

    /// <summary>The distance of two colours in CIELAB (ΔE 1976).</summary>
    internal static double Difference(Rgb a, Rgb b) => Distance(Lab(a), Lab(b));

    private static double Distance((double L, double A, double B) x, (double L, double A, double B) y) =>
        Math.Sqrt(((x.L - y.L) * (x.L - y.L)) + ((x.A - y.A) * (x.A - y.A)) + ((x.B - y.B) * (x.B - y.B)));

    private static (double L, double A, double B) Lab(Rgb c)
    {
        static double Linear(byte v)
        {
            var s = v / 255.0;
            return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : (7.787 * t) + (16.0 / 116);

        var (r, g, b) = (Linear(c.R), Linear(c.G), Linear(c.B));
        var x = ((0.4124 * r) + (0.3576 * g) + (0.1805 * b)) / 0.95047;
        var y = (0.2126 * r) + (0.7152 * g) + (0.0722 * b);
        var z = ((0.0193 * r) + (0.1192 * g) + (0.9505 * b)) / 1.08883;
        var (fx, fy, fz) = (F(x), F(y), F(z));
        return ((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }
}
