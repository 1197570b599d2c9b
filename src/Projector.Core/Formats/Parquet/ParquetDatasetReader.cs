using Parquet;
using Projector.Core.Data;
using Projector.Core.Formats.Columnar;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Parquet;

/// <summary>
/// Reads a Parquet file row group by row group: the vector column (or the numeric columns chosen with
/// <see cref="ReadOptions.CsvColumns"/>) into the matrix, every other column into metadata, image columns aside.
/// </summary>
internal static class ParquetDatasetReader
{
    /// <summary>Key-value metadata keys the writer stores the dataset's name and source under.</summary>
    public const string NameKey = "projector.name";

    /// <inheritdoc cref="NameKey"/>
    public const string SourceKey = "projector.source";

    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return InputFile.Guard(path, () =>
        {
            using var file = InputFile.OpenRead(path);
            var footer = ParquetFooter.CheckFrame(file, path);
            ParquetFooterDecoder.Check(file, footer, path);
            using var stream = new EndStrictStream(file, leaveOpen: true);
            var reader = Open(stream, path, options.CancellationToken);
            try
            {
                ParquetFooter.CheckClaims(reader.Metadata!, stream.Length, path);
                ParquetFooterDecoder.CheckPages(file, reader.Metadata!, path);
                return ReadRows(reader, path, options, stream.Length, footer);
            }
            finally
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        });
    }

    private static ParquetReader Open(Stream stream, string path, CancellationToken ct)
    {
        // Bounded stream pools: the library's default keeps every freed buffer for reuse, which reads as a leak in a long-lived server.
        var parquetOptions = new ParquetOptions { UseDateOnlyTypeForDates = true, MaximumSmallPoolFreeBytes = 16 << 20, MaximumLargePoolFreeBytes = 64 << 20 };
        try
        {
            return ParquetReader.CreateAsync(stream, parquetOptions, true, ct).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DataFormatException(path, $"the Parquet footer could not be decoded ({LibraryMessage.Of(ex)})", "The file is damaged or not Parquet; copy or write it again", inner: ex);
        }
    }

    private static Dataset ReadRows(ParquetReader reader, string path, ReadOptions options, long fileLength, int footer)
    {
        var leaves = Schema(reader, path);
        var plan = ParquetVectorPlan.Choose(leaves, options.CsvColumns, path);
        var meta = new ColumnarMetadata();
        foreach (var skipped in leaves.Where(l => l.Repeats > 0 && !plan.Uses(l) && plan.Vector != l))
        {
            meta.Warn($"column '{skipped.Name}' ({skipped.Describe()}) is nested; it is not read as metadata");
        }

        var known = reader.Metadata!.RowGroups.Sum(g => g.NumRows);
        var sink = new VectorSink(path, plan.ColumnName, "row group", known, fileLength, options);
        var list = plan.Vector is { } v ? new ParquetListColumn(v) : null;
        var kinds = new Dictionary<ParquetLeaf, CellKind>();
        long done = footer + 8;
        var garbage = new GarbageBudget();
        try
        {
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                var group = reader.OpenRowGroupReader(g);
                var rows = checked((int)group.RowCount);
                var column = plan.ColumnName;
                try
                {
                    if (list is not null)
                    {
                        list.Read(group, g, sink, options.CancellationToken);
                    }
                    else
                    {
                        ReadNumericRows(group, g, rows, plan, sink, options.CancellationToken);
                    }

                    foreach (var leaf in leaves.Where(l => l.Repeats == 0 && !plan.Uses(l)))
                    {
                        column = leaf.Name;
                        ReadMetadata(group, leaf, rows, meta, kinds, options.CancellationToken);
                    }
                }
                catch (Exception ex) when (ex is not DataFormatException and not OperationCanceledException and not OutOfMemoryException)
                {
                    throw new DataFormatException(path, $"column '{column}', row group {g + 1} could not be decoded ({LibraryMessage.Of(ex)})", "The file is damaged; copy or write it again", inner: ex);
                }

                garbage.Step();
                done += group.RowGroup.TotalCompressedSize ?? group.RowGroup.Columns.Sum(c => c.MetaData?.TotalCompressedSize ?? 0);
                InputFile.Step(options, Math.Min(done, fileLength), fileLength);
            }

            var matrix = sink.ToMatrix();
            var custom = reader.CustomMetadata;
            var name = custom.TryGetValue(NameKey, out var n) && !string.IsNullOrEmpty(n) ? n : Path.GetFileNameWithoutExtension(path);
            var source = custom.TryGetValue(SourceKey, out var s) && !string.IsNullOrEmpty(s) ? s : path;
            InputFile.Step(options, fileLength, fileLength);
            return meta.Build(name, matrix, source, list?.DType ?? plan.DType);
        }
        catch
        {
            sink.Abandon();
            throw;
        }
    }

    /// <summary>The schema's leaves; Parquet.Net builds the schema lazily and throws its own exceptions at a damaged one.</summary>
    private static List<ParquetLeaf> Schema(ParquetReader reader, string path)
    {
        try
        {
            return ParquetLeaf.All(reader.Metadata!.Schema, reader.Schema.DataFields, path);
        }
        catch (Exception ex) when (ex is not DataFormatException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DataFormatException(path, $"the schema in the Parquet footer could not be decoded ({LibraryMessage.Of(ex)})", "The file is damaged; copy or write it again", inner: ex);
        }
    }

    private static void ReadNumericRows(ParquetRowGroupReader group, int g, int rows, ParquetVectorPlan plan, VectorSink sink, CancellationToken ct)
    {
        var columns = plan.Numeric.Select(l => ParquetCells.Numbers(group, l, rows, ct)).ToArray();
        for (var r = 0; r < rows; r++)
        {
            var row = sink.Add(columns.Length, g);
            for (var c = 0; c < columns.Length; c++)
            {
                if (columns[c][r] is not { } value)
                {
                    throw sink.Error("the value is null", "Fill in or drop that row, or leave the column out of the vector columns", g, sink.Rows - 1, plan.Numeric[c].Name);
                }

                row[c] = (float)value;
            }

            sink.CheckFinite(row, g);
        }
    }

    private static void ReadMetadata(ParquetRowGroupReader group, ParquetLeaf leaf, int rows, ColumnarMetadata meta, Dictionary<ParquetLeaf, CellKind> kinds, CancellationToken ct)
    {
        if (!kinds.TryGetValue(leaf, out var kind))
        {
            kind = leaf.IsBinary ? CellKind.Binary : ParquetCells.HasText(leaf.Type) ? CellKind.Text : CellKind.Skip;
            if (kind == CellKind.Skip)
            {
                meta.Warn($"column '{leaf.Name}' ({leaf.Describe()}) has a type that is not read as metadata");
            }

            kinds[leaf] = kind;
        }

        if (kind == CellKind.Text)
        {
            meta.Text(leaf.Name).AddRange(ParquetCells.Text(group, leaf, rows, ct));
            return;
        }

        if (kind == CellKind.Skip)
        {
            return;
        }

        var bytes = ParquetCells.Bytes(group, leaf, rows, ct);
        if (meta.IsImage(leaf.Name) || (!meta.IsText(leaf.Name) && ImageColumn.Looks(leaf.Name, bytes.FirstOrDefault(b => b is not null))))
        {
            meta.Images(leaf.Name).AddRange(bytes);
        }
        else if (ParquetCells.AsUtf8(bytes) is { } text)
        {
            meta.Text(leaf.Name).AddRange(text);
        }
        else
        {
            kinds[leaf] = CellKind.Skip;
            meta.Warn($"column '{leaf.Name}' holds binary data that is neither text nor an image; it is not read as metadata");
        }
    }

    private enum CellKind
    {
        Text,
        Binary,
        Skip,
    }
}
