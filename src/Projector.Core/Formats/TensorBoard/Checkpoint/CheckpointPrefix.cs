using System.Text.RegularExpressions;

namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>Turns what the user gave (prefix, <c>.index</c> or a data shard) into the checkpoint prefix.</summary>
internal static partial class CheckpointPrefix
{
    private const string V1Hint = "TensorFlow V1 checkpoint (before 2017) is not supported; re-save it with TF 2 (tf.train.Checkpoint) or tf.compat.v1.train.Saver(write_version=2)";

    /// <summary>The prefix whose <c>.index</c> exists; refuses V1 checkpoints and missing files.</summary>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var prefix = path;
        if (prefix.EndsWith(".index", StringComparison.Ordinal))
        {
            prefix = prefix[..^".index".Length];
        }
        else if (ShardSuffix().Match(prefix) is { Success: true } m)
        {
            prefix = prefix[..m.Index];
        }

        var index = prefix + ".index";
        if (File.Exists(index))
        {
            return prefix;
        }

        if (File.Exists(prefix))
        {
            // A V1 checkpoint is one LevelDB table of tensor slices, named by the prefix itself.
            if (EndsWithTableMagic(prefix))
            {
                throw new DataFormatException(prefix, "this is a TensorFlow V1 checkpoint: one file, no .index beside it", V1Hint);
            }

            throw new DataFormatException(
                prefix,
                $"not a TensorFlow checkpoint: there is no {Path.GetFileName(index)} beside it",
                "Give a checkpoint prefix such as model.ckpt-100 whose .index and .data-00000-of-00001 files are in the same folder");
        }

        throw new DataFormatException(
            index,
            "checkpoint index not found",
            "Give a checkpoint prefix such as dir/model.ckpt-100 (the .index and .data-* files beside it), or the .index file itself");
    }

    /// <summary>The path of data shard <paramref name="shard"/> of <paramref name="count"/>.</summary>
    public static string ShardPath(string prefix, int shard, int count) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}.data-{shard:D5}-of-{count:D5}");

    private static bool EndsWithTableMagic(string path)
    {
        using var stream = FileOpen.Read(path, allowEmpty: true);
        if (stream.Length < Footer.Length)
        {
            return false;
        }

        Span<byte> tail = stackalloc byte[8];
        stream.Seek(-8, SeekOrigin.End);
        stream.ReadExactly(tail);
        return Footer.HasMagic(tail);
    }

    [GeneratedRegex(@"\.data-\d{5}-of-\d{5}$")]
    private static partial Regex ShardSuffix();
}
