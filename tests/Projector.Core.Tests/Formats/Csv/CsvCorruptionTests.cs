using System.Text;
using Projector.Core.Formats;
using Projector.Core.Formats.Csv;

namespace Projector.Core.Tests.Formats.Csv;

/// <summary>Damaged inputs must end in a <see cref="DataFormatException"/> or a valid read, never anything else.</summary>
public sealed class CsvCorruptionTests
{
    [Fact]
    public void Read_of_damaged_files_fails_only_with_DataFormatException()
    {
        using var dir = new TempDir();
        var original = Encoding.UTF8.GetBytes("name,x,y\r\n\"a, b\",1,2\r\n\"q\"\"\",3,4\r\nz,5,6\r\n");
        var random = new Random(31);
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
                using var ds = CsvVectorReader.Read(dir.Write($"{round}.csv", bytes), new ReadOptions { CsvColumns = round % 2 == 0 ? "1..2" : null });
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
