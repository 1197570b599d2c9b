using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Bytes;

namespace Projector.Core.Tests;

public sealed partial class RemedyTests
{
    [Fact]
    public void A_remedy_is_data_and_the_message_words_it_in_the_library_s_terms()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.bytes", new byte[16]);
        var e = Assert.Throws<DataFormatException>(() => BytesReader.Read(path, ReadOptions.Default));
        Assert.Equal(new Remedy(RemedyOption.Shape, "0,784"), e.Remedy);
        Assert.EndsWith("(Shape = 0,784)", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("(--shape 0,784)", e.Describe(r => $"--{r.Option.ToString().ToLowerInvariant()} {r.Value}"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shape_that_overflows_is_worded_with_its_true_size_and_no_negative_position_is_named()
    {
        using var dir = new TempDir();
        var path = dir.Write("v.bytes", new byte[16]);
        var e = Assert.Throws<DataFormatException>(() => BytesReader.Read(path, new ReadOptions { Shape = (int.MaxValue, int.MaxValue) }));
        Assert.Contains("needs 18446744056529682436", e.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"-\d", e.Message);
        Assert.Equal("x.bin: broken", new DataFormatException("x.bin", "broken", byteOffset: -1).Message);
    }

    [Fact]
    public void No_string_in_core_names_a_command_line_flag()
    {
        // Core speaks no host language: a flag in a message would be wrong in the server's answers.
        var location = typeof(EmbeddingMatrix).Assembly.Location;
        using var pe = new PEReader(File.OpenRead(location));
        var reader = pe.GetMetadataReader();
        var flagged = new List<string>();
        for (var h = MetadataTokens.UserStringHandle(1); !h.IsNil; h = reader.GetNextHandle(h))
        {
            var text = reader.GetUserString(h);
            if (Flag().IsMatch(text))
            {
                flagged.Add(text);
            }
        }

        Assert.True(flagged.Count == 0, "Core strings that name flags:\n" + string.Join('\n', flagged));
    }

    [GeneratedRegex(@"(^|[\s(`'])--[a-z][a-z-]+")]
    private static partial Regex Flag();
}
