namespace Projector.Core.Formats;

/// <summary>Options shared by every reader. Readers ignore what does not apply to their format.</summary>
public sealed record ReadOptions
{
    /// <summary>The default options.</summary>
    public static ReadOptions Default { get; } = new();

    /// <summary>Rows and dimensions for headerless binary input (<c>.bytes</c>); a dimension of 0 means "infer".</summary>
    public (int Rows, int Dimensions)? Shape { get; init; }

    /// <summary>Accept NaN and infinite values instead of refusing them.</summary>
    public bool AllowNonFinite { get; init; }

    /// <summary>
    /// Skip the integrity checks a format carries (a checkpoint tensor's CRC32C): faster on huge trusted
    /// files, but a damaged file then loads as different numbers. Off by default.
    /// </summary>
    public bool SkipChecksums { get; init; }

    /// <summary>Which tensor of a multi-tensor input (config, <c>.npz</c>) to read.</summary>
    public string? TensorName { get; init; }

    /// <summary>
    /// CSV vector columns: a regular expression over header names (e.g. <c>^emb_</c>) or a 0-based
    /// index range <c>FROM..TO</c> (inclusive). Null: every numeric column.
    /// </summary>
    public string? CsvColumns { get; init; }

    /// <summary>The TensorBoard run to read (its folder relative to the log dir); null reads every run.</summary>
    public string? Run { get; init; }

    /// <summary>The checkpoint step to read; null reads the newest checkpoint.</summary>
    public long? Step { get; init; }

    /// <summary>A metadata TSV to attach to inputs that carry none of their own (or to replace theirs).</summary>
    public string? MetadataPath { get; init; }

    /// <summary>
    /// The folder the user named when a config was found inside it: paths in the config are also tried
    /// relative to the config's ancestors up to this folder, as the standalone page resolves them against its
    /// own folder. Null: only the config's folder.
    /// </summary>
    public string? ConfigRoot { get; init; }

    /// <summary>
    /// The folders files named inside the input may come from (see <see cref="FileConfinement"/>); null
    /// reads what the input names wherever it is.
    /// </summary>
    public FileConfinement? Confinement { get; init; }

    /// <summary>Reports bytes read so far out of the total.</summary>
    public IProgress<ReadProgress>? Progress { get; init; }

    /// <summary>Stops a long read.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>How far a read has come.</summary>
/// <param name="Done">Bytes read so far.</param>
/// <param name="Total">Bytes to read in all.</param>
public readonly record struct ReadProgress(long Done, long Total);
