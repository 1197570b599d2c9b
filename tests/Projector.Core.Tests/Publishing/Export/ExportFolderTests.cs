using Projector.Core.Publishing.Export;

namespace Projector.Core.Tests.Publishing.Export;

public sealed class ExportFolderTests
{
    [Fact]
    public void A_new_target_gets_the_files_and_a_manifest_listing_them()
    {
        using var dir = new TempDir();
        var target = dir.File("out");
        var files = ExportFolder.Write(target, ExportFormat.Site, force: false, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "a.txt"), "hello");
            Directory.CreateDirectory(Path.Combine(temp, "sub"));
            File.WriteAllText(Path.Combine(temp, "sub", "b.bin"), "12");
        });
        Assert.Equal([new ExportedFile("a.txt", 5), new ExportedFile("sub/b.bin", 2)], files);
        Assert.Equal(["a.txt", "sub/b.bin"], ExportManifest.Read(target)!.Order(StringComparer.Ordinal));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_non_empty_target_is_refused_without_force()
    {
        using var dir = new TempDir();
        dir.Write("out/mine.txt", "keep");
        var e = Assert.Throws<DataFormatException>(() => ExportFolder.Write(dir.File("out"), ExportFormat.Site, force: false, temp => File.WriteAllText(Path.Combine(temp, "a.txt"), "x")));
        Assert.Contains("is not empty", e.Message, StringComparison.Ordinal);
        Assert.Equal(RemedyOption.Force, e.Remedy?.Option);
        Assert.Equal("keep", File.ReadAllText(dir.File("out/mine.txt")));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Force_replaces_an_earlier_export_but_not_a_folder_with_other_files()
    {
        using var dir = new TempDir();
        var target = dir.File("out");
        ExportFolder.Write(target, ExportFormat.Site, false, temp => File.WriteAllText(Path.Combine(temp, "old.txt"), "1"));
        ExportFolder.Write(target, ExportFormat.Site, true, temp => File.WriteAllText(Path.Combine(temp, "new.txt"), "2"));
        Assert.False(File.Exists(Path.Combine(target, "old.txt")));
        Assert.Equal("2", File.ReadAllText(Path.Combine(target, "new.txt")));

        File.WriteAllText(Path.Combine(target, "notes.md"), "mine");
        var e = Assert.Throws<DataFormatException>(() => ExportFolder.Write(target, ExportFormat.Site, true, temp => File.WriteAllText(Path.Combine(temp, "x.txt"), "3")));
        Assert.Contains("notes.md", e.Message, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.md")));
        Assert.Equal("2", File.ReadAllText(Path.Combine(target, "new.txt")));

        dir.Write("plain/file.txt", "user data");
        Assert.Throws<DataFormatException>(() => ExportFolder.Write(dir.File("plain"), ExportFormat.Site, true, temp => { }));
        Assert.Equal("user data", File.ReadAllText(dir.File("plain/file.txt")));
    }

    [Fact]
    public void A_failure_midway_leaves_the_earlier_export_untouched_and_no_temporary_folder()
    {
        using var dir = new TempDir();
        var target = dir.File("out");
        ExportFolder.Write(target, ExportFormat.Standalone, false, temp => File.WriteAllText(Path.Combine(temp, "a.txt"), "first"));
        var before = Snapshot(target);
        Assert.Throws<IOException>(() => ExportFolder.Write(target, ExportFormat.Standalone, true, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "a.txt"), "second");
            throw new IOException("disk full");
        }));
        Assert.Equal(before, Snapshot(target));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Cancellation_leaves_no_target_and_no_temporary_folder()
    {
        using var dir = new TempDir();
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => ExportFolder.Write(dir.File("out"), ExportFormat.Site, false, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "a.txt"), "x");
            cancel.Cancel();
            cancel.Token.ThrowIfCancellationRequested();
        }, cancel.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_file_as_target_is_refused()
    {
        using var dir = new TempDir();
        var file = dir.Write("out", "x");
        Assert.Throws<DataFormatException>(() => ExportFolder.Write(file, ExportFormat.Site, true, temp => { }));
        Assert.Equal("x", File.ReadAllText(file));
    }

    private static string Snapshot(string folder) => string.Join(
        '\n',
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => $"{Path.GetRelativePath(folder, f)}={File.ReadAllText(f)}"));
}
