namespace Projector.Core.Publishing.Export;

/// <summary>One file of a finished export.</summary>
/// <param name="Path">Path relative to the export folder, with '/' separators.</param>
/// <param name="Bytes">Size in bytes.</param>
public sealed record ExportedFile(string Path, long Bytes);
