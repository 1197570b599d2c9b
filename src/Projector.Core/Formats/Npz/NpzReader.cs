using System.Buffers.Binary;
using System.IO.Compression;
using Projector.Core.Data;
using Projector.Core.Formats.Io;
using Projector.Core.Formats.Npy;

namespace Projector.Core.Formats.Npz;

/// <summary>
/// Reads one array of a NumPy <c>.npz</c> archive (<c>numpy.savez</c> or <c>savez_compressed</c>), decompressing
/// the entry straight into the matrix.
/// </summary>
public static class NpzReader
{
    private const string Extension = ".npy";

    /// <summary>Deflate turns one stored byte into at most 1032 (258-byte matches in 2 bits); a stored member into one.</summary>
    private const long MaxDeflateRatio = 1032;

    /// <summary>
    /// Reads the array named by <see cref="ReadOptions.TensorName"/> (with or without <c>.npy</c>), otherwise the
    /// only array, otherwise the first 2-D floating-point array. The dataset is named after the array.
    /// </summary>
    /// <exception cref="DataFormatException">The archive or the chosen array cannot be read.</exception>
    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return WithHeader(path, options, (entry, stream, header, where) =>
        {
            var matrix = NpyReader.ReadData(stream, header, where, options, entry.Length);
            try
            {
                stream.Drain();
                if (stream.Value != entry.Crc32)
                {
                    throw new DataFormatException(where, $"is damaged: its CRC-32 is {stream.Value:x8} but the archive records {entry.Crc32:x8}", "Copy or save the file again");
                }

                NpyReader.Check(where, matrix, header, options);
            }
            catch
            {
                matrix.Dispose();
                throw;
            }

            return new Dataset(NameOf(entry), matrix, source: path, sourceDType: header.DType.Name);
        });
    }

    // The chosen member's .npy header, read through its CRC-32 stream; `use` reads on from there or stops.
    private static T WithHeader<T>(string path, ReadOptions options, Func<ZipArchiveEntry, Crc32Stream, NpyHeader, string, T> use) =>
        InputFile.Guard(path, () => Damaged(path, () =>
        {
            using var zip = Open(path);
            var entry = Choose(path, zip, options.TensorName);
            var where = $"{path} (array {entry.FullName})";
            CheckDeclaredSize(entry, where);
            using var stream = new Crc32Stream(entry.Open(), entry.Length, where);
            return use(entry, stream, NpyHeader.Read(stream, entry.Length, where), where);
        }));

    /// <summary>
    /// What a read of <paramref name="path"/> with <paramref name="options"/> would hold, from the <c>.npy</c>
    /// headers alone: no member is inflated past its header, so a member that inflates to gigabytes costs
    /// a few kilobytes here. Its values are not read, so NaN or damage in them shows only when it is read.
    /// </summary>
    /// <exception cref="DataFormatException">The archive or the chosen array's header cannot be read.</exception>
    public static DatasetSummary Summarize(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return WithHeader(path, options, (entry, _, header, _) =>
            new DatasetSummary(NameOf(entry), header.Rows, header.Dimensions, header.DType.Name, [], null, [], path));
    }

    /// <summary>The arrays in the archive with their shapes and element types, in archive order.</summary>
    /// <exception cref="DataFormatException">The file is not a readable zip archive.</exception>
    public static IReadOnlyList<NpzTensorInfo> ListTensors(string path) =>
        InputFile.Guard(path, () => Damaged(path, () =>
        {
            using var zip = Open(path);
            return Describe(path, zip);
        }));

    /// <summary>True when <paramref name="head"/> is a zip archive whose first entry is an <c>.npy</c> file.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30 || !head.StartsWith("PK\x03\x04"u8))
        {
            return false;
        }

        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[26..]);
        return head.Length >= 30 + nameLength && head.Slice(30, nameLength).EndsWith(".npy"u8);
    }

    /// <summary>
    /// Refuses a member whose declared size deflate could not have produced from its stored bytes, before
    /// anything is allocated for it: the .npy header is checked against the declared size next, and the
    /// stream against both as it inflates.
    /// </summary>
    private static void CheckDeclaredSize(ZipArchiveEntry entry, string where)
    {
        if (entry.Length > (entry.CompressedLength * MaxDeflateRatio) + 1024)
        {
            throw new DataFormatException(where, $"is damaged: the archive records {entry.Length} bytes inflated from {entry.CompressedLength} stored bytes, more than deflate can produce", "Copy or save the file again");
        }
    }

    /// <summary>Zip damage (bad local headers, unknown compression, CRC errors) surfaces as <see cref="InvalidDataException"/>.</summary>
    private static T Damaged<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(path, $"the .npz archive is damaged ({LibraryMessage.Of(ex)})", "Copy or save the file again", inner: ex);
        }
    }

    private static ZipArchive Open(string path)
    {
        var stream = InputFile.OpenRead(path);
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw new DataFormatException(path, $"not a readable .npz (zip) archive ({LibraryMessage.Of(ex)})", "Save the arrays with numpy.savez, or pick the right format", inner: ex);
        }
    }

    private static string NameOf(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith(Extension, StringComparison.Ordinal) ? entry.FullName[..^Extension.Length] : entry.FullName;

    private static ZipArchiveEntry Choose(string path, ZipArchive zip, string? wanted)
    {
        var arrays = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
        if (arrays.Count == 0)
        {
            throw new DataFormatException(path, "the archive holds no arrays", "Save at least one array with numpy.savez");
        }

        if (wanted is not null)
        {
            return arrays.FirstOrDefault(e => e.FullName == wanted || NameOf(e) == wanted)
                ?? throw new DataFormatException(path, $"there is no array named '{wanted}'; the archive holds {string.Join(", ", arrays.Select(NameOf))}", "Pick one of those names");
        }

        if (arrays.Count == 1)
        {
            return arrays[0];
        }

        var infos = Describe(path, zip);
        var first = infos.FirstOrDefault(i => i.IsFloatMatrix)
            ?? throw new DataFormatException(path, $"no array is a 2-D floating-point matrix; the archive holds {string.Join(", ", infos)}", "Name the array to read");

        // Passing over an array whose header is damaged (not merely of a type that is not read) would silently
        // read another one in its place.
        if (infos.TakeWhile(i => i != first).FirstOrDefault(i => i.DType == "unknown" && !IsUnsupportedType(i.Problem)) is { } damaged)
        {
            throw new DataFormatException(path, $"array '{damaged.Name}' cannot be read ({damaged.Problem}), so which array to read is not clear", "Name the array to read, or copy or save the file again");
        }
        return arrays.First(e => NameOf(e) == first.Name);
    }

    private static bool IsUnsupportedType(string? problem) =>
        problem is not null && (problem.Contains("is not supported", StringComparison.Ordinal) || problem.Contains("structured dtype", StringComparison.Ordinal));

    private static List<NpzTensorInfo> Describe(string path, ZipArchive zip)
    {
        var list = new List<NpzTensorInfo>();
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            try
            {
                var where = $"{path} (array {entry.FullName})";
                CheckDeclaredSize(entry, where);
                using var stream = new Crc32Stream(entry.Open(), entry.Length, where);
                var header = NpyHeader.Read(stream, entry.Length, where);
                list.Add(new NpzTensorInfo(NameOf(entry), header.Shape, header.DType.Name, null));
            }
            catch (DataFormatException ex)
            {
                list.Add(new NpzTensorInfo(NameOf(entry), [], "unknown", ex.Problem));
            }
            catch (InvalidDataException ex)
            {
                list.Add(new NpzTensorInfo(NameOf(entry), [], "unknown", LibraryMessage.Of(ex)));
            }
        }

        return list;
    }
}
