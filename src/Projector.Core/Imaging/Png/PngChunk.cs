namespace Projector.Core.Imaging.Png;

/// <summary>One chunk of a PNG file: its four-letter type and where its data lies in the file.</summary>
/// <param name="Type">The chunk type, e.g. IHDR.</param>
/// <param name="Offset">Byte offset of the chunk's data (after length and type).</param>
/// <param name="Length">Length of the chunk's data.</param>
internal readonly record struct PngChunk(string Type, int Offset, int Length);
