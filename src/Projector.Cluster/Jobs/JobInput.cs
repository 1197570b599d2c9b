using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Io;
using Projector.Core.Formats.Npy;

namespace Projector.Cluster.Jobs;

/// <summary>
/// What the client reads of a job's input before submitting it: its name, rows and width, and the metadata
/// columns the file itself carries. A <c>.npy</c> input (the form for inputs beyond one machine's memory)
/// is read to its header only, so the client's memory does not grow with the input; other formats are read
/// whole, as every silo reads them.
/// </summary>
public sealed class JobInput : IDisposable
{
    private readonly Dataset? _loaded;

    private JobInput(string name, int rows, int dimensions, MetadataTable embedded, Dataset? loaded)
    {
        Name = name;
        Rows = rows;
        Dimensions = dimensions;
        Embedded = embedded;
        _loaded = loaded;
    }

    /// <summary>The tile set's name: the input's file name without its extension.</summary>
    public string Name { get; }

    /// <summary>Rows.</summary>
    public int Rows { get; }

    /// <summary>Values per row.</summary>
    public int Dimensions { get; }

    /// <summary>The columns the input file carries itself (none for .npy).</summary>
    public MetadataTable Embedded { get; }

    /// <summary>Reads <paramref name="path"/>'s shape (and, unless it is a .npy, its content).</summary>
    /// <exception cref="DataFormatException">The file is not a readable input.</exception>
    public static JobInput Open(string path, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ReadOptions.Default;
        if (DatasetReader.Detect(path).Name == "npy")
        {
            var header = InputFile.Guard(path, () =>
            {
                using var stream = InputFile.OpenRead(path);
                var h = NpyHeader.Read(stream, stream.Length, path);
                var end = h.DataOffset + ((long)h.Rows * h.Dimensions * h.DType.Size);
                return end <= stream.Length ? h : throw new DataFormatException(path, $"holds {stream.Length} bytes, but its header's shape {h.ShapeText} needs {end}", "The file is truncated; copy or save it again", byteOffset: stream.Length);
            });
            return new JobInput(Path.GetFileNameWithoutExtension(path), header.Rows, header.Dimensions, MetadataTable.Empty(header.Rows), null);
        }

        var dataset = DatasetReader.Read(path, options);
        return new JobInput(dataset.Name, dataset.Points, dataset.Dimensions, dataset.Metadata, dataset);
    }

    /// <summary>Frees the input when it was read whole.</summary>
    public void Dispose() => _loaded?.Dispose();
}
