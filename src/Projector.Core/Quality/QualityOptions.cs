namespace Projector.Core.Quality;

/// <summary>How <see cref="LayoutQuality.Measure"/> scores a layout. The defaults are those of the project's scorer, quality.py.</summary>
public sealed record QualityOptions
{
    /// <summary>Neighbours per point for all three figures. Default 10.</summary>
    public int K { get; init; } = 10;

    /// <summary>Up to this many points every point is scored, so the figures are exact. Default 20,000.</summary>
    public int ExactMaxPoints { get; init; } = 20_000;

    /// <summary>Above <see cref="ExactMaxPoints"/>, the number of points sampled (with <see cref="Seed"/>) and scored. Default 5,000.</summary>
    public int SampleSize { get; init; } = 5_000;

    /// <summary>Seed of the sample. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Worker threads; null uses all cores. Results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>The default options.</summary>
    public static QualityOptions Default { get; } = new();
}
