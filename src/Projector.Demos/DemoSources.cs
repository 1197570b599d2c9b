using Projector.Core.Data;
using Projector.Core.Formats;

namespace Projector.Demos;

/// <summary>Makes <c>demo:mnist</c> and <c>demo:words</c> readable by name wherever a path is accepted.</summary>
public static class DemoSources
{
    /// <summary>Registers the demos with <see cref="NamedSources"/>; calling it again changes nothing.</summary>
    public static void Register()
    {
        NamedSources.Register(new Source(MnistDemo.Name, "MNIST digits", o => MnistDemo.Load(o.CancellationToken)));
        NamedSources.Register(new Source(WordsDemo.Name, "English words", o => WordsDemo.Load(o)));
    }

    private sealed class Source(string name, string title, Func<ReadOptions, Dataset> load) : INamedSource
    {
        public string Name => name;

        public string Title => title;

        public Dataset Load(ReadOptions options) => load(options);
    }
}
