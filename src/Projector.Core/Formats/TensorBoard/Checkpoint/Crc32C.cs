namespace Projector.Core.Formats.TensorBoard.Checkpoint;

/// <summary>
/// TensorFlow's masking of CRC-32C values. The checksums themselves come from System.IO.Hashing
/// (<c>new Crc32(Crc32ParameterSet.Crc32C)</c>), which is as fast as an SSE4.2 loop on large blocks.
/// </summary>
internal static class Crc32C
{
    private const uint MaskDelta = 0xa282ead8u;

    /// <summary>
    /// LevelDB and TensorFlow store CRCs masked, because a CRC of bytes that themselves contain
    /// CRCs is weak.
    /// </summary>
    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    /// <summary>The inverse of <see cref="Mask"/>.</summary>
    public static uint Unmask(uint masked)
    {
        var rot = masked - MaskDelta;
        return (rot >> 17) | (rot << 15);
    }
}
