using System.Globalization;

namespace Projector.Core.Data;

/// <summary>
/// One named metadata column. Values are kept as the text that was read; an empty cell is a missing
/// value (<see langword="null"/>). A column whose present values all parse as numbers is
/// <see cref="MetadataKind.Number"/> and also exposes them as doubles (NaN where missing).
/// </summary>
public sealed class MetadataColumn
{
    private readonly string?[] _values;
    private double[]? _numbers;
    private int _distinct = -1;

    /// <summary>Creates a column; the kind is detected from the values.</summary>
    public MetadataColumn(string name, string?[] values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        Name = name;
        _values = values;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { Length: 0 })
            {
                values[i] = null;
            }
        }

        Kind = DetectKind(values);
    }

    /// <summary>The column's name (header cell, or <c>label</c>/<c>word</c> for derived columns).</summary>
    public string Name { get; }

    /// <summary>Number or text.</summary>
    public MetadataKind Kind { get; }

    /// <summary>Number of rows.</summary>
    public int Count => _values.Length;

    /// <summary>The text of each row; null where missing.</summary>
    public IReadOnlyList<string?> Values => _values;

    /// <summary>The value of a row; null where missing.</summary>
    public string? this[int row] => _values[row];

    /// <summary>Number of rows with no value.</summary>
    public int MissingCount => _values.Count(v => v is null);

    /// <summary>Number of distinct present values.</summary>
    public int DistinctCount
    {
        get
        {
            if (_distinct < 0)
            {
                _distinct = new HashSet<string>(_values.Where(v => v is not null)!, StringComparer.Ordinal).Count;
            }

            return _distinct;
        }
    }

    /// <summary>The values as doubles (NaN where missing); only for <see cref="MetadataKind.Number"/> columns.</summary>
    public ReadOnlySpan<double> Numbers
    {
        get
        {
            if (Kind != MetadataKind.Number)
            {
                throw new InvalidOperationException($"Column '{Name}' holds text, not numbers.");
            }

            _numbers ??= _values.Select(v => v is null ? double.NaN : ParseNumber(v)).ToArray();
            return _numbers;
        }
    }

    /// <summary>A column with the first <paramref name="count"/> rows of this one.</summary>
    public MetadataColumn Take(int count) => new(Name, _values.AsSpan(0, Math.Min(count, _values.Length)).ToArray());

    internal static bool TryParseNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static double ParseNumber(string s) => TryParseNumber(s, out var v) ? v : double.NaN;

    private static MetadataKind DetectKind(string?[] values)
    {
        var any = false;
        foreach (var v in values)
        {
            if (v is null)
            {
                continue;
            }

            if (!TryParseNumber(v, out _))
            {
                return MetadataKind.Text;
            }

            any = true;
        }

        return any ? MetadataKind.Number : MetadataKind.Text;
    }
}
