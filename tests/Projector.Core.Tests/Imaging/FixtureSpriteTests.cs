using System.Text.Json;
using Projector.Core.Imaging;

namespace Projector.Core.Tests.Imaging;

public sealed class FixtureSpriteTests
{
    [Theory]
    [InlineData("tb-tf1-mnist-sprite")]
    [InlineData("selfmade-tiny")]
    [InlineData("tb-pytorch-7x-duplicate-config")]
    public void Every_fixture_sprite_decodes_to_the_size_in_GROUND_TRUTH(string fixture)
    {
        var folder = Fixtures.Folder(fixture);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "GROUND_TRUTH.json")));
        var checkedCount = 0;
        foreach (var entry in truth.RootElement.EnumerateObject())
        {
            if (!ImageFile.HasImageExtension(entry.Name) || entry.Value.ValueKind != JsonValueKind.Object || !entry.Value.TryGetProperty("width", out var width))
            {
                continue;
            }

            var path = Path.Combine(folder, entry.Name);
            var height = entry.Value.GetProperty("height").GetInt32();
            var image = ImageFile.Load(path);
            Assert.Equal((width.GetInt32(), height), (image.Width, image.Height));
            Assert.Equal(new ImageSize(width.GetInt32(), height), ImageFile.ReadSize(path));
            checkedCount++;
        }

        Assert.True(checkedCount > 0, $"no sprite entries in {fixture}/GROUND_TRUTH.json");
    }

    [Fact]
    public void Every_image_file_under_the_fixtures_decodes()
    {
        Assert.SkipWhen(Fixtures.Root is null, "the shared projector fixtures are not on this machine");
        var files = Directory.EnumerateFiles(Fixtures.Root!, "*", SearchOption.AllDirectories).Where(ImageFile.HasImageExtension).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var image = ImageFile.Load(file);
            Assert.Equal(new ImageSize(image.Width, image.Height), ImageFile.ReadSize(file));
        }
    }
}
