using System.Globalization;

namespace Projector.Core.Publishing.Rendering;

/// <summary>An opaque 8-bit colour.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>The colour as <c>#rrggbb</c>.</summary>
    public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <summary>Parses <c>#rrggbb</c>.</summary>
    public static Rgb FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var v = int.Parse(hex.AsSpan(hex.StartsWith('#') ? 1 : 0), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new Rgb((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>The straight mix of two colours, <paramref name="t"/> = 0 giving <paramref name="a"/>.</summary>
    public static Rgb Lerp(Rgb a, Rgb b, double t) => new(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Clamp(Math.Round(a + ((b - a) * t)), 0, 255);
}
