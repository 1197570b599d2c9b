using System.Globalization;
using Projector.Core.Data;

namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// What a carried column needs to know of all its values before the first tile is written: whether every
/// present value is a number, its distinct values while there are few enough for a dictionary, and the
/// range of its numbers. Fed a value at a time, so a column too large to hold (a metadata file of
/// 100 million rows, read as a stream) is planned in bounded memory; an in-memory column is planned
/// through it too, so both give the same <see cref="TileColumn"/>.
/// </summary>
internal sealed class TileColumnStats
{
    private HashSet<string>? _distinct = new(StringComparer.Ordinal);
    private bool _allNumbers = true;
    private bool _any;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Counts one row's value (null or empty: missing).</summary>
    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        _any = true;
        if (_distinct is not null && _distinct.Add(value) && _distinct.Count > TileColumns.MaxDictionary)
        {
            _distinct = null;
        }

        if (_allNumbers)
        {
            if (MetadataColumn.TryParseNumber(value, out var number))
            {
                if (!double.IsNaN(number))
                {
                    _min = Math.Min(_min, number);
                    _max = Math.Max(_max, number);
                }
            }
            else
            {
                _allNumbers = false;
            }
        }
    }

    /// <summary>Number when every present value parses as one (and one is present), as <see cref="MetadataColumn.Kind"/> decides.</summary>
    public MetadataKind Kind => _any && _allNumbers ? MetadataKind.Number : MetadataKind.Text;

    /// <summary>The column as every tile stores it, named <paramref name="name"/>.</summary>
    public TileColumn Plan(string name)
    {
        if (_distinct is not null)
        {
            var values = Kind == MetadataKind.Number
                ? [.. _distinct.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture)).ThenBy(v => v, StringComparer.Ordinal)]
                : _distinct.Order(StringComparer.Ordinal).ToArray();
            return new TileColumn(name, TileColumnType.Dictionary, values);
        }

        return Kind == MetadataKind.Number
            ? new TileColumn(name, TileColumnType.Float64, null, _min, _max)
            : new TileColumn(name, TileColumnType.Utf8);
    }
}
