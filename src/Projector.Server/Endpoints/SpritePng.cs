using System.Runtime.CompilerServices;
using Projector.Core.Data;
using Projector.Core.Imaging.Png;

namespace Projector.Server.Endpoints;

/// <summary>A sprite sheet as PNG: the file itself when it is one, else encoded once (a JPEG sheet, or MNIST's built in memory).</summary>
internal static class SpritePng
{
    private static readonly ConditionalWeakTable<SpriteSheet, byte[]> Encoded = [];

    public static bool IsPngFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        Span<byte> head = stackalloc byte[8];
        using var f = File.OpenRead(path);
        return f.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && PngDecoder.HasSignature(head);
    }

    public static byte[] Encode(SpriteSheet sheet) => Encoded.GetValue(sheet, s => PngEncoder.Encode(s.GetImage()));
}
