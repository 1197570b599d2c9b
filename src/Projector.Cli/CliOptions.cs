using System.CommandLine;
using System.Globalization;
using Projector.Core.Formats;

namespace Projector.Cli;

/// <summary>The reading options every command that takes an input shares.</summary>
internal sealed class CliOptions
{
    public Option<string?> Tensor { get; } = new("--tensor") { Description = "Which embedding of a config or .npz to use" };

    public Option<string?> Shape { get; } = new("--shape") { Description = "N,D for raw float32 (.bytes) input; 0,D counts the rows" };

    public Option<string?> Metadata { get; } = new("--metadata") { Description = "A metadata TSV to attach (TF projector rules: header only with 2+ columns)" };

    public Option<string?> Columns { get; } = new("--columns") { Description = "CSV vector columns: a regex over header names, or an index range FROM..TO" };

    public Option<bool> AllowNonFinite { get; } = new("--allow-nonfinite") { Description = "Accept NaN and infinite values" };

    public Option<bool> SkipChecksums { get; } = new("--skip-checksums") { Description = "Do not verify checkpoint CRC32C checksums (a damaged file then loads as other numbers)" };

    public Option<string?> Run { get; } = new("--run") { Description = "TensorBoard run (folder relative to the log dir)" };

    public Option<long?> Step { get; } = new("--step") { Description = "Checkpoint step (default: the newest)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Tensor);
        command.Options.Add(Shape);
        command.Options.Add(Metadata);
        command.Options.Add(Columns);
        command.Options.Add(AllowNonFinite);
        command.Options.Add(SkipChecksums);
        command.Options.Add(Run);
        command.Options.Add(Step);
    }

    /// <summary>
    /// The reading options for <paramref name="input"/>. A file a config names outside the input's folder
    /// is read (the user runs the tool on their own files) with a warning that says so.
    /// </summary>
    public ReadOptions ToReadOptions(ParseResult parsed, string input, IProgress<ReadProgress>? progress, CancellationToken cancellationToken) => new()
    {
        Confinement = InputFolder(input) is { } folder ? new FileConfinement([folder]) { Refuse = false } : null,
        TensorName = parsed.GetValue(Tensor),
        Shape = parsed.GetValue(Shape) is { } s ? ParsePair(s, "--shape", allowZeroFirst: true) : null,
        MetadataPath = parsed.GetValue(Metadata),
        CsvColumns = parsed.GetValue(Columns),
        AllowNonFinite = parsed.GetValue(AllowNonFinite),
        SkipChecksums = parsed.GetValue(SkipChecksums),
        Run = parsed.GetValue(Run),
        Step = parsed.GetValue(Step),
        Progress = progress,
        CancellationToken = cancellationToken,
    };

    private static string? InputFolder(string input) =>
        NamedSources.IsName(input) ? null
        : Directory.Exists(input) ? Path.GetFullPath(input)
        : Path.GetDirectoryName(Path.GetFullPath(input));

    /// <summary>Parses "A,B" (or "AxB") into two integers.</summary>
    public static (int A, int B) ParsePair(string text, string option, bool allowZeroFirst = false)
    {
        var parts = text.Split([',', 'x', 'X'], StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            && b > 0 && (a > 0 || (allowZeroFirst && a == 0)))
        {
            return (a, b);
        }

        throw new UsageException($"{option} '{text}' is not two positive integers like 100,50");
    }
}
