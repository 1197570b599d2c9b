namespace Projector.Cluster.Grains;

/// <summary>The sample of a job and its finished layout, or the one-line reason there is none.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SampleModel
{
    /// <summary>The sample's input rows, ascending.</summary>
    [Id(0)]
    public int[] Rows { get; init; } = [];

    /// <summary>Rows.Length x 2 floats, row-major: the sample's layout.</summary>
    [Id(1)]
    public float[] Positions { get; init; } = [];

    /// <summary>Bad input, worded for the user.</summary>
    [Id(2)]
    public string? Error { get; init; }

    /// <summary>How the sample was chosen ("stratified by label", "seeded uniform" or "every row").</summary>
    [Id(3)]
    public string Selection { get; init; } = "";

    /// <summary>The silo that laid it out.</summary>
    [Id(4)]
    public string Silo { get; init; } = "";
}
