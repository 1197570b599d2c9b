namespace Projector.Server.Tags;

/// <summary>The tags file: its columns, each with the tagged rows' values.</summary>
internal sealed record TagFile(List<TagFileColumn> Columns);

/// <summary>One tag column of the tags file.</summary>
internal sealed record TagFileColumn(string Name, Dictionary<int, string>? Values);
