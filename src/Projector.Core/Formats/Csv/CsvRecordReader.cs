using System.Text;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Csv;

/// <summary>
/// A small RFC 4180 reader (comma-separated, double-quoted fields with doubled quotes, embedded commas and line
/// breaks, CRLF, BOM). Hand-written rather than CsvHelper because vector cells are parsed as floats straight from
/// the UTF-8 bytes (no string per cell) and errors need the exact line a record starts on.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly ByteLineReader _lines;
    private readonly string _path;
    private readonly List<int> _ends = [];
    private byte[] _data = new byte[4096];
    private int _length;

    /// <summary>Reads records from <paramref name="stream"/>, which the caller owns.</summary>
    public CsvRecordReader(Stream stream, string path)
    {
        _lines = new ByteLineReader(stream, path);
        _path = path;
    }

    /// <summary>The 1-based line the current record starts on.</summary>
    public long Line { get; private set; }

    /// <summary>Bytes consumed, for progress.</summary>
    public long Position => _lines.Position;

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount => _ends.Count;

    /// <summary>The unquoted bytes of field <paramref name="index"/> of the current record.</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _data.AsSpan(start, _ends[index] - start);
    }

    /// <summary>Field <paramref name="index"/> decoded as text.</summary>
    public string FieldText(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>Moves to the next record, skipping blank lines; false at the end of the file.</summary>
    public bool Read()
    {
        ReadOnlySpan<byte> line;
        do
        {
            if (!_lines.TryReadLine(out line))
            {
                return false;
            }
        }
        while (line.IsEmpty);

        Line = _lines.LineNumber;
        _length = 0;
        _ends.Clear();
        var inQuotes = false;
        var fieldHasContent = false;
        while (true)
        {
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (inQuotes)
                {
                    if (c != '"')
                    {
                        Append(c);
                    }
                    else if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        Append(c);
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (c == ',')
                {
                    _ends.Add(_length);
                    fieldHasContent = false;
                }
                else if (c == '"' && !fieldHasContent)
                {
                    inQuotes = true;
                    fieldHasContent = true;
                }
                else
                {
                    // A stray quote inside an unquoted field is kept as text, as spreadsheets do.
                    Append(c);
                    fieldHasContent = true;
                }
            }

            if (!inQuotes)
            {
                _ends.Add(_length);
                return true;
            }

            if (!_lines.TryReadLine(out line))
            {
                throw new DataFormatException(_path, "a quoted field that starts in this record never ends", "Close the quote, or double quotes inside quoted fields (\"\")", line: Line);
            }

            // The line break belongs to the quoted field; line ends are normalized to \n.
            Append((byte)'\n');
        }
    }

    private void Append(byte b)
    {
        if (_length == _data.Length)
        {
            Array.Resize(ref _data, _data.Length * 2);
        }

        _data[_length++] = b;
    }
}
