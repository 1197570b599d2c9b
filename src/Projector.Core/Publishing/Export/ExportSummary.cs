namespace Projector.Core.Publishing.Export;

/// <summary>What an export wrote.</summary>
/// <param name="Files">Every file, relative to the export folder, with its size (the manifest left out).</param>
/// <param name="Notes">Things the user should know, e.g. that sprite tiles were shrunk to fit.</param>
public sealed record ExportSummary(IReadOnlyList<ExportedFile> Files, IReadOnlyList<string> Notes)
{
    /// <summary>The size of all files together.</summary>
    public long TotalBytes => Files.Sum(f => f.Bytes);
}
