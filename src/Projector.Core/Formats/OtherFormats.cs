using Projector.Core.Data;
using Projector.Core.Formats.Arrow;
using Projector.Core.Formats.Csv;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.Npz;
using Projector.Core.Formats.Parquet;
using Projector.Core.Formats.Word2Vec;

namespace Projector.Core.Formats;

/// <summary>Dispatch to the NumPy, word2vec, GloVe and CSV readers and their sniffers.</summary>
internal static class OtherFormats
{
    public static bool Sniff(InputFormat format, ReadOnlySpan<byte> head, string ext) => format switch
    {
        InputFormat.Npy => NpyReader.Sniff(head),
        InputFormat.Npz => NpzReader.Sniff(head) || head.StartsWith("PK\x03\x04"u8),
        InputFormat.Word2VecText => Word2VecTextReader.Sniff(head),
        InputFormat.Word2VecBinary => Word2VecBinaryReader.Sniff(head),

        // A .txt may be word2vec text, GloVe or a TSV; Refine picks one.
        InputFormat.Glove => ext == ".txt"
            ? TextVectorSniffer.Detect(head) is TextVectorFormat.Glove or TextVectorFormat.Word2VecText || Tsv.TsvVectorReader.Sniff(head)
            : GloveReader.Sniff(head),
        InputFormat.Csv => CsvVectorReader.Sniff(head),
        InputFormat.Parquet => ParquetFormat.Sniff(head),
        InputFormat.Arrow => ArrowFormat.Sniff(head),
        _ => false,
    };

    public static bool IsWord2VecText(ReadOnlySpan<byte> head) => TextVectorSniffer.Detect(head) == TextVectorFormat.Word2VecText;

    public static Dataset Read(string path, InputFormat format, ReadOptions options) => format switch
    {
        InputFormat.Npy => NpyReader.Read(path, options),
        InputFormat.Npz => NpzReader.Read(path, options),
        InputFormat.Word2VecText => Word2VecTextReader.Read(path, options),
        InputFormat.Word2VecBinary => Word2VecBinaryReader.Read(path, options),
        InputFormat.Glove => GloveReader.Read(path, options),
        InputFormat.Csv => CsvVectorReader.Read(path, options),
        InputFormat.Parquet => ParquetFormat.Read(path, options),
        InputFormat.Arrow => ArrowFormat.Read(path, options),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
