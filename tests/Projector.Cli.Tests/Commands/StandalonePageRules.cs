using System.Buffers.Binary;
using System.Text.Json;

namespace Projector.Cli.Tests.Commands;

/// <summary>
/// The standalone TF projector page's loading rules, written apart from the product's reader so that an
/// exported folder is judged by what the page does: <c>JSON.parse</c> of the config (no comments, no
/// trailing commas), paths as URLs relative to the page, a <c>.bytes</c> of exactly N x D little-endian
/// float32, metadata lines skipped when blank after JavaScript's <c>trim()</c> with a header only when
/// there are two or more columns and one line per point, and a sprite no larger than 8192 px whose grid
/// holds every point.
/// </summary>
internal static class StandalonePageRules
{
    public sealed record Loaded(string Name, int Points, int Dimensions);

    public static IReadOnlyList<Loaded> Load(string page)
    {
        var config = Path.Combine(page, "projector_config.json");
        Assert.True(File.Exists(config), $"no projector_config.json in {page}");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(config), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var result = new List<Loaded>();
        foreach (var e in doc.RootElement.GetProperty("embeddings").EnumerateArray())
        {
            var name = e.GetProperty("tensorName").GetString();
            Assert.False(string.IsNullOrEmpty(name));
            var shape = e.GetProperty("tensorShape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.Equal(2, shape.Length);
            var (n, d) = (shape[0], shape[1]);
            Assert.True(n > 0 && d > 0, $"{name}: tensorShape [{n}, {d}]");
            var tensor = PageFile(page, e.GetProperty("tensorPath").GetString());
            Assert.Equal((long)n * d * 4, new FileInfo(tensor).Length);
            if (e.TryGetProperty("metadataPath", out var meta) && meta.GetString() is { Length: > 0 } metaPath)
            {
                CheckMetadata(PageFile(page, metaPath), n);
            }

            if (e.TryGetProperty("sprite", out var sprite))
            {
                var dim = sprite.GetProperty("singleImageDim").EnumerateArray().Select(v => v.GetInt32()).ToArray();
                CheckSprite(PageFile(page, sprite.GetProperty("imagePath").GetString()), dim[0], dim[1], n);
            }

            if (e.TryGetProperty("bookmarksPath", out var bookmarks) && bookmarks.GetString() is { Length: > 0 } b)
            {
                using var marks = JsonDocument.Parse(File.ReadAllBytes(PageFile(page, b)));
                Assert.Equal(JsonValueKind.Array, marks.RootElement.ValueKind);
            }

            result.Add(new Loaded(name!, n, d));
        }

        return result;
    }

    // A URL relative to the page: no scheme, no backslash, not rooted, never above the page.
    private static string PageFile(string page, string? url)
    {
        Assert.False(string.IsNullOrEmpty(url));
        Assert.DoesNotContain("://", url, StringComparison.Ordinal);
        Assert.DoesNotContain('\\', url);
        Assert.False(url.StartsWith('/'), url);
        var full = Path.GetFullPath(Path.Combine(page, Uri.UnescapeDataString(url)));
        Assert.StartsWith(Path.GetFullPath(page) + Path.DirectorySeparatorChar, full, StringComparison.Ordinal);
        Assert.True(File.Exists(full), $"{url} is not in the exported folder");
        return full;
    }

    private static void CheckMetadata(string file, int points)
    {
        var lines = File.ReadAllText(file).Split('\n').Where(l => JsTrim(l).Length > 0).ToList();
        Assert.NotEmpty(lines);
        var columns = lines[0].Split('\t').Length;
        var rows = columns > 1 ? lines.Count - 1 : lines.Count;
        Assert.True(rows == points, $"{Path.GetFileName(file)}: {rows} metadata rows for {points} points");
        Assert.All(lines, l => Assert.Equal(columns, l.Split('\t').Length));
    }

    // JavaScript's String.prototype.trim: white space and line terminators, which include U+FEFF and U+00A0.
    private static string JsTrim(string s) => s.Trim([.. s.Where(c => char.IsWhiteSpace(c) || c == '\uFEFF').Distinct()]);

    private static void CheckSprite(string file, int tileWidth, int tileHeight, int points)
    {
        var header = new byte[24];
        using (var stream = File.OpenRead(file))
        {
            stream.ReadExactly(header);
        }

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, header[..4]);
        var width = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20));
        Assert.True(width <= 8192 && height <= 8192, $"sprite {width}x{height} is over 8192 px");
        Assert.True((long)(width / tileWidth) * (height / tileHeight) >= points, $"sprite {width}x{height} of {tileWidth}x{tileHeight} tiles holds fewer than {points} images");
    }
}
