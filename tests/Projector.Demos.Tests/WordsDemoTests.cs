using Projector.Core;
using Projector.Core.Formats;

namespace Projector.Demos.Tests;

public sealed class WordsDemoTests
{
    [Fact]
    public void Prepare_keeps_the_most_frequent_words_in_order_with_their_first_D_values()
    {
        using var dir = new TempDir();
        var json = dir.Write("wink.json", """
            {"precision":8,"l2NormIndex":3,"wordIndex":4,"size":4,"dimensions":3,
             "words":["the","of","and","to"],
             "vectors":{"of":[4,5,6,8.77,1],"the":[1,2,3,3.74,0],"to":[0,0,1,1,3],"and":[7,8,9,13.9,2]},
             "unkVector":[0,0,0,0,0]}
            """);
        WordsDemo.Prepare(json, count: 3, folder: dir.File("out"));
        using var d = WordsDemo.Load(ReadOptions.Default, dir.File("out"));
        Assert.Equal(WordsDemo.Name, d.Name);
        Assert.Equal((3, 3), (d.Points, d.Dimensions));
        Assert.Equal(["the", "of", "and"], d.Metadata["word"]!.Values);
        Assert.Equal(new float[] { 4, 5, 6 }, d.Matrix.Row(1).ToArray());
    }

    [Fact]
    public void Load_before_installing_names_the_install_script()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DataFormatException>(() => WordsDemo.Load(ReadOptions.Default, dir.Path));
        Assert.Contains("scripts/install-words-demo.sh", e.Message, StringComparison.Ordinal);
    }
}
