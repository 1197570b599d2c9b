namespace Projector.Core.Imaging.Png;

/// <summary>How hard <see cref="PngEncoder"/> compresses.</summary>
public enum PngCompression
{
    /// <summary>Fast deflate; the default, quick enough for sprite sheets of many megapixels.</summary>
    Fastest,

    /// <summary>Smaller files at several times the encoding time.</summary>
    Optimal,
}
