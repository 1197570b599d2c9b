using Projector.Core.Formats.Tsv;

namespace Projector.Core.Formats;

/// <summary>Maps extensions to formats and checks a file's first bytes against the format its name claims.</summary>
internal static class FormatSniffer
{
    public static InputFormat? FromExtension(string ext) => ext switch
    {
        ".tsv" => InputFormat.TsvVectors,
        ".bytes" or ".f32" or ".raw" => InputFormat.RawFloat32,
        ".npy" => InputFormat.Npy,
        ".npz" => InputFormat.Npz,
        ".txt" => InputFormat.Glove, // refined by content: word2vec text, GloVe or TSV
        ".vec" => InputFormat.Word2VecText,
        ".bin" => InputFormat.Word2VecBinary,
        ".csv" => InputFormat.Csv,
        ".json" => InputFormat.StandaloneConfig,
        ".parquet" => InputFormat.Parquet,
        ".arrow" or ".feather" or ".arrows" or ".ipc" => InputFormat.Arrow,
        _ => null,
    };

    public static string Describe(InputFormat format) => format switch
    {
        InputFormat.TsvVectors => "tab-separated vectors",
        InputFormat.RawFloat32 => "raw float32 values",
        InputFormat.Npy => "a NumPy .npy array",
        InputFormat.Npz => "a NumPy .npz archive",
        InputFormat.Word2VecText => "word2vec/fastText text vectors",
        InputFormat.Word2VecBinary => "word2vec binary vectors",
        InputFormat.Glove => "text word vectors",
        InputFormat.Csv => "CSV with a header",
        InputFormat.StandaloneConfig => "a projector_config.json",
        InputFormat.Parquet => "a Parquet file",
        InputFormat.Arrow => "an Arrow IPC file or stream",
        _ => format.ToString(),
    };

    public static bool Matches(InputFormat format, ReadOnlySpan<byte> head, string ext) => format switch
    {
        InputFormat.TsvVectors => TsvVectorReader.Sniff(head),

        // Raw floats can be any bytes, but a file that is clearly something else is a mistake.
        InputFormat.RawFloat32 => !IsKnownContainer(head) && !ContentSniffer.LooksLikeText(head),
        InputFormat.StandaloneConfig => ContentSniffer.LooksLikeText(head) && TrimStart(head).StartsWith("{"u8),
        _ => OtherFormats.Sniff(format, head, ext),
    };

    public static InputFormat Refine(InputFormat format, ReadOnlySpan<byte> head, string ext)
    {
        if (ext == ".txt")
        {
            if (TsvVectorReader.Sniff(head))
            {
                return InputFormat.TsvVectors;
            }

            return OtherFormats.IsWord2VecText(head) ? InputFormat.Word2VecText : InputFormat.Glove;
        }

        return format;
    }

    public static InputFormat? FromContent(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']))
        {
            return InputFormat.Npy;
        }

        if (head.StartsWith("PK\x03\x04"u8))
        {
            return InputFormat.Npz;
        }

        if (OtherFormats.Sniff(InputFormat.Parquet, head, string.Empty))
        {
            return InputFormat.Parquet;
        }

        if (OtherFormats.Sniff(InputFormat.Arrow, head, string.Empty))
        {
            return InputFormat.Arrow;
        }

        if (!ContentSniffer.LooksLikeText(head))
        {
            return OtherFormats.Sniff(InputFormat.Word2VecBinary, head, string.Empty) ? InputFormat.Word2VecBinary : null;
        }

        if (TrimStart(head).StartsWith("{"u8))
        {
            return InputFormat.StandaloneConfig;
        }

        if (TsvVectorReader.Sniff(head))
        {
            return InputFormat.TsvVectors;
        }

        if (OtherFormats.IsWord2VecText(head))
        {
            return InputFormat.Word2VecText;
        }

        return OtherFormats.Sniff(InputFormat.Glove, head, string.Empty) ? InputFormat.Glove
            : OtherFormats.Sniff(InputFormat.Csv, head, string.Empty) ? InputFormat.Csv
            : null;
    }

    private static bool IsKnownContainer(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'])
        || head.StartsWith("PK\x03\x04"u8)
        || head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> head) =>
        (head.StartsWith("\uFEFF"u8) ? head[3..] : head).TrimStart(" \t\r\n"u8);
}
