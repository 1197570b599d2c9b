using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Projector.Core.Data;

namespace Projector.Fuzz.Targets;

/// <summary>A short hash of what a read returned, so a damaged input's result can be compared with the original's.</summary>
public static class Fingerprint
{
    /// <summary>The numbers (shape and every value) of the datasets, which are disposed.</summary>
    public static string Of(IReadOnlyList<Dataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            foreach (var d in datasets)
            {
                Add(hash, d.Matrix);
            }
        }
        finally
        {
            foreach (var d in datasets)
            {
                d.Dispose();
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>The shape and values of the matrices, which are disposed.</summary>
    public static string Of(IReadOnlyList<EmbeddingMatrix> matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            foreach (var m in matrices)
            {
                Add(hash, m);
            }
        }
        finally
        {
            foreach (var m in matrices)
            {
                m.Dispose();
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Every column name and cell.</summary>
    public static string Of(MetadataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder().Append(table.Rows);
        foreach (var c in table.Columns)
        {
            text.Append('\u0001').Append(c.Name);
            foreach (var v in c.Values)
            {
                text.Append('\u0002').Append(v ?? "\u0003");
            }
        }

        return Of(text.ToString());
    }

    /// <summary>The size and pixels.</summary>
    public static string Of(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return $"{image.Width}x{image.Height}:{Convert.ToHexString(SHA256.HashData(image.Pixels))}";
    }

    /// <summary>A text.</summary>
    public static string Of(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void Add(IncrementalHash hash, EmbeddingMatrix m)
    {
        hash.AppendData(Encoding.ASCII.GetBytes($"{m.Rows}x{m.Dimensions};"));
        for (var r = 0; r < m.Rows; r++)
        {
            hash.AppendData(MemoryMarshal.AsBytes(m.Row(r)));
        }
    }
}
