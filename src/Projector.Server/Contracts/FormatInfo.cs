namespace Projector.Server.Contracts;

/// <summary>One file format the server reads, from the library's format registry.</summary>
/// <param name="Name">Short name (<c>npy</c>, <c>parquet</c>).</param>
/// <param name="Description">What a file of it is.</param>
/// <param name="Extensions">Extensions with the dot.</param>
/// <param name="Write">Whether the library also writes it.</param>
/// <param name="Upload">Whether <c>POST /api/datasets</c> takes it (single-file formats; a config names other files).</param>
/// <param name="NeedsShape">Whether an upload of it needs the <c>shape</c> field (raw float32).</param>
public sealed record FormatInfo(string Name, string Description, IReadOnlyList<string> Extensions, bool Write, bool Upload, bool NeedsShape);
