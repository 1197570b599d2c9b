using System.Numerics;

namespace Projector.Core.Data;

/// <summary>Finds NaN and infinite values at memory speed.</summary>
internal static class NonFiniteScan
{
    /// <summary>Index of the first non-finite value, or -1.</summary>
    /// <remarks>x - x is 0 for every finite x and NaN for NaN and ±Inf, so one subtraction per lane
    /// and an equality test against zero finds them all.</remarks>
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        var i = 0;

        // Main loop: whole vectors; on a hit, the scalar loop below pins down the lane.
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values[i..]);
                if (!Vector.EqualsAll(v - v, Vector<float>.Zero))
                {
                    break;
                }
            }
        }

        // Scalar tail (and the vector that held a hit).
        for (; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
