using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Word2Vec;

namespace Projector.Core.Tests.Formats.Word2Vec;

public sealed class Word2VecTextWriterTests
{
    [Fact]
    public void Write_then_Read_round_trips_words_and_values_exactly()
    {
        using var dir = new TempDir();
        var values = new[] { 0.1f, -2.5e-8f, float.MaxValue, 1f / 3 };
        using var m = EmbeddingMatrix.FromArray(values, 2, 2);
        var path = dir.File("out.txt");
        Word2VecTextWriter.Write(path, m, ["Köln", "new york"]);
        using var ds = Word2VecTextReader.Read(path, ReadOptions.Default);
        Assert.Equal(values, ds.Matrix.ToArray());
        Assert.Equal(["Köln", "new_york"], ds.Metadata["word"]!.Values);
    }

    [Fact]
    public void Read_reports_progress_up_to_the_file_size()
    {
        using var dir = new TempDir();
        var path = dir.Write("m.txt", "2 1\na 1\nb 2\n");
        var reports = new List<ReadProgress>();
        using var ds = Word2VecTextReader.Read(path, new ReadOptions { Progress = new SyncProgress(reports.Add) });
        Assert.Equal(new ReadProgress(12, 12), reports[^1]);
    }

    private sealed class SyncProgress(Action<ReadProgress> report) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) => report(value);
    }
}
