using System.Reflection;
using Parquet.Meta;

namespace Projector.Core.Formats.Parquet;

/// <summary>
/// Decodes a Parquet footer with Parquet.Net's own Thrift decoder over an <see cref="EndStrictStream"/>
/// before Parquet.Net opens the file. Parquet.Net decodes the footer from a <see cref="MemoryStream"/>,
/// where a footer damaged so that it runs past its end makes the decoder spin forever; here the same
/// decoder meets a stream that throws, so such a footer is refused instead. The decoder is internal to
/// Parquet.Net, hence reflection (a test checks it is found).
/// </summary>
internal static class ParquetFooterDecoder
{
    private static readonly Func<Stream, object?>? Decode = Bind(typeof(FileMetaData));
    private static readonly Func<Stream, object?>? DecodePage = Bind(typeof(PageHeader));

    /// <summary>Decoded pages can outgrow their stored bytes, but not without bound.</summary>
    private const long MaxCompression = 1024;

    /// <summary>Page headers are small (statistics are truncated by writers); a larger one is not read.</summary>
    private const long MaxPageHeader = 1 << 22;

    /// <summary>Whether Parquet.Net's footer decoder was found.</summary>
    public static bool IsBound => Decode is not null && DecodePage is not null;

    /// <summary>
    /// Walks every column chunk's page headers (decoded like the footer) and refuses a page whose stored or
    /// decoded size the chunk cannot hold: Parquet.Net allocates a page's buffer by its header's claim
    /// before it reads the page.
    /// </summary>
    public static void CheckPages(Stream file, FileMetaData meta, string path)
    {
        if (DecodePage is null)
        {
            return;
        }

        using var strict = new EndStrictStream(file, leaveOpen: true);
        for (var g = 0; g < meta.RowGroups.Count; g++)
        {
            foreach (var chunk in meta.RowGroups[g].Columns)
            {
                if (chunk.MetaData is not { } m)
                {
                    continue;
                }

                // ParquetFooter.CheckClaims has put the chunk inside the file.
                var pos = Math.Min(m.DataPageOffset, m.DictionaryPageOffset ?? long.MaxValue);
                var end = pos + m.TotalCompressedSize;
                while (pos < end)
                {
                    var head = new byte[Math.Min(end - pos, MaxPageHeader)];
                    file.Position = pos;
                    file.ReadExactly(head);
                    if (ThriftCompact.StructLength(head) < 0)
                    {
                        throw Page(path, g, m, pos, "a page header's lengths run past the column chunk", null);
                    }

                    file.Position = pos;
                    PageHeader header;
                    try
                    {
                        header = (PageHeader)DecodePage(strict)!;
                    }
                    catch (TargetInvocationException e) when (e.InnerException is { } inner and not OutOfMemoryException)
                    {
                        throw Page(path, g, m, pos, inner is EndOfStreamException ? "a page header runs past the end of the file" : $"a page header does not decode ({LibraryMessage.Of(inner)})", inner);
                    }

                    var data = file.Position;
                    if (header.CompressedPageSize < 0 || header.CompressedPageSize > end - data
                        || header.UncompressedPageSize < 0 || header.UncompressedPageSize > ((header.CompressedPageSize + 64L) * MaxCompression))
                    {
                        throw Page(path, g, m, pos, "a page header claims sizes the column chunk cannot hold", null);
                    }

                    pos = data + header.CompressedPageSize;
                }
            }
        }

        file.Position = 0;
    }

    private static DataFormatException Page(string path, int group, ColumnMetaData chunk, long offset, string problem, Exception? inner) =>
        new(path, $"column '{string.Join('.', chunk.PathInSchema)}', row group {group + 1}: {problem}", "The file is damaged; copy or write it again", byteOffset: offset, inner: inner);

    /// <summary>Decodes the <paramref name="footerLength"/> bytes before the file's last 8; throws when they do not decode.</summary>
    public static void Check(Stream file, int footerLength, string path)
    {
        if (Decode is null)
        {
            return;
        }

        var bytes = new byte[footerLength];
        file.Position = file.Length - 8 - footerLength;
        file.ReadExactly(bytes);
        file.Position = 0;
        if (ThriftCompact.StructLength(bytes) < 0)
        {
            throw new DataFormatException(path, "the Parquet footer could not be decoded (a length or count in it runs past its end)", "The file is damaged or not Parquet; copy or write it again", byteOffset: file.Length - 8 - footerLength);
        }

        try
        {
            using var strict = new EndStrictStream(new MemoryStream(bytes, writable: false), leaveOpen: false);
            Decode(strict);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner and not OutOfMemoryException)
        {
            var problem = inner is EndOfStreamException ? "it ends in the middle of a structure" : LibraryMessage.Of(inner);
            throw new DataFormatException(path, $"the Parquet footer could not be decoded ({problem})", "The file is damaged or not Parquet; copy or write it again", byteOffset: file.Length - 8 - footerLength, inner: inner);
        }
    }

    private static Func<Stream, object?>? Bind(System.Type message)
    {
        var readerType = message.Assembly.GetType("Parquet.Meta.Proto.ThriftCompactProtocolReader");
        var constructor = readerType?.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(Stream)]);
        var read = readerType is null ? null : message.GetMethod("Read", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [readerType]);
        return constructor is null || read is null ? null : stream => read.Invoke(null, [constructor.Invoke([stream])]);
    }
}
