namespace Projector.Core.Projections.Custom;

/// <summary>One end of a custom axis: the points whose <paramref name="Column"/> value matches <paramref name="Pattern"/> (a case-insensitive regular expression).</summary>
/// <param name="Column">Metadata column to search.</param>
/// <param name="Pattern">Regular expression over the column's text.</param>
public sealed record AxisQuery(string Column, string Pattern);
