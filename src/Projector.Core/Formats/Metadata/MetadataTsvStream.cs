using System.Text;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Metadata;

/// <summary>
/// Reads a metadata TSV row by row, by <see cref="MetadataTsvReader"/>'s rules (the TF projector's: a first
/// line with a tab is the header, lines that trim to nothing are skipped, short rows leave missing cells,
/// extra cells are dropped), without holding the table: for files of many millions of rows read in one
/// pass, or from the byte offset of a row onwards (<see cref="OpenAt"/>), so a machine reads only its rows.
/// </summary>
internal sealed class MetadataTsvStream : IDisposable
{
    private readonly FileStream _file;
    private readonly ByteLineReader _reader;
    private readonly long _origin;
    private string? _pending;
    private long _pendingOffset;

    private MetadataTsvStream(string path, FileStream file, long origin, ReadOptions? options, int columns)
    {
        Path = path;
        _file = file;
        _origin = origin;
        _reader = new ByteLineReader(file, path, options, atLineStart: origin > 0);
        Columns = columns;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Cells per row: the header's count, or 1 for a file without one.</summary>
    public int Columns { get; private set; }

    /// <summary>The header's column names, or <c>label</c> alone for a file without one (not known when opened mid-file).</summary>
    public IReadOnlyList<string> Names { get; private set; } = [MetadataTsvReader.SingleColumnName];

    /// <summary>Rows returned so far.</summary>
    public long Rows { get; private set; }

    /// <summary>
    /// Opens <paramref name="path"/> at its start and reads its header (a header naming a column twice is
    /// an error, as in <see cref="MetadataTsvReader"/>).
    /// </summary>
    /// <exception cref="DataFormatException">The file cannot be read or its header is bad.</exception>
    public static MetadataTsvStream Open(string path, ReadOptions? options = null)
    {
        var file = InputFile.OpenRead(path);
        var stream = new MetadataTsvStream(path, file, 0, options, 1);
        try
        {
            stream.ReadHeader();
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> at <paramref name="offset"/>, the start of a row's line (from <see cref="NextRowOffset"/>), for rows of <paramref name="columns"/> cells.</summary>
    public static MetadataTsvStream OpenAt(string path, long offset, int columns, ReadOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        var file = InputFile.OpenRead(path);
        try
        {
            file.Position = Math.Min(offset, file.Length);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return new MetadataTsvStream(path, file, file.Position, options, columns);
    }

    /// <summary>The byte offset in the file of the line the next row will come from (or of a blank line before it, which is skipped).</summary>
    public long NextRowOffset => _pending is null ? _origin + _reader.Position : _pendingOffset;

    /// <summary>Reads the next row's cells into <paramref name="cells"/> (<see cref="Columns"/> long; null where missing or empty).</summary>
    /// <returns>False at the end of the file.</returns>
    public bool TryRead(string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        string? text;
        if (_pending is not null)
        {
            text = _pending;
            _pending = null;
        }
        else if ((text = NextLine()) is null)
        {
            return false;
        }

        if (Columns == 1)
        {
            cells[0] = text.Length == 0 ? null : text;
        }
        else
        {
            var parts = text.Split('\t');
            for (var c = 0; c < Columns; c++)
            {
                cells[c] = c < parts.Length && parts[c].Length > 0 ? parts[c] : null;
            }
        }

        Rows++;
        return true;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();

    private void ReadHeader()
    {
        var offset = NextRowOffset;
        if (NextLine() is not { } first)
        {
            return;
        }

        if (first.Contains('\t', StringComparison.Ordinal))
        {
            var names = first.Split('\t');
            MetadataTsvReader.CheckNames(Path, names, _reader.LineNumber);
            Names = names;
            Columns = names.Length;
            return;
        }

        // No header: the first line is the first row of a single column.
        _pending = first;
        _pendingOffset = offset;
    }

    // The next line that does not trim to nothing, decoded.
    private string? NextLine()
    {
        while (_reader.TryReadLine(out var line))
        {
            var text = Encoding.UTF8.GetString(line);
            if (MetadataTsvReader.JsTrim(text).Length != 0)
            {
                return text;
            }
        }

        return null;
    }
}
