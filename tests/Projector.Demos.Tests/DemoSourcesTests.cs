using Projector.Core;
using Projector.Core.Formats;

namespace Projector.Demos.Tests;

public sealed class DemoSourcesTests
{
    [Fact]
    public void The_demos_read_by_name_once_registered_and_an_unknown_demo_lists_them()
    {
        DemoSources.Register();
        using var digits = DatasetReader.Read(MnistDemo.Name, ReadOptions.Default);
        Assert.Equal((10_000, 784), (digits.Points, digits.Dimensions));
        Assert.Equal("MNIST digits", NamedSources.Find(MnistDemo.Name)!.Title);
        var e = Assert.Throws<DataFormatException>(() => DatasetReader.Read("demo:nope", ReadOptions.Default));
        Assert.Contains(MnistDemo.Name, e.Message, StringComparison.Ordinal);
        Assert.Contains(WordsDemo.Name, e.Message, StringComparison.Ordinal);
    }
}
