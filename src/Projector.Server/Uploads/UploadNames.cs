using System.Text;
using System.Text.RegularExpressions;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Server.Uploads;

/// <summary>
/// The names the user knows an upload's files by. The server keeps the files under its own names in
/// the state folder; every sentence about them that reaches a caller (a reader's error, a warning)
/// names the files as the client sent them instead, and never the server's folders.
/// </summary>
internal sealed class UploadNames
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Regex _saved;

    /// <param name="folder">The upload's folder.</param>
    /// <param name="files">Each file's name in the folder and the name the client gave it.</param>
    public UploadNames(string folder, IEnumerable<(string Saved, string Given)> files)
    {
        foreach (var (saved, given) in files)
        {
            _names[Path.Combine(folder, saved)] = given;
            _names.TryAdd(saved, given);
        }

        _names.TryAdd(Path.TrimEndingDirectorySeparator(folder), "the upload");

        // One pass, longest first: a full path is replaced whole, before its file name alone could be.
        _saved = new Regex(string.Join('|', _names.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)), RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// A file name as a client sent it, fit to show: the last part of a path (old browsers send the whole
    /// path), without control characters, at most 255 characters.
    /// </summary>
    public static string Given(string? fileName)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = OneLine(name[(name.LastIndexOf('/') + 1)..]).Trim();
        return name.Length > 255 ? name[..255] : name;
    }

    /// <summary><paramref name="text"/> with control characters (a NUL, line breaks) replaced by spaces.</summary>
    public static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var b = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            b.Append(char.IsControl(ch) ? ' ' : ch);
        }

        return b.ToString();
    }

    /// <summary><paramref name="text"/> naming the client's files instead of the saved ones.</summary>
    public string Clean(string text) => _saved.Replace(text, m => _names[m.Value]);

    /// <summary>The same error, about the client's file.</summary>
    public DataFormatException Clean(DataFormatException e) =>
        new(Clean(e.FilePath), Clean(e.Problem), e.Hint is null ? null : Clean(e.Hint), e.Line, e.ByteOffset, e, e.Remedy);

    /// <summary>Reads the upload's dataset; its errors and warnings name the client's files.</summary>
    /// <exception cref="DataFormatException">The files cannot be read.</exception>
    public Dataset Read(string tensorPath, ReadOptions options)
    {
        Dataset dataset;
        try
        {
            dataset = DatasetReader.Read(tensorPath, options);
        }
        catch (DataFormatException e)
        {
            throw Clean(e);
        }

        for (var i = 0; i < dataset.Warnings.Count; i++)
        {
            dataset.Warnings[i] = Clean(dataset.Warnings[i]);
        }

        return dataset;
    }
}
