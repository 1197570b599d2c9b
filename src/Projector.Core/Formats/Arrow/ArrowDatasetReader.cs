using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Projector.Core.Data;
using Projector.Core.Formats.Columnar;
using Projector.Core.Formats.Csv;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Arrow;

/// <summary>
/// Reads an Arrow IPC file (<c>.arrow</c>, <c>.feather</c> v2) or stream (<c>.arrows</c>) record batch by
/// record batch: the first list-of-floats column (or the numeric columns chosen with
/// <see cref="ReadOptions.CsvColumns"/>) into the matrix, other columns into metadata, image columns aside.
/// </summary>
/// <remarks>
/// A file is read through its embedded stream (the messages between the magic and the footer), so both
/// forms share one path whose every claimed size <see cref="ArrowFrame"/> has checked.
/// </remarks>
internal static class ArrowDatasetReader
{
    public const string NameKey = "projector.name";
    public const string SourceKey = "projector.source";

    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return InputFile.Guard(path, () =>
        {
            using var file = InputFile.OpenRead(path);
            var (start, end, rows) = ArrowFrame.Check(file, path);
            using var slice = new ArrowSlice(file, start, end);
            using var reader = new ArrowStreamReader(slice, new CompressionCodecFactory(), leaveOpen: true);
            return ReadBatches(reader, slice, path, options, file.Length, start, rows);
        });
    }

    private static Dataset ReadBatches(ArrowStreamReader reader, ArrowSlice slice, string path, ReadOptions options, long fileLength, long start, long rows)
    {
        var ct = options.CancellationToken;
        var schema = Decode(path, () => reader.GetSchema(ct).AsTask().GetAwaiter().GetResult())
            ?? throw new DataFormatException(path, "holds no schema message", "The file is damaged or not Arrow IPC; copy or write it again", byteOffset: start);
        var fields = schema.FieldsList;
        var (vector, numeric) = Choose(fields, options.CsvColumns, path);
        var columnName = vector is { } v ? fields[v].Name : string.Join(", ", numeric.Select(i => fields[i].Name));
        var sink = new VectorSink(path, columnName, "record batch", rows, fileLength, options);
        var meta = new ColumnarMetadata();
        var skip = new HashSet<int>();
        var garbage = new GarbageBudget();
        try
        {
            for (var batchIndex = 0; ; batchIndex++)
            {
                ct.ThrowIfCancellationRequested();
                using var batch = Decode(path, () => reader.ReadNextRecordBatch());
                if (batch is null)
                {
                    break;
                }

                // The library decodes a batch's buffers lazily, as cells are read; damage it meets there surfaces here.
                try
                {
                    if (vector is { } column)
                    {
                        ArrowVectorColumn.Read(batch.Column(column), batchIndex, sink);
                    }
                    else
                    {
                        ReadNumeric(batch, numeric, batchIndex, sink, fields);
                    }

                    for (var c = 0; c < fields.Count; c++)
                    {
                        if (c != vector && !numeric.Contains(c) && !skip.Contains(c))
                        {
                            ReadMetadata(batch.Column(c), fields[c], meta, skip, c);
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not DataFormatException and not OutOfMemoryException)
                {
                    throw new DataFormatException(path, $"record batch {batchIndex + 1} could not be decoded ({LibraryMessage.Of(ex)})", "The file is damaged; copy or write it again", inner: ex);
                }

                garbage.Step();
                InputFile.Step(options, start + slice.Position, fileLength);
            }

            var matrix = sink.ToMatrix();
            var name = schema.Metadata?.GetValueOrDefault(NameKey) is { Length: > 0 } n ? n : Path.GetFileNameWithoutExtension(path);
            var source = schema.Metadata?.GetValueOrDefault(SourceKey) is { Length: > 0 } s ? s : path;
            InputFile.Step(options, fileLength, fileLength);
            return meta.Build(name, matrix, source, vector is { } vc ? ArrowVectorColumn.DType(fields[vc].DataType) : "number");
        }
        catch
        {
            sink.Abandon();
            throw;
        }
    }

    private static T Decode<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DataFormatException and not OutOfMemoryException)
        {
            throw new DataFormatException(path, $"an Arrow message could not be decoded ({LibraryMessage.Of(ex)})", "The file is damaged or not Arrow IPC; copy or write it again", inner: ex);
        }
    }

    private static (int? Vector, int[] Numeric) Choose(IReadOnlyList<Field> fields, string? spec, string path)
    {
        var listing = string.Join(", ", fields.Select(f => $"{f.Name} ({f.DataType.Name})"));
        if (spec is null)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                if (ArrowVectorColumn.IsFloatList(fields[i].DataType))
                {
                    return (i, []);
                }
            }

            throw new DataFormatException(path, $"no column holds a list of floats to use as the vector (columns: {listing})", "Choose numeric columns by a pattern or a range FROM..TO to build the vectors from", remedy: new Remedy(RemedyOption.Columns, "FROM..TO"));
        }

        var selected = CsvColumnSelection.Select(spec, [.. fields.Select(f => f.Name)], path);
        var chosen = Enumerable.Range(0, fields.Count).Where(i => selected[i]).ToArray();
        if (chosen.Length == 1 && ArrowVectorColumn.IsFloatList(fields[chosen[0]].DataType))
        {
            return (chosen[0], []);
        }

        if (chosen.FirstOrDefault(i => !IsNumberType(fields[i].DataType), -1) is var bad and >= 0)
        {
            throw new DataFormatException(path, $"column '{fields[bad].Name}' ({fields[bad].DataType.Name}), chosen by the column selection {spec}, does not hold one number per row (columns: {listing})", "Choose numeric columns only, or a single list<float> column");
        }

        return (null, chosen);
    }

    private static bool IsNumberType(Apache.Arrow.Types.IArrowType type) => type.TypeId is
        Apache.Arrow.Types.ArrowTypeId.Float or Apache.Arrow.Types.ArrowTypeId.Double or Apache.Arrow.Types.ArrowTypeId.HalfFloat
        or Apache.Arrow.Types.ArrowTypeId.Int8 or Apache.Arrow.Types.ArrowTypeId.Int16 or Apache.Arrow.Types.ArrowTypeId.Int32 or Apache.Arrow.Types.ArrowTypeId.Int64
        or Apache.Arrow.Types.ArrowTypeId.UInt8 or Apache.Arrow.Types.ArrowTypeId.UInt16 or Apache.Arrow.Types.ArrowTypeId.UInt32 or Apache.Arrow.Types.ArrowTypeId.UInt64;

    private static void ReadNumeric(RecordBatch batch, int[] numeric, int batchIndex, VectorSink sink, IReadOnlyList<Field> fields)
    {
        var columns = numeric.Select(i => ArrowCells.Number(batch.Column(i))!).ToArray();
        for (var r = 0; r < batch.Length; r++)
        {
            var row = sink.Add(columns.Length, batchIndex);
            for (var c = 0; c < columns.Length; c++)
            {
                row[c] = columns[c](r) is { } value
                    ? (float)value
                    : throw sink.Error("the value is null", "Fill in or drop that row, or leave the column out of the vector columns", batchIndex, sink.Rows - 1, fields[numeric[c]].Name);
            }

            sink.CheckFinite(row, batchIndex);
        }
    }

    private static void ReadMetadata(IArrowArray array, Field field, ColumnarMetadata meta, HashSet<int> skip, int index)
    {
        if (array is BinaryArray binary and not StringArray && Cells(binary) is var bytes)
        {
            if (meta.IsImage(field.Name) || (!meta.IsText(field.Name) && ImageColumn.Looks(field.Name, bytes.FirstOrDefault(b => b is not null))))
            {
                meta.Images(field.Name).AddRange(bytes);
                return;
            }
        }

        if (ArrowCells.Text(array) is not { } text)
        {
            skip.Add(index);
            meta.Warn($"column '{field.Name}' ({field.DataType.Name}) has a type that is not read as metadata");
            return;
        }

        var values = meta.Text(field.Name);
        for (var r = 0; r < array.Length; r++)
        {
            values.Add(text(r));
        }
    }

    private static byte[]?[] Cells(BinaryArray a)
    {
        var cells = new byte[]?[a.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = a.IsNull(i) ? null : a.GetBytes(i).ToArray();
        }

        return cells;
    }
}
