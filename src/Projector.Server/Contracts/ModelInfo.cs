namespace Projector.Server.Contracts;

/// <summary>The model new images are embedded with before they are placed (<c>serve --model</c>).</summary>
/// <param name="Model">The model's file name; null when the server was started without one (only vectors of a dataset's space can be placed).</param>
/// <param name="Layer">The layer whose values are kept; null for the model's output.</param>
public sealed record ModelInfo(string? Model, string? Layer);
