namespace Projector.Cluster.Grains;

/// <summary>A shard placed and its tile pieces written to the job's folder, or the one-line reason it could not be.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ShardResult
{
    /// <summary>The shard's number.</summary>
    [Id(0)]
    public int Index { get; init; }

    /// <summary>Bad input (the shard's rows cannot be read), worded for the user; retrying elsewhere will not help.</summary>
    [Id(2)]
    public string? Error { get; init; }

    /// <summary>The silo that placed it.</summary>
    [Id(3)]
    public string Silo { get; init; } = "";

    /// <summary>Rows placed into the sample's map (the shard's rows not in the sample).</summary>
    [Id(4)]
    public int Placed { get; init; }

    /// <summary>Tiles the shard has points in (pieces in its file).</summary>
    [Id(5)]
    public int Tiles { get; init; }
}
