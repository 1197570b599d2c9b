using System.Buffers.Binary;
using System.Text;
using Projector.Core.Formats.Io;

namespace Projector.Core.Formats.Npy;

/// <summary>The parsed preamble of an .npy file (or .npz entry): element type, layout, shape and where data starts.</summary>
internal sealed record NpyHeader(NpyDType DType, bool FortranOrder, long[] Shape, int Rows, int Dimensions, long DataOffset)
{
    /// <summary>The magic every .npy file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // NumPy itself refuses headers over 10 000 bytes by default; anything near a megabyte is not a real header
    // and must not make us allocate.
    private const int MaxHeaderLength = 1 << 20;

    /// <summary>The shape as NumPy prints it, e.g. <c>(3, 2)</c> or <c>(5,)</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>Formats a shape as NumPy prints it.</summary>
    public static string FormatShape(long[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";

    /// <summary>
    /// Reads the header from the start of <paramref name="stream"/>, which holds <paramref name="totalLength"/>
    /// bytes, and checks that the shape accounts for exactly the bytes that follow.
    /// </summary>
    public static NpyHeader Read(Stream stream, long totalLength, string path)
    {
        Span<byte> prefix = stackalloc byte[12];
        var got = InputFile.ReadFully(stream, prefix[..8]);
        if (got < 6 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new DataFormatException(path, "not an .npy file: it does not start with the \\x93NUMPY magic", "Save the array with numpy.save, or pick the right format", byteOffset: 0);
        }

        if (got < 8)
        {
            throw new DataFormatException(path, "the file ends inside the .npy preamble", "The file is truncated; copy or save it again", byteOffset: got);
        }

        int major = prefix[6], minor = prefix[7];
        var lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new DataFormatException(path, $".npy format version {major}.{minor} is not supported (only 1.0, 2.0 and 3.0)", "Save the array again with a current NumPy", byteOffset: 6),
        };
        if (InputFile.ReadFully(stream, prefix.Slice(8, lengthBytes)) < lengthBytes)
        {
            throw new DataFormatException(path, "the file ends inside the .npy preamble", "The file is truncated; copy or save it again", byteOffset: 8);
        }

        long headerLength = lengthBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        var headerStart = 8 + lengthBytes;
        if (headerLength > MaxHeaderLength || headerStart + headerLength > totalLength)
        {
            throw new DataFormatException(path, $"the header claims {headerLength} bytes but the file has {totalLength - headerStart} after the preamble", "The file is truncated or not an .npy file", byteOffset: 8);
        }

        var headerBytes = new byte[headerLength];
        if (InputFile.ReadFully(stream, headerBytes) < headerLength)
        {
            throw new DataFormatException(path, "the file ends inside the .npy header", "The file is truncated; copy or save it again", byteOffset: headerStart);
        }

        // Versions 1 and 2 store the header in latin-1; version 3 allows UTF-8 (field names of structured types).
        var text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        Dictionary<string, object?> dict;
        try
        {
            dict = PythonLiteral.ParseDict(text.Trim(), out _);
        }
        catch (FormatException ex)
        {
            throw new DataFormatException(path, $"the .npy header is not a valid dict ({ex.Message})", "The file is damaged or was not written by numpy.save", byteOffset: headerStart, inner: ex);
        }

        return Interpret(dict, headerStart + headerLength, totalLength, path, headerStart);
    }

    private static NpyHeader Interpret(Dictionary<string, object?> dict, long dataOffset, long totalLength, string path, long headerStart)
    {
        DataFormatException Bad(string problem, string hint) => new(path, problem, hint, byteOffset: headerStart);

        if (!dict.TryGetValue("descr", out var descrValue) || !dict.TryGetValue("shape", out var shapeValue) || !dict.TryGetValue("fortran_order", out var fortranValue))
        {
            throw Bad("the .npy header lacks one of 'descr', 'fortran_order' and 'shape'", "The file was not written by numpy.save");
        }

        if (descrValue is not string descr)
        {
            throw Bad("the array has a structured dtype (named fields), not plain numbers", "Save one float field as its own array, e.g. numpy.save(path, arr['field'])");
        }

        var dtype = NpyDType.TryParse(descr)
            ?? throw Bad($"dtype '{descr}' is not supported", "Convert the array first, e.g. numpy.save(path, arr.astype('float32')); supported: float16/32/64 and integers");
        if (fortranValue is not bool fortran)
        {
            throw Bad("'fortran_order' in the .npy header is not True or False", "The file was not written by numpy.save");
        }

        if (shapeValue is not List<object?> items || items.Any(i => i is not long))
        {
            throw Bad("'shape' in the .npy header is not a tuple of integers", "The file was not written by numpy.save");
        }

        var shape = items.Select(i => (long)i!).ToArray();
        var shapeText = FormatShape(shape);
        if (shape.Any(s => s < 0))
        {
            throw Bad($"shape '{shapeText}' has a negative dimension", "The file is damaged or was not written by numpy.save");
        }

        if (shape.Length is 0 or > 2)
        {
            throw Bad($"shape {(shape.Length == 0 ? "()" : shapeText)} is not a list of vectors: expected (N, D) or (N,)", "Reshape to two dimensions first, e.g. arr.reshape(len(arr), -1)");
        }

        var rows = shape[0];
        var dims = shape.Length == 2 ? shape[1] : 1;
        var available = totalLength - dataOffset;
        var needed = (Int128)rows * dims * dtype.Size;
        if (needed != available)
        {
            throw new DataFormatException(path, $"shape {shapeText} of {dtype.Name} needs {needed} bytes of data but the file has {available} after the header", needed > available ? "The file is truncated; copy or save it again" : "The file has extra bytes or a wrong header", byteOffset: dataOffset);
        }

        if (dims == 0 || rows > int.MaxValue || dims > int.MaxValue || rows * dims > Array.MaxLength)
        {
            throw Bad($"shape {shapeText} cannot be shown: vectors need 1 to {Array.MaxLength} values in all and at most {int.MaxValue} rows", "Select a subset of rows or dimensions before saving");
        }

        return new NpyHeader(dtype, fortran, shape, (int)rows, (int)dims, dataOffset);
    }
}
