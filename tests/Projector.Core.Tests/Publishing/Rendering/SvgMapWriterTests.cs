using System.Xml.Linq;
using Projector.Core.Data;
using Projector.Core.Publishing.Rendering;

namespace Projector.Core.Tests.Publishing.Rendering;

public sealed class SvgMapWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Labels_in_any_script_stay_as_written_and_characters_xml_cannot_hold_become_replacement_marks()
    {
        using var dir = new TempDir();
        string?[] kind = ["서울 <지도>", "القاهرة & co", "bell\u0007", "half \uD800 pair", "😀 emoji"];
        var xy = new float[] { 0, 0, 1, 0, 0, 1, 1, 1, 2, 2 };
        using var d = new Dataset("s", EmbeddingMatrix.FromArray(xy, 5, 2), new MetadataTable(5, [new MetadataColumn("kind", kind)]));
        var path = dir.File("map.svg");
        MapRenderer.Save(path, d, xy, 2, new MapOptions { Width = 500, Height = 300, ColorBy = "kind", Title = "Städte — 城市" });
        var root = XDocument.Load(path).Root!;
        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("서울 <지도>", texts);
        Assert.Contains("القاهرة & co", texts);
        Assert.Contains("bell\uFFFD", texts);
        Assert.Contains("half \uFFFD pair", texts);
        Assert.Contains("😀 emoji", texts);
        Assert.Equal("Städte — 城市", root.Element(Svg + "title")!.Value);
        Assert.StartsWith("'DejaVu Sans', 'Noto Sans KR', 'Noto Sans SC'", root.Descendants(Svg + "text").First().Attribute("font-family")!.Value, StringComparison.Ordinal);
    }
}
