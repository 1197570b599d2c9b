using Projector.Core.Formats;

namespace Projector.Server.Catalog;

/// <summary>
/// The folders a caller may open paths under (folders and the log dir given at start). A path is
/// inside when its real location, after every symbolic link is followed, is inside one of them.
/// </summary>
internal sealed class ServedFolders(IEnumerable<string> folders)
{
    private readonly List<string> _roots = [.. folders.Select(RealPath.Of).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Roots => _roots;

    /// <summary>The real path of <paramref name="relative"/> under a served folder; 403 when it leaves them all, 404 when it does not exist.</summary>
    public string Resolve(string relative)
    {
        if (string.IsNullOrWhiteSpace(relative))
        {
            throw ApiProblem.BadRequest("Give the path of a file or folder to open.");
        }

        if (relative.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw ApiProblem.BadRequest("The path holds a character no file name can (a NUL or another control character).");
        }

        if (_roots.Count == 0)
        {
            throw new ApiProblem(StatusCodes.Status403Forbidden, "No folder is served, so no path can be opened; start the server with a folder.");
        }

        var inside = false;
        foreach (var root in _roots)
        {
            var real = RealPath.Of(Path.Combine(root, relative));
            if (!RealPath.IsUnder(real, root))
            {
                continue;
            }

            inside = true;
            if (File.Exists(real) || Directory.Exists(real) || File.Exists(real + ".index"))
            {
                return real;
            }
        }

        throw inside
            ? ApiProblem.NotFound($"There is no file or folder '{relative}' in the served folders.")
            : new ApiProblem(StatusCodes.Status403Forbidden, $"The path '{relative}' leaves the served folders.");
    }

    /// <summary>Refuses (403) an input whose configs name a file outside every served folder.</summary>
    public void CheckConfigFiles(string input)
    {
        foreach (var file in ConfigFiles.Named(input))
        {
            var real = RealPath.Of(file);
            if (!_roots.Any(r => RealPath.IsUnder(real, r)))
            {
                throw new ApiProblem(StatusCodes.Status403Forbidden, $"A config in '{Path.GetFileName(input)}' names '{file}', which is outside the served folders.");
            }
        }
    }
}
