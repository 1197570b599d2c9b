using Apache.Arrow;
using Apache.Arrow.Types;
using Projector.Core.Data;

namespace Projector.Core.Publishing.Tiles;

/// <summary>
/// The values of one carried column for a run of points (a shard's rows, a tile's points), stored as the
/// tile stores them: dictionary codes (-1 missing), numbers with a missing flag, or text (null missing).
/// Used where no process holds the whole metadata table: each shard encodes its own rows against the
/// column's plan, and the merge moves the encoded values with their points.
/// </summary>
internal sealed class TileColumnValues
{
    // Built on the first text added: runs that only move encoded values (the merge's) never need it.
    private Dictionary<string, int>? _index;

    /// <summary>An empty run of <paramref name="column"/>'s values.</summary>
    public TileColumnValues(TileColumn column) => Column = column;

    /// <summary>The column's plan.</summary>
    public TileColumn Column { get; }

    /// <summary>Dictionary codes (-1: missing).</summary>
    internal List<int> Codes { get; } = [];

    /// <summary>Numbers (meaningful where not <see cref="Missing"/>).</summary>
    internal List<double> Numbers { get; } = [];

    /// <summary>Whether each number is missing.</summary>
    internal List<bool> Missing { get; } = [];

    /// <summary>Texts (null: missing).</summary>
    internal List<string?> Texts { get; } = [];

    /// <summary>Values held.</summary>
    public int Count => Column.Type switch
    {
        TileColumnType.Dictionary => Codes.Count,
        TileColumnType.Float64 => Numbers.Count,
        _ => Texts.Count,
    };

    /// <summary>Appends a row's value as read (null or empty: missing).</summary>
    /// <returns>False when the value cannot be stored under the plan (not in the dictionary, not a number): the data is not what was planned from.</returns>
    public bool Add(string? value)
    {
        var missing = string.IsNullOrEmpty(value);
        switch (Column.Type)
        {
            case TileColumnType.Dictionary:
                if (missing)
                {
                    Codes.Add(-1);
                    return true;
                }

                _index ??= TileColumns.DictionaryIndex(Column);
                if (!_index.TryGetValue(value!, out var code))
                {
                    return false;
                }

                Codes.Add(code);
                return true;
            case TileColumnType.Float64:
                if (missing)
                {
                    Numbers.Add(double.NaN);
                    Missing.Add(true);
                    return true;
                }

                if (!MetadataColumn.TryParseNumber(value!, out var number))
                {
                    return false;
                }

                Numbers.Add(number);
                Missing.Add(false);
                return true;
            default:
                Texts.Add(missing ? null : value);
                return true;
        }
    }

    /// <summary>Appends value <paramref name="i"/> of <paramref name="other"/>, a run of the same column.</summary>
    public void AddFrom(TileColumnValues other, int i)
    {
        switch (Column.Type)
        {
            case TileColumnType.Dictionary:
                Codes.Add(other.Codes[i]);
                break;
            case TileColumnType.Float64:
                Numbers.Add(other.Numbers[i]);
                Missing.Add(other.Missing[i]);
                break;
            default:
                Texts.Add(other.Texts[i]);
                break;
        }
    }

    /// <summary>Empties the run, keeping the plan.</summary>
    public void Clear()
    {
        Codes.Clear();
        Numbers.Clear();
        Missing.Clear();
        Texts.Clear();
    }

    /// <summary>The values as the tile's Arrow column, as <see cref="TileArrowWriter"/> builds it from a whole table.</summary>
    internal IArrowArray ToArrow(DictionaryType dictionaryType)
    {
        switch (Column.Type)
        {
            case TileColumnType.Dictionary:
                {
                    var codes = new Int32Array.Builder().Reserve(Codes.Count);
                    foreach (var code in Codes)
                    {
                        if (code < 0)
                        {
                            codes.AppendNull();
                        }
                        else
                        {
                            codes.Append(code);
                        }
                    }

                    var dictionary = new StringArray.Builder();
                    foreach (var v in Column.Values!)
                    {
                        dictionary.Append(v);
                    }

                    return new DictionaryArray(dictionaryType, codes.Build(), dictionary.Build());
                }

            case TileColumnType.Float64:
                {
                    var values = new DoubleArray.Builder().Reserve(Numbers.Count);
                    for (var i = 0; i < Numbers.Count; i++)
                    {
                        if (Missing[i])
                        {
                            values.AppendNull();
                        }
                        else
                        {
                            values.Append(Numbers[i]);
                        }
                    }

                    return values.Build();
                }

            default:
                {
                    var text = new StringArray.Builder();
                    foreach (var t in Texts)
                    {
                        if (t is null)
                        {
                            text.AppendNull();
                        }
                        else
                        {
                            text.Append(t);
                        }
                    }

                    return text.Build();
                }
        }
    }
}
