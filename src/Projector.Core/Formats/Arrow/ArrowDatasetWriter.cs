using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Projector.Core.Data;

namespace Projector.Core.Formats.Arrow;

/// <summary>
/// Writes a dataset as an Arrow IPC file, or a stream for <c>.arrows</c>. The vectors are a
/// non-nullable <c>fixed_size_list&lt;float32&gt;[D]</c> column named <c>embedding</c>: the dimension
/// is part of the type, there is no offsets buffer, and pyarrow/polars/numpy turn it into an (N, D)
/// array without copying. Number metadata is float64, other metadata UTF-8; name and source are schema
/// metadata. Batches hold about 16 MB of floats; buffers are left uncompressed, so every reader can open the file.
/// </summary>
internal static class ArrowDatasetWriter
{
    private const int ValuesPerBatch = 1 << 22;

    public static void Write(string path, Dataset dataset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var stream = Path.GetExtension(path).Equals(".arrows", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, s => WriteTo(s, dataset, stream, ct));
    }

    private static void WriteTo(Stream output, Dataset dataset, bool asStream, CancellationToken ct)
    {
        var matrix = dataset.Matrix;
        var d = matrix.Dimensions;
        var columns = dataset.Metadata.Columns;
        var vectorName = columns.Any(c => c.Name == "embedding") ? "embedding_vector" : "embedding";
        var vectorType = new FixedSizeListType(new Field("item", FloatType.Default, nullable: false), d);
        var builder = new Schema.Builder().Field(new Field(vectorName, vectorType, nullable: false));
        foreach (var c in columns)
        {
            builder.Field(new Field(c.Name, c.Kind == MetadataKind.Number ? DoubleType.Default : StringType.Default, nullable: true));
        }

        builder.Metadata(ArrowDatasetReader.NameKey, dataset.Name);
        if (dataset.Source is { } source)
        {
            builder.Metadata(ArrowDatasetReader.SourceKey, source);
        }

        var schema = builder.Build();
        using var writer = asStream ? new ArrowStreamWriter(output, schema, leaveOpen: true) : new ArrowFileWriter(output, schema, leaveOpen: true);
        writer.WriteStart();
        var rowsPerBatch = Math.Max(1, ValuesPerBatch / d);
        var garbage = new Columnar.GarbageBudget();
        for (var start = 0; start < matrix.Rows; start += rowsPerBatch)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(rowsPerBatch, matrix.Rows - start);
            var bytes = MemoryMarshal.AsBytes(matrix.RowBlock(start, n)).ToArray();
            var values = new FloatArray(new ArrowBuffer(bytes), ArrowBuffer.Empty, n * d, 0, 0);
            var arrays = new List<IArrowArray> { new FixedSizeListArray(vectorType, n, values, ArrowBuffer.Empty, 0, 0) };
            arrays.AddRange(columns.Select(c => Column(c, start, n)));
            using var batch = new RecordBatch(schema, arrays, n);
            writer.WriteRecordBatch(batch);
            garbage.Step();
        }

        writer.WriteEnd();
    }

    private static IArrowArray Column(MetadataColumn column, int start, int n)
    {
        if (column.Kind == MetadataKind.Number)
        {
            var numbers = column.Numbers;
            var doubles = new DoubleArray.Builder();
            for (var r = start; r < start + n; r++)
            {
                if (column[r] is null)
                {
                    doubles.AppendNull();
                }
                else
                {
                    doubles.Append(numbers[r]);
                }
            }

            return doubles.Build();
        }

        var text = new StringArray.Builder();
        for (var r = start; r < start + n; r++)
        {
            if (column[r] is { } s)
            {
                text.Append(s);
            }
            else
            {
                text.AppendNull();
            }
        }

        return text.Build();
    }
}
