using Projector.Core.Data;
using Projector.Core.Imaging;

namespace Projector.Core.Publishing.Export;

/// <summary>
/// Views of the datasets fit for publishing: unique names (log dirs repeat tensor names across runs and
/// steps) and sprites within the pages' 8192 x 8192 limit. The views share the originals' matrices, so
/// only the originals are disposed.
/// </summary>
internal static class ExportPreparation
{
    public static IReadOnlyList<Dataset> Prepare(IReadOnlyList<Dataset> datasets, ICollection<string> notes)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Dataset>(datasets.Count);
        foreach (var d in datasets)
        {
            var sprite = d.Sprite;
            if (sprite is not null)
            {
                var fit = SpriteFit.Fit(sprite, d.Points, sprite.SourcePath ?? d.Source ?? d.Name);
                if (fit.Note is { } note)
                {
                    notes.Add($"{d.Name}: sprite {note}");
                }

                sprite = fit.Sheet;
            }

            var name = UniqueName(d, used);
            result.Add(new Dataset(name, d.Matrix, d.Metadata, sprite, d.Source, d.SourceDType, d.Warnings)
            {
                BookmarksPath = d.BookmarksPath,
                Run = d.Run,
                Step = d.Step,
                CheckpointKey = d.CheckpointKey,
            });
        }

        return result;
    }

    private static string UniqueName(Dataset d, HashSet<string> used)
    {
        if (used.Add(d.Name))
        {
            return d.Name;
        }

        var qualified = string.Join(' ', new[] { d.Name, d.Run, d.Step is { } s ? $"step {s}" : null }.Where(p => !string.IsNullOrEmpty(p)));
        var name = qualified;
        for (var i = 2; !used.Add(name); i++)
        {
            name = $"{qualified} ({i})";
        }

        return name;
    }
}
