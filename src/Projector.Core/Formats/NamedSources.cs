using Projector.Core.Data;

namespace Projector.Core.Formats;

/// <summary>A dataset reached by a name instead of a path (e.g. <c>demo:mnist</c>), registered by the host that ships it.</summary>
public interface INamedSource
{
    /// <summary>The name users give (e.g. <c>demo:mnist</c>).</summary>
    string Name { get; }

    /// <summary>What the page and a site call it (e.g. "MNIST digits").</summary>
    string Title { get; }

    /// <summary>Loads the dataset.</summary>
    /// <exception cref="DataFormatException">It is not installed or its files are broken.</exception>
    Dataset Load(ReadOptions options);
}

/// <summary>
/// The named sources <see cref="DatasetReader"/> knows. The library ships none: the demos live in their own
/// assembly (with their data), and the hosts that offer them register them at start.
/// </summary>
public static class NamedSources
{
    /// <summary>The prefix every named source shares.</summary>
    public const string Prefix = "demo:";

    private static readonly Lock Gate = new();
    private static readonly List<INamedSource> Sources = [];

    /// <summary>Every registered source, in registration order.</summary>
    public static IReadOnlyList<INamedSource> All
    {
        get
        {
            lock (Gate)
            {
                return [.. Sources];
            }
        }
    }

    /// <summary>Adds <paramref name="source"/>; registering a name again replaces the earlier source.</summary>
    public static void Register(INamedSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (Gate)
        {
            Sources.RemoveAll(s => s.Name == source.Name);
            Sources.Add(source);
        }
    }

    /// <summary>True when <paramref name="input"/> is written as a name (<c>demo:...</c>) rather than a path.</summary>
    public static bool IsName(string input) => input.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The source named <paramref name="name"/>, or null.</summary>
    public static INamedSource? Find(string name)
    {
        lock (Gate)
        {
            return Sources.FirstOrDefault(s => s.Name == name);
        }
    }

    /// <summary>The source named <paramref name="name"/>.</summary>
    /// <exception cref="DataFormatException">No such source; the message lists the known ones.</exception>
    public static INamedSource Get(string name) => Find(name) ?? throw new DataFormatException(
        name,
        "is not a known demo",
        All.Count == 0 ? "This program ships no demos; give a file or folder" : $"Use {string.Join(" or ", All.Select(s => s.Name))}");
}
