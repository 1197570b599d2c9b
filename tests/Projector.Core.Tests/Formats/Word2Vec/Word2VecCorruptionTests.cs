using System.Text;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Word2Vec;

namespace Projector.Core.Tests.Formats.Word2Vec;

/// <summary>Damaged inputs must end in a <see cref="DataFormatException"/> or a valid read, never anything else.</summary>
public sealed class Word2VecCorruptionTests
{
    public static TheoryData<string> Readers => ["text", "glove", "binary"];

    [Theory]
    [MemberData(nameof(Readers))]
    public void Read_of_damaged_files_fails_only_with_DataFormatException(string reader)
    {
        using var dir = new TempDir();
        var original = reader == "binary"
            ? [.. "3 2\n"u8, .. Encoding.UTF8.GetBytes("ab "), .. BitConverter.GetBytes(1f), .. BitConverter.GetBytes(2f), (byte)'\n', .. Encoding.UTF8.GetBytes("cé "), .. BitConverter.GetBytes(3f), .. BitConverter.GetBytes(4f), .. Encoding.UTF8.GetBytes("d "), .. new byte[8]]
            : Encoding.UTF8.GetBytes((reader == "text" ? "3 2\n" : "") + "ab 1 2\ncé 3.5 -4e2\nd 0 0\n");
        Func<string, ReadOptions, Dataset> read = reader switch
        {
            "text" => Word2VecTextReader.Read,
            "glove" => GloveReader.Read,
            _ => Word2VecBinaryReader.Read,
        };
        var random = new Random(23);
        for (var round = 0; round < 80; round++)
        {
            var bytes = (byte[])original.Clone();
            if (round % 3 == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }
            else
            {
                for (var k = 0; k < 1 + (round % 3); k++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            try
            {
                using var ds = read(dir.Write($"{round}.txt", bytes), ReadOptions.Default);
            }
            catch (DataFormatException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);

                // An unexpected exception wrapped by the safety net would mean a check is missing.
                Assert.True(!ex.Message.Contains("could not be read (", StringComparison.Ordinal), ex.Message);
            }
        }
    }
}
