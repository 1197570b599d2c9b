using Projector.Core.Data;

namespace Projector.Core.Formats.Bytes;

/// <summary>
/// Reads a raw tensor: rows x dimensions little-endian float32 values, row-major, no header (the
/// standalone TF projector's <c>.bytes</c>). The file is memory-mapped, not copied.
/// </summary>
internal static class BytesReader
{
    /// <summary>
    /// Maps the file with the shape in <see cref="ReadOptions.Shape"/>. A shape with 0 rows means
    /// "as many rows as the file holds".
    /// </summary>
    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Shape is not { } shape || shape.Dimensions <= 0)
        {
            throw new DataFormatException(path, "a raw float32 file has no header, so its shape is unknown", "Give the shape as rows,dimensions (0 rows counts them)", remedy: new Remedy(RemedyOption.Shape, "0,784"));
        }

        var size = FileOpen.Size(path);
        if (size == 0)
        {
            throw new DataFormatException(path, "file is empty", "Give a file with data in it");
        }

        var rowBytes = (long)shape.Dimensions * sizeof(float);
        var rows = (long)shape.Rows;
        if (rows == 0)
        {
            if (size % rowBytes != 0)
            {
                throw new DataFormatException(path, $"holds {size} bytes, not a whole number of {shape.Dimensions}-d float32 rows ({rowBytes} bytes each)", "Check the dimension of the shape", byteOffset: size - (size % rowBytes), remedy: new Remedy(RemedyOption.Shape, FormattableString.Invariant($"0,{shape.Dimensions}")));
            }

            rows = size / rowBytes;
        }
        else if ((Int128)rows * rowBytes != size)
        {
            // 128-bit: a shape from a config or a flag can ask for more bytes than a long holds.
            var needed = (Int128)rows * rowBytes;
            var whole = size % rowBytes == 0;
            var hint = whole
                ? $"The file holds {size / rowBytes} rows of {shape.Dimensions}; fix the shape"
                : "Check the shape and that the file is raw little-endian float32";
            var remedy = whole ? new Remedy(RemedyOption.Shape, FormattableString.Invariant($"{size / rowBytes},{shape.Dimensions}")) : null;
            throw new DataFormatException(path, $"holds {size} bytes, but {shape.Rows} x {shape.Dimensions} float32 needs {needed}", hint, byteOffset: (long)Int128.Min(size, needed), remedy: remedy);
        }

        if (rows > int.MaxValue)
        {
            throw new DataFormatException(path, $"holds {rows} rows, more than the {int.MaxValue} supported", "Split the file");
        }

        var matrix = EmbeddingMatrix.MapFile(path, 0, (int)rows, shape.Dimensions);
        try
        {
            NonFiniteCheck.Ensure(path, matrix, options, offsetOfValue: (r, c) => (((long)r * shape.Dimensions) + c) * sizeof(float));
        }
        catch
        {
            matrix.Dispose();
            throw;
        }

        return new Dataset(Path.GetFileNameWithoutExtension(path), matrix, source: path);
    }
}
