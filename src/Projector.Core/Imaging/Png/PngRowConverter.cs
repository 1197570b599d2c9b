using Projector.Core.Data;

namespace Projector.Core.Imaging.Png;

/// <summary>Turns unfiltered PNG rows of any colour type and bit depth into 8-bit RGBA pixels.</summary>
internal sealed class PngRowConverter
{
    private readonly PngHeader _header;
    private readonly byte[] _palette = new byte[256 * 4];
    private readonly int _grayKey = -1;
    private readonly (int R, int G, int B)? _rgbKey;

    /// <summary>Prepares conversion for <paramref name="header"/> with the optional PLTE and tRNS chunk bodies.</summary>
    public PngRowConverter(PngHeader header, byte[]? palette, byte[]? transparency)
    {
        _header = header;
        if (palette is not null)
        {
            // Indices past the palette's end show as opaque black, as libpng does, rather than failing a whole sprite.
            for (var i = 0; i < 256; i++)
            {
                var has = i * 3 < palette.Length;
                _palette[i * 4] = has ? palette[i * 3] : (byte)0;
                _palette[(i * 4) + 1] = has ? palette[(i * 3) + 1] : (byte)0;
                _palette[(i * 4) + 2] = has ? palette[(i * 3) + 2] : (byte)0;
                _palette[(i * 4) + 3] = header.ColorType == 3 && transparency is not null && i < transparency.Length ? transparency[i] : (byte)255;
            }
        }

        if (transparency is not null && header.ColorType == 0)
        {
            _grayKey = (transparency[0] << 8) | transparency[1];
        }
        else if (transparency is not null && header.ColorType == 2)
        {
            _rgbKey = ((transparency[0] << 8) | transparency[1], (transparency[2] << 8) | transparency[3], (transparency[4] << 8) | transparency[5]);
        }
    }

    /// <summary>Writes <paramref name="count"/> pixels of <paramref name="row"/> to image row <paramref name="y"/>, from column <paramref name="x0"/> every <paramref name="dx"/>.</summary>
    public void Write(ReadOnlySpan<byte> row, RgbaImage image, int y, int x0, int dx, int count)
    {
        var px = image.Pixels.AsSpan();
        var o = ((y * image.Width) + x0) * 4;
        var step = dx * 4;
        var depth = _header.BitDepth;
        if (depth == 8 && dx == 1 && _rgbKey is null && _grayKey < 0 && WriteCommon(row, px.Slice(o, count * 4)))
        {
            return;
        }

        for (var i = 0; i < count; i++, o += step)
        {
            switch (_header.ColorType)
            {
                case 0:
                    {
                        var raw = Sample(row, i, depth);
                        var v = depth == 16 ? (byte)(raw >> 8) : (byte)(raw * 255 / ((1 << depth) - 1));
                        px[o] = px[o + 1] = px[o + 2] = v;
                        px[o + 3] = raw == _grayKey ? (byte)0 : (byte)255;
                        break;
                    }

                case 2:
                    {
                        int r = Sample(row, i * 3, depth), g = Sample(row, (i * 3) + 1, depth), b = Sample(row, (i * 3) + 2, depth);
                        var shift = depth == 16 ? 8 : 0;
                        px[o] = (byte)(r >> shift);
                        px[o + 1] = (byte)(g >> shift);
                        px[o + 2] = (byte)(b >> shift);
                        px[o + 3] = _rgbKey == (r, g, b) ? (byte)0 : (byte)255;
                        break;
                    }

                case 3:
                    _palette.AsSpan(Sample(row, i, depth) * 4, 4).CopyTo(px[o..]);
                    break;
                case 4:
                    {
                        var k = depth == 16 ? i * 4 : i * 2;
                        px[o] = px[o + 1] = px[o + 2] = row[k];
                        px[o + 3] = row[k + (depth / 8)];
                        break;
                    }

                default:
                    if (depth == 8)
                    {
                        row.Slice(i * 4, 4).CopyTo(px[o..]);
                    }
                    else
                    {
                        var k = i * 8;
                        px[o] = row[k];
                        px[o + 1] = row[k + 2];
                        px[o + 2] = row[k + 4];
                        px[o + 3] = row[k + 6];
                    }

                    break;
            }
        }
    }

    /// <summary>Fast paths for the usual sprite formats (8-bit RGBA, RGB, gray, not interlaced); false when none applies.</summary>
    private bool WriteCommon(ReadOnlySpan<byte> row, Span<byte> target)
    {
        switch (_header.ColorType)
        {
            case 6:
                row.CopyTo(target);
                return true;
            case 2:
                for (int i = 0, o = 0; o < target.Length; i += 3, o += 4)
                {
                    target[o] = row[i];
                    target[o + 1] = row[i + 1];
                    target[o + 2] = row[i + 2];
                    target[o + 3] = 255;
                }

                return true;
            case 0:
                for (int i = 0, o = 0; o < target.Length; i++, o += 4)
                {
                    target[o] = target[o + 1] = target[o + 2] = row[i];
                    target[o + 3] = 255;
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Sample number <paramref name="index"/> of a row at <paramref name="depth"/> bits per sample.</summary>
    private static int Sample(ReadOnlySpan<byte> row, int index, int depth)
    {
        switch (depth)
        {
            case 8:
                return row[index];
            case 16:
                return (row[index * 2] << 8) | row[(index * 2) + 1];
            default:
                var bit = index * depth;
                return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
        }
    }
}
