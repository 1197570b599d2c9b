namespace Projector.Core.Publishing.Rendering;

/// <summary>One line of a categorical legend.</summary>
/// <param name="Label">The category (or "other", "missing").</param>
/// <param name="Color">Its colour.</param>
/// <param name="Count">How many points have it.</param>
public sealed record LegendEntry(string Label, Rgb Color, int Count);

/// <summary>The scale bar of a number column.</summary>
/// <param name="Min">The smallest value (the gradient's start).</param>
/// <param name="Max">The largest value (the gradient's end).</param>
/// <param name="Missing">Points without a value, drawn in <see cref="Palette.Other"/>.</param>
public sealed record GradientScale(double Min, double Max, int Missing);
