namespace Projector.Core.Publishing.Rendering;

/// <summary>How <see cref="MapScene.Compose"/> lays out a picture.</summary>
public sealed record MapOptions
{
    /// <summary>The default picture width in pixels.</summary>
    public const int DefaultWidth = 1600;

    /// <summary>The default picture height in pixels.</summary>
    public const int DefaultHeight = 1200;

    /// <summary>The smallest width or height accepted.</summary>
    public const int MinSide = 200;

    /// <summary>The largest width or height accepted.</summary>
    public const int MaxSide = 16384;

    /// <summary>Picture width in pixels.</summary>
    public int Width { get; init; } = DefaultWidth;

    /// <summary>Picture height in pixels.</summary>
    public int Height { get; init; } = DefaultHeight;

    /// <summary>A title above the map, or null.</summary>
    public string? Title { get; init; }

    /// <summary>The metadata column that colours the points, or null for one colour.</summary>
    public string? ColorBy { get; init; }

    /// <summary>Draw each point as its sprite tile (with a frame in its colour) instead of a dot.</summary>
    public bool Sprites { get; init; }

    /// <summary>
    /// Opacity of the dots, 0 (exclusive) to 1, or null to choose it from how much the dots overlap: opaque
    /// where they barely touch, lighter as they pile up so that dense regions read darker.
    /// </summary>
    public double? PointAlpha { get; init; }

    /// <summary>Seed of the drawing order, which is shuffled so no category always lies on top.</summary>
    public int Seed { get; init; } = 42;
}
