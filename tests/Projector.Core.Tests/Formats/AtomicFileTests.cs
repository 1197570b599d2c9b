namespace Projector.Core.Tests.Formats;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temp_file()
    {
        using var dir = new TempDir();
        var path = dir.Write("out.txt", "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("interrupted");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
