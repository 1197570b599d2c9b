using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Projector.Core.Tests.Formats.Arrow;

/// <summary>Arrow IPC files and streams built with Apache.Arrow's array builders, as other producers lay them out.</summary>
internal static class ArrowFiles
{
    public static void Write(string path, Schema schema, IEnumerable<RecordBatch> batches, bool stream, IpcOptions? options = null)
    {
        using var file = File.Create(path);
        using var writer = stream ? new ArrowStreamWriter(file, schema, false, options) : new ArrowFileWriter(file, schema, false, options);
        writer.WriteStart();
        foreach (var batch in batches)
        {
            writer.WriteRecordBatch(batch);
        }

        writer.WriteEnd();
    }

    public static FixedSizeListArray FixedSizeFloats(int size, params float[][] rows)
    {
        var builder = new FixedSizeListArray.Builder(FloatType.Default, size);
        var values = (FloatArray.Builder)builder.ValueBuilder;
        foreach (var row in rows)
        {
            builder.Append();
            values.AppendRange(row);
        }

        return builder.Build();
    }

    /// <summary>A variable-length list&lt;double&gt;; a null row is a null list.</summary>
    public static ListArray DoubleLists(params double[]?[] rows)
    {
        var builder = new ListArray.Builder(DoubleType.Default);
        var values = (DoubleArray.Builder)builder.ValueBuilder;
        foreach (var row in rows)
        {
            if (row is null)
            {
                builder.AppendNull();
                continue;
            }

            builder.Append();
            values.AppendRange(row);
        }

        return builder.Build();
    }

    public static StringArray Strings(params string?[] values)
    {
        var builder = new StringArray.Builder();
        foreach (var v in values)
        {
            if (v is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(v);
            }
        }

        return builder.Build();
    }

    public static Schema Schema(params (string Name, IArrowType Type)[] fields)
    {
        var builder = new Schema.Builder();
        foreach (var (name, type) in fields)
        {
            builder.Field(new Field(name, type, nullable: true));
        }

        return builder.Build();
    }
}
