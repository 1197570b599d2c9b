namespace Projector.Core.Publishing.Rendering;

/// <summary>Which side of a text its x coordinate is.</summary>
public enum TextAnchor
{
    /// <summary>X is the left edge.</summary>
    Start,

    /// <summary>X is the right edge.</summary>
    End,
}

/// <summary>A line of text of the picture.</summary>
/// <param name="Text">The text.</param>
/// <param name="X">Left end, or right end for <see cref="TextAnchor.End"/>, in pixels.</param>
/// <param name="Y">The baseline in pixels.</param>
/// <param name="Size">The font size in pixels (the em).</param>
/// <param name="Color">Ink colour.</param>
/// <param name="Anchor">How <paramref name="X"/> is meant.</param>
public sealed record SceneText(string Text, float X, float Y, float Size, Rgb Color, TextAnchor Anchor = TextAnchor.Start);

/// <summary>A filled rectangle (legend swatches, frames).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
/// <param name="Color">Fill.</param>
public sealed record SceneRect(int X, int Y, int Width, int Height, Rgb Color);

/// <summary>The gradient bar of a number legend, <see cref="Palette.Gradient"/> from bottom (0) to top (1).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public sealed record SceneGradientBar(int X, int Y, int Width, int Height);
