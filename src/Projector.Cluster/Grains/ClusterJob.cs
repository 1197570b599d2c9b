namespace Projector.Cluster.Grains;

/// <summary>
/// One layout job as every silo sees it: small enough to travel with every call, and all a silo needs to
/// compute its part the same way as any other silo would (the input is read from the shared folder).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ClusterJob
{
    /// <summary>Names the job; the sample grain and the silos' model caches are keyed by it.</summary>
    [Id(0)]
    public required string JobId { get; init; }

    /// <summary>The input's file name inside each silo's shared folder.</summary>
    [Id(1)]
    public required string InputName { get; init; }

    /// <summary>A metadata TSV beside the input (file name in the shared folder), or null.</summary>
    [Id(2)]
    public string? MetadataName { get; init; }

    /// <summary>The metadata column the sample is stratified by; null: the first column, if any.</summary>
    [Id(3)]
    public string? LabelColumn { get; init; }

    /// <summary>umap or tsne.</summary>
    [Id(4)]
    public required string Method { get; init; }

    /// <summary>The job's seed: the sample, its layout and every shard's placement derive from it.</summary>
    [Id(5)]
    public int Seed { get; init; }

    /// <summary>Points in the sample that is laid out.</summary>
    [Id(6)]
    public int SampleSize { get; init; }

    /// <summary>Threads of the sample's layout; null uses the silo's cores.</summary>
    [Id(7)]
    public int? Threads { get; init; }

    /// <summary>UMAP epochs or t-SNE iterations of the sample's layout; null: the recipe's default.</summary>
    [Id(8)]
    public int? Iterations { get; init; }

    /// <summary>Rows of the input as the client read it (a silo that finds another count refuses the job).</summary>
    [Id(9)]
    public int Rows { get; init; }

    /// <summary>Values per row of the input.</summary>
    [Id(10)]
    public int Dimensions { get; init; }

    /// <summary>The most points one tile holds.</summary>
    [Id(11)]
    public int TilePoints { get; init; } = Projector.Core.Publishing.Tiles.TileSetOptions.DefaultTilePoints;

    /// <summary>The job's folder inside each silo's shared folder (a plain name), where each shard's tile pieces are written; null: none are.</summary>
    [Id(12)]
    public string? WorkFolder { get; init; }

    /// <summary>
    /// From this many sample rows on, the placed rows find their neighbours through an approximate index
    /// of the sample (built once per silo) instead of an exact scan of it.
    /// </summary>
    [Id(13)]
    public int IndexFromRows { get; init; } = DefaultIndexFromRows;

    /// <summary>The metadata columns the tiles carry, in order (planned by the client); empty: none.</summary>
    [Id(14)]
    public JobColumn[] Columns { get; init; } = [];

    /// <summary>
    /// Byte offsets in the metadata TSV of rows 0, <see cref="MetadataStride"/>, 2 x <see cref="MetadataStride"/>...
    /// (the file's length past its last row), so a silo reads its shard's rows without reading the rows before them.
    /// </summary>
    [Id(15)]
    public long[] MetadataOffsets { get; init; } = [];

    /// <summary>Cells per row of the metadata TSV (1: a single column without a header); 0: no TSV.</summary>
    [Id(16)]
    public int MetadataWidth { get; init; }

    /// <summary>Rows between two of <see cref="MetadataOffsets"/>: about 12 KB of offsets per job at 100 million rows, and at most this many rows skipped to reach a shard's first.</summary>
    public const int MetadataStride = 65_536;

    /// <summary>
    /// The default of <see cref="IndexFromRows"/>: measured on the 50-d mixture (bench `neighbor-index`), the
    /// index answers faster than the exact scan from about 100,000 rows on, and under that its build is not repaid.
    /// </summary>
    public const int DefaultIndexFromRows = 100_000;
}
