namespace Projector.Core.Imaging;

/// <summary>The pixel size of an image, as read from its header.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct ImageSize(int Width, int Height);
