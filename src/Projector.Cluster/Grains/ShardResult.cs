namespace Projector.Cluster.Grains;

/// <summary>A shard's positions (sample rows keep their layout's), or the one-line reason it could not be placed.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ShardResult
{
    /// <summary>The shard's number.</summary>
    [Id(0)]
    public int Index { get; init; }

    /// <summary>Count x 2 floats, row-major, in row order; empty when <see cref="Error"/> is set.</summary>
    [Id(1)]
    public float[] Positions { get; init; } = [];

    /// <summary>Bad input (the shard's rows cannot be read), worded for the user; retrying elsewhere will not help.</summary>
    [Id(2)]
    public string? Error { get; init; }

    /// <summary>The silo that placed it.</summary>
    [Id(3)]
    public string Silo { get; init; } = "";

    /// <summary>Rows placed into the sample's map (the shard's rows not in the sample).</summary>
    [Id(4)]
    public int Placed { get; init; }
}
