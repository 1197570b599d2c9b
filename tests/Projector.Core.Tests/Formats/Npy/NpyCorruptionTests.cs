using Projector.Core.Formats;
using Projector.Core.Formats.Npy;
using Projector.Core.Formats.Npz;

namespace Projector.Core.Tests.Formats.Npy;

/// <summary>Damaged inputs must end in a <see cref="DataFormatException"/> or a valid read, never anything else.</summary>
public sealed class NpyCorruptionTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Formats", "Npy", "TestData", name);

    [Theory]
    [InlineData("f4.npy")]
    [InlineData("f8_fortran.npy")]
    [InlineData("two.npz")]
    [InlineData("two_compressed.npz")]
    public void Read_of_damaged_files_fails_only_with_DataFormatException(string file)
    {
        using var dir = new TempDir();
        var original = File.ReadAllBytes(Data(file));
        var random = new Random(11);
        for (var round = 0; round < 80; round++)
        {
            var bytes = (byte[])original.Clone();
            if (round % 3 == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }
            else
            {
                for (var k = 0; k < 1 + (round % 4); k++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            var path = dir.Write($"{round}{Path.GetExtension(file)}", bytes);
            try
            {
                using var ds = file.EndsWith(".npz", StringComparison.Ordinal)
                    ? NpzReader.Read(path, ReadOptions.Default)
                    : NpyReader.Read(path, ReadOptions.Default);
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
