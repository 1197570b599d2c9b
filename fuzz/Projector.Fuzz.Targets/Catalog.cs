namespace Projector.Fuzz.Targets;

/// <summary>
/// Every reader under test: each format of the registry, the checkpoint's index and data, the pbtxt
/// parser, the standalone config, metadata TSV and sprite images.
/// </summary>
public static class Catalog
{
    /// <summary>All targets, in a fixed order.</summary>
    public static IReadOnlyList<ReadTarget> All { get; } =
        [.. TensorTargets.All(), .. TextTargets.All(), .. CheckpointTargets.All(), .. ConfigTargets.All(), .. ImageTargets.All()];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static ReadTarget? ByName(string name) => All.FirstOrDefault(t => t.Name == name);
}
