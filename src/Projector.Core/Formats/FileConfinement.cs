namespace Projector.Core.Formats;

/// <summary>
/// The folders that files named inside an input (a config's tensor, metadata, sprite and bookmarks
/// paths, a checkpoint and its data shards) may come from. A config is data from someone else: one that
/// names <c>../../etc/passwd</c>, an absolute path or a symbolic link leading out of the folder the user
/// gave must not make a server publish that file. Paths are compared after every symbolic link in them
/// is followed, so a link cannot smuggle a file in. Set it on <see cref="ReadOptions.Confinement"/>.
/// </summary>
/// <param name="Roots">The folders the user gave; files below them are always allowed.</param>
public sealed record FileConfinement(IReadOnlyList<string> Roots)
{
    private static readonly AsyncLocal<Scope?> Active = new();

    /// <summary>
    /// True (the default): a file outside the roots is an error naming the config, the path and the
    /// folder. False: it is read, with a warning that says so (for a tool run by the user on their own files).
    /// </summary>
    public bool Refuse { get; init; } = true;

    /// <summary>Further folders the user allowed on purpose, outside the roots.</summary>
    public IReadOnlyList<string> AlsoAllowed { get; init; } = [];

    /// <summary>Whether <paramref name="path"/>, with its links followed, lies in a root or an allowed folder.</summary>
    public bool Allows(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var real = RealPath.Of(path);
        return Roots.Concat(AlsoAllowed).Any(root => RealPath.IsUnder(real, RealPath.Of(root)));
    }

    /// <summary>
    /// Puts this confinement in force on the calling flow (and what it awaits) until disposed, for code
    /// that reads without <see cref="ReadOptions"/>, such as listing a folder's configs and checkpoint
    /// indexes. A confinement already in force stays.
    /// </summary>
    public IDisposable Enforce() => (IDisposable?)Enter(this) ?? NoScope.Instance;

    /// <summary>The confinement in force for the read under way, or null.</summary>
    internal static FileConfinement? Current => Active.Value?.Confinement;

    /// <summary>
    /// Puts <paramref name="confinement"/> in force for this read and what it calls; null when one is in
    /// force already (the outermost read owns it) or none is given. Dispose ends it.
    /// </summary>
    internal static Scope? Enter(FileConfinement? confinement)
    {
        if (confinement is null || Active.Value is not null)
        {
            return null;
        }

        var scope = new Scope(confinement);
        Active.Value = scope;
        return scope;
    }

    /// <summary>
    /// Checks a file the input names: nothing in force or inside the roots is fine; outside is an error
    /// (refusing) or a warning kept for the read's first dataset.
    /// </summary>
    /// <param name="file">The file about to be read.</param>
    /// <param name="namedBy">The config or index that names it.</param>
    /// <param name="raw">The path as written there.</param>
    internal static void Check(string file, string namedBy, string raw)
    {
        if (Active.Value is not { } scope || scope.Confinement.Allows(file))
        {
            return;
        }

        var roots = string.Join(", ", scope.Confinement.Roots.Select(Path.GetFullPath));
        var real = RealPath.Of(file);
        var where = real == Path.GetFullPath(file) ? real : $"{file}, which leads to {real}";
        if (scope.Confinement.Refuse)
        {
            throw new DataFormatException(
                namedBy,
                $"names '{raw}' ({where}), outside the folder given ({roots}); files a config names are read only from that folder",
                "Copy the file into the folder, or allow its folder explicitly");
        }

        scope.Warn($"{Path.GetFileName(namedBy)} names '{raw}' ({where}), outside the folder given ({roots})");
    }

    /// <summary>Whether <paramref name="file"/> may be read under the confinement in force (always, when none is).</summary>
    internal static bool Permits(string file) => Active.Value is not { } scope || scope.Confinement.Allows(file);

    /// <summary>The confinement of one read and the warnings it gathered.</summary>
    internal sealed class Scope(FileConfinement confinement) : IDisposable
    {
        private readonly List<string> _warnings = [];

        public FileConfinement Confinement { get; } = confinement;

        public IReadOnlyList<string> Warnings => _warnings;

        public void Warn(string warning)
        {
            lock (_warnings)
            {
                if (!_warnings.Contains(warning))
                {
                    _warnings.Add(warning);
                }
            }
        }

        /// <summary>Adds the gathered warnings to the first of <paramref name="datasets"/>.</summary>
        public void Report(IReadOnlyList<Data.Dataset> datasets)
        {
            if (datasets.Count > 0)
            {
                datasets[0].Warnings.AddRange(_warnings);
            }
        }

        public void Dispose() => Active.Value = null;
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
