using System.Buffers.Binary;
using Projector.Core.Imaging;
using Projector.Core.Imaging.Png;

namespace Projector.Fuzz.Targets;

/// <summary>Sprite images: the size read from the header, then the pixels.</summary>
internal static class ImageTargets
{
    public static IEnumerable<ReadTarget> All()
    {
        yield return new("png", "sprite.png", false, true, Read, PngSeeds, root => FixtureFiles.Seed(root, "selfmade-tiny/tiny_sprite.png"));
        yield return new("jpeg", "sprite.jpg", false, false, Read, JpegSeeds);
    }

    private static string Read(string path)
    {
        var size = ImageFile.ReadSize(path);
        var image = ImageFile.Load(path);
        if ((image.Width, image.Height) != (size.Width, size.Height))
        {
            throw new InvalidOperationException($"the header says {size.Width}x{size.Height} but {image.Width}x{image.Height} pixels were decoded");
        }

        return Fingerprint.Of(image);
    }

    private static List<Seed> PngSeeds()
    {
        var png = PngEncoder.Encode(SampleData.Image(16, 12));

        // The first IDAT chunk's data: the compressed pixels its CRC covers.
        var pos = 8;
        while (pos + 8 <= png.Length && !png.AsSpan(pos + 4, 4).SequenceEqual("IDAT"u8))
        {
            pos += 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
        }

        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
        return [Seed.Alone("rgba", png, pos + 8, length), Seed.Alone("optimal", PngEncoder.Encode(SampleData.Image(5, 7), PngCompression.Optimal))];
    }

    private static List<Seed> JpegSeeds()
    {
        using var resource = typeof(ImageTargets).Assembly.GetManifestResourceStream("photo.jpg")!;
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return [Seed.Alone("photo", copy.ToArray())];
    }
}
