using Parquet;
using Parquet.Schema;
using Projector.Core.Data;

namespace Projector.Core.Formats.Parquet;

/// <summary>
/// Writes a dataset as Parquet: the vectors as a 3-level LIST of required float32 named <c>embedding</c>
/// (Parquet has no fixed-size list; this is the layout pyarrow, pandas, Spark and DuckDB read as a list
/// column), number metadata as nullable double, other metadata as nullable UTF-8 strings, and the name
/// and source as key-value metadata. Rows go out in row groups of about 16 MB of floats, so that a
/// reader holds little more than one group's buffers next to its matrix.
/// </summary>
internal static class ParquetDatasetWriter
{
    private const int ValuesPerGroup = 1 << 22;

    public static void Write(string path, Dataset dataset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        AtomicFile.Write(path, stream => WriteTo(stream, dataset, ct));
    }

    private static void WriteTo(Stream stream, Dataset dataset, CancellationToken ct)
    {
        var matrix = dataset.Matrix;
        var d = matrix.Dimensions;
        var columns = dataset.Metadata.Columns;
        var element = new DataField<float>("element", false);
        var vectorName = columns.Any(c => c.Name == "embedding") ? "embedding_vector" : "embedding";
        var fields = columns.Select(c => c.Kind == MetadataKind.Number ? (DataField)new DataField<double>(c.Name, true) : new DataField<string>(c.Name, true)).ToArray();
        var schema = new ParquetSchema([new ListField(vectorName, element), .. fields]);
        var writer = ParquetWriter.CreateAsync(schema, stream, null, false, ct).GetAwaiter().GetResult();
        try
        {
            var custom = new Dictionary<string, string> { [ParquetDatasetReader.NameKey] = dataset.Name };
            if (dataset.Source is { } source)
            {
                custom[ParquetDatasetReader.SourceKey] = source;
            }

            writer.CustomMetadata = custom;
            var rowsPerGroup = Math.Max(1, ValuesPerGroup / d);
            var values = new float[(long)Math.Min(rowsPerGroup, Math.Max(1, matrix.Rows)) * d];
            var defs = new int[values.Length];
            var reps = new int[values.Length];
            defs.AsSpan().Fill(element.MaxDefinitionLevel);
            reps.AsSpan().Fill(1);
            for (var i = 0; i < reps.Length; i += d)
            {
                reps[i] = 0;
            }

            var garbage = new Columnar.GarbageBudget();
            for (var start = 0; start < matrix.Rows; start += rowsPerGroup)
            {
                ct.ThrowIfCancellationRequested();
                var n = Math.Min(rowsPerGroup, matrix.Rows - start);
                var count = n * d;
                matrix.RowBlock(start, n).CopyTo(values);
                using var group = writer.CreateRowGroup();
                group.WriteAllPartsAsync<float>(element, values.AsMemory(0, count), defs.AsMemory(0, count), reps.AsMemory(0, count), ct).GetAwaiter().GetResult();
                for (var c = 0; c < columns.Count; c++)
                {
                    WriteColumn(group, fields[c], columns[c], start, n, ct);
                }

                group.CompleteValidate();
                garbage.Step();
            }
        }
        finally
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void WriteColumn(ParquetRowGroupWriter group, DataField field, MetadataColumn column, int start, int n, CancellationToken ct)
    {
        if (column.Kind == MetadataKind.Number)
        {
            var numbers = column.Numbers;
            var cells = new double?[n];
            for (var r = 0; r < n; r++)
            {
                cells[r] = column[start + r] is null ? null : numbers[start + r];
            }

            group.WriteAsync<double>(field, (ReadOnlyMemory<double?>)cells, null, null, ct).GetAwaiter().GetResult();
            return;
        }

        var text = new string[n];
        for (var r = 0; r < n; r++)
        {
            text[r] = column[start + r]!;
        }

        group.WriteAsync(field, text, null).GetAwaiter().GetResult();
    }
}
