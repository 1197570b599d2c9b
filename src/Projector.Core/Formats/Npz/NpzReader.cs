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

    /// <summary>
    /// Reads the array named by <see cref="ReadOptions.TensorName"/> (with or without <c>.npy</c>), otherwise the
    /// only array, otherwise the first 2-D floating-point array. The dataset is named after the array.
    /// </summary>
    /// <exception cref="DataFormatException">The archive or the chosen array cannot be read.</exception>
    public static Dataset Read(string path, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return InputFile.Guard(path, () => Damaged(path, () =>
        {
            using var zip = Open(path);
            var entry = Choose(path, zip, options.TensorName);
            var where = $"{path} (array {entry.FullName})";
            using var stream = new Crc32Stream(entry.Open());
            var header = NpyHeader.Read(stream, entry.Length, where);
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
        }));
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

    /// <summary>Zip damage (bad local headers, unknown compression, CRC errors) surfaces as <see cref="InvalidDataException"/>.</summary>
    private static T Damaged<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(path, $"the .npz archive is damaged ({ex.Message})", "Copy or save the file again", inner: ex);
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
            throw new DataFormatException(path, $"not a readable .npz (zip) archive ({ex.Message})", "Save the arrays with numpy.savez, or pick the right format", inner: ex);
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
        return arrays.First(e => NameOf(e) == first.Name);
    }

    private static List<NpzTensorInfo> Describe(string path, ZipArchive zip)
    {
        var list = new List<NpzTensorInfo>();
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            try
            {
                using var stream = entry.Open();
                var header = NpyHeader.Read(stream, entry.Length, $"{path} (array {entry.FullName})");
                list.Add(new NpzTensorInfo(NameOf(entry), header.Shape, header.DType.Name, null));
            }
            catch (DataFormatException ex)
            {
                list.Add(new NpzTensorInfo(NameOf(entry), [], "unknown", ex.Problem));
            }
            catch (InvalidDataException ex)
            {
                list.Add(new NpzTensorInfo(NameOf(entry), [], "unknown", ex.Message));
            }
        }

        return list;
    }
}
