namespace Projector.Core.Formats.Word2Vec;

/// <summary>Where a vector line is, for error messages.</summary>
/// <param name="Path">The file.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Row">0-based row (point) index.</param>
/// <param name="DimensionSource">Where the expected dimension came from, e.g. <c>from the header on line 1</c>.</param>
/// <param name="AllowNonFinite">Whether NaN and infinities are kept.</param>
internal readonly record struct LineContext(string Path, long Line, long Row, string DimensionSource, bool AllowNonFinite);
