using System.Globalization;

namespace Projector.Core.Formats.Columnar;

/// <summary>
/// Typed cells of columnar files as metadata text: numbers in invariant round-trip form (so the column
/// stays a number column), booleans as <c>true</c>/<c>false</c>, dates and times as ISO 8601.
/// </summary>
internal static class CellText
{
    public static string Of(bool v) => v ? "true" : "false";

    public static string Of(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Of(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Of(Half v) => ((float)v).ToString("R", CultureInfo.InvariantCulture);

    public static string Of(decimal v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Of(long v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Of(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Of(DateOnly v) => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Of(TimeOnly v) => v.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string Of(TimeSpan v) => v.ToString("c", CultureInfo.InvariantCulture);

    public static string Of(DateTime v) => v.Kind == DateTimeKind.Utc
        ? v.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : v.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string Of(DateTimeOffset v) => v.Offset == TimeSpan.Zero
        ? Of(v.UtcDateTime)
        : v.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Any boxed cell; null stays null (a missing value).</summary>
    public static string? OfObject(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => Of(b),
        float f => Of(f),
        double d => Of(d),
        Half h => Of(h),
        decimal m => Of(m),
        sbyte or short or int or long => Of(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        byte or ushort or uint or ulong => Of(Convert.ToUInt64(value, CultureInfo.InvariantCulture)),
        DateOnly d => Of(d),
        TimeOnly t => Of(t),
        TimeSpan t => Of(t),
        DateTime t => Of(t),
        DateTimeOffset t => Of(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
