using Projector.Cluster.Grains;
using Projector.Core;
using Projector.Core.Data;
using Projector.Core.Formats;
using Projector.Core.Formats.Metadata;
using Projector.Core.Publishing.Tiles;

namespace Projector.Cluster.Jobs;

/// <summary>
/// A job's metadata without any process holding it whole: the client plans the carried columns in one
/// streaming pass over the TSV (kind, dictionary, range, and the byte offset of every
/// <see cref="ClusterJob.MetadataStride"/>-th row), and each silo then reads only its shard's rows and
/// encodes them against that plan. At 100 million rows the table as strings would take tens of
/// gigabytes; the plan takes kilobytes.
/// </summary>
/// <remarks>
/// The TSV is read by the TF projector's rules, as <see cref="DatasetReader"/> attaches it: a row count
/// that differs from the input's is truncated or padded (with a warning), except the two header mistakes,
/// which are errors. Columns of the input file itself (a Parquet file's text columns) come first unless
/// the TSV has a column of the same name, and are read from the input, which every silo has open.
/// </remarks>
public static class JobMetadata
{
    /// <summary>
    /// Plans the columns of <paramref name="tsv"/> (null: none) and <paramref name="embedded"/> for an input of
    /// <paramref name="rows"/> rows; warnings about the row count go to <paramref name="warnings"/>.
    /// </summary>
    /// <exception cref="DataFormatException">The TSV cannot be read, its header is bad, or its rows are off by its header line.</exception>
    public static MetadataPlan Plan(string? tsv, MetadataTable embedded, int rows, ICollection<string> warnings, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        ArgumentNullException.ThrowIfNull(warnings);
        var columns = new List<JobColumn>();
        if (tsv is null)
        {
            columns.AddRange(embedded.Columns.Select(c => Embedded(c, rows)));
            return new MetadataPlan([.. columns], [], 0);
        }

        using var stream = MetadataTsvStream.Open(tsv, options);
        var names = stream.Names;
        var stats = names.Select(_ => new TileColumnStats()).ToArray();
        var offsets = new List<long>();
        var cells = new string?[stream.Columns];
        long count = 0;
        while (true)
        {
            if (count < rows && count % ClusterJob.MetadataStride == 0)
            {
                offsets.Add(stream.NextRowOffset);
            }

            if (!stream.TryRead(cells))
            {
                break;
            }

            if (count < rows)
            {
                for (var c = 0; c < cells.Length; c++)
                {
                    stats[c].Add(cells[c]);
                }
            }

            count++;
        }

        MetadataTsvReader.CheckRowCount(tsv, rows, count, names.Count, warnings);
        // The rows the TSV lacks start where it ends.
        for (var r = (long)offsets.Count * ClusterJob.MetadataStride; r < rows; r += ClusterJob.MetadataStride)
        {
            offsets.Add(stream.NextRowOffset);
        }

        columns.AddRange(embedded.Columns.Where(c => !names.Contains(c.Name)).Select(c => Embedded(c, rows)));
        for (var c = 0; c < names.Count; c++)
        {
            columns.Add(JobColumn.Of(stats[c].Plan(TileColumns.StoredName(names[c], "_value")), names[c], c));
        }

        return new MetadataPlan([.. columns], [.. offsets], stream.Columns);
    }

    /// <summary>
    /// The values of every carried column of <paramref name="job"/> for rows <paramref name="start"/> to
    /// <paramref name="start"/> + <paramref name="count"/> − 1, read from the TSV at <paramref name="tsv"/>
    /// (from the nearest planned offset on) and from the input's own <paramref name="embedded"/> columns.
    /// </summary>
    /// <exception cref="DataFormatException">A value is not what the client planned from: the TSV changed since the job started.</exception>
    internal static IReadOnlyList<TileColumnValues> Read(ClusterJob job, string? tsv, MetadataTable embedded, int start, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(embedded);
        var values = job.Columns.Select(c => new TileColumnValues(c.ToTile())).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (job.Columns[i].Cell < 0)
            {
                var source = embedded[job.Columns[i].Source] ?? throw new DataFormatException(job.InputName, $"has no column '{job.Columns[i].Source}' on this silo", "Give every silo the same copy of the input");
                for (var r = start; r < start + count; r++)
                {
                    Add(values[i], r < source.Count ? source[r] : null, job.InputName, r);
                }
            }
        }

        var fromTsv = job.Columns.Select((c, i) => (c.Cell, i)).Where(c => c.Cell >= 0).ToArray();
        if (fromTsv.Length == 0 || count == 0)
        {
            return values;
        }

        var path = tsv ?? throw new ArgumentNullException(nameof(tsv));
        var block = start / ClusterJob.MetadataStride;
        if (block >= job.MetadataOffsets.Length)
        {
            throw new DataFormatException(path, $"has no planned offset for row {start}", "Run the job with a client of this version");
        }

        using var stream = MetadataTsvStream.OpenAt(path, job.MetadataOffsets[block], job.MetadataWidth, new ReadOptions { CancellationToken = cancellationToken });
        var cells = new string?[job.MetadataWidth];
        for (var r = block * ClusterJob.MetadataStride; r < start; r++)
        {
            if (!stream.TryRead(cells))
            {
                break;
            }
        }

        for (var r = start; r < start + count; r++)
        {
            if (!stream.TryRead(cells))
            {
                Array.Clear(cells);
            }

            foreach (var (cell, i) in fromTsv)
            {
                Add(values[i], cells[cell], path, r);
            }
        }

        return values;
    }

    /// <summary>
    /// The group of each of the job's rows by the label column <paramref name="label"/> of
    /// <paramref name="job"/> (null: the first carried column), numbered in order of first appearance (a
    /// missing label is a group of its own); null when the job carries no metadata.
    /// </summary>
    public static int[]? Groups(ClusterJob job, string? tsv, MetadataTable embedded, string? label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(embedded);
        var column = label is null ? job.Columns.FirstOrDefault() : job.Columns.FirstOrDefault(c => c.Source == label);
        if (column is null)
        {
            return null;
        }

        var groups = new int[job.Rows];
        var numbering = new LabelGroups();
        if (column.Cell < 0)
        {
            var source = embedded[column.Source] ?? throw new DataFormatException(job.InputName, $"has no column '{column.Source}' on this silo", "Give every silo the same copy of the input");
            for (var r = 0; r < groups.Length; r++)
            {
                groups[r] = numbering.Of(r < source.Count ? source[r] : null);
            }

            return groups;
        }

        using var stream = MetadataTsvStream.Open(tsv ?? throw new ArgumentNullException(nameof(tsv)), new ReadOptions { CancellationToken = cancellationToken });
        var cells = new string?[stream.Columns];
        for (var r = 0; r < groups.Length; r++)
        {
            groups[r] = numbering.Of(stream.TryRead(cells) ? cells[column.Cell] : null);
        }

        return groups;
    }

    private static void Add(TileColumnValues values, string? value, string path, int row)
    {
        if (!values.Add(value))
        {
            throw new DataFormatException(path, $"row {row + 1} of column '{values.Column.Name}' holds '{value}', which the job was not planned with: the file changed after the job started", "Leave the input and its metadata as they are while a job runs, then run the job again");
        }
    }

    private static JobColumn Embedded(MetadataColumn column, int rows)
    {
        var stats = new TileColumnStats();
        for (var r = 0; r < Math.Min(rows, column.Count); r++)
        {
            stats.Add(column[r]);
        }

        return JobColumn.Of(stats.Plan(TileColumns.StoredName(column.Name, "_value")), column.Name, -1);
    }
}

/// <summary>The carried columns of a job, the TSV's row offsets and its width, as <see cref="JobMetadata.Plan"/> finds them.</summary>
/// <param name="Columns">The columns, in the tiles' order.</param>
/// <param name="Offsets">See <see cref="ClusterJob.MetadataOffsets"/>.</param>
/// <param name="Width">See <see cref="ClusterJob.MetadataWidth"/>.</param>
public sealed record MetadataPlan(JobColumn[] Columns, long[] Offsets, int Width)
{
    /// <summary><paramref name="job"/> carrying these columns.</summary>
    public ClusterJob ApplyTo(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job with { Columns = Columns, MetadataOffsets = Offsets, MetadataWidth = Width };
    }
}
