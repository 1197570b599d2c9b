namespace Projector.Server.Contracts;

/// <summary>The body of <c>POST /api/datasets/open</c>.</summary>
/// <param name="Path">A file or folder relative to a served folder.</param>
public sealed record OpenRequest(string? Path);
