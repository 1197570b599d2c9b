using Parquet.Meta;
using Parquet.Schema;
using Type = System.Type;

namespace Projector.Core.Formats.Parquet;

/// <summary>
/// One leaf column of a Parquet schema with what the reader needs to know of its path: its display
/// name, how many repeated levels it sits under and the definition level at which its list has an entry.
/// </summary>
/// <param name="Field">The library's field, for reading.</param>
/// <param name="Name">Top-level name for lists (<c>embedding</c>, not <c>embedding.list.element</c>); dotted path for struct members.</param>
/// <param name="Repeats">Repeated levels above and at the leaf; 1 for every list encoding.</param>
/// <param name="ListDef">Definition level at which the (first) repeated level has an entry.</param>
internal sealed record ParquetLeaf(DataField Field, string Name, int Repeats, int ListDef)
{
    /// <summary>The definition level of a present value.</summary>
    public int MaxDef => Field.MaxDefinitionLevel;

    /// <summary>The CLR type the library reads values as.</summary>
    public Type Type => Field.ClrType;

    /// <summary>A list of float32, float64 or float16 values: a vector column.</summary>
    public bool IsFloatList => Repeats == 1 && (Type == typeof(float) || Type == typeof(double) || Type == typeof(Half));

    /// <summary>One number per row, usable as a vector component.</summary>
    public bool IsNumber => Repeats == 0 && ParquetCells.IsNumeric(Type);

    /// <summary>Binary values (images, or text written without a UTF-8 annotation).</summary>
    public bool IsBinary => Repeats == 0 && (Type == typeof(byte[]) || Type == typeof(ReadOnlyMemory<byte>));

    /// <summary>Short type description for messages.</summary>
    public string Describe() => IsFloatList ? $"list<{TypeName(Type)}>" : Repeats > 0 ? $"list<{TypeName(Type)}>" : TypeName(Type);

    /// <summary>The leaves of the file's schema, in schema order, matched to the library's data fields.</summary>
    public static List<ParquetLeaf> All(IReadOnlyList<SchemaElement> schema, IReadOnlyList<DataField> fields, string path)
    {
        var chains = new List<SchemaElement[]>();
        var stack = new List<SchemaElement>();
        var next = 1;
        Walk(schema.Count > 0 ? schema[0].NumChildren ?? 0 : 0);
        if (chains.Count != fields.Count)
        {
            throw new DataFormatException(path, $"the schema has {chains.Count} leaf columns but {fields.Count} were decoded", "The footer is damaged or uses nesting this reader does not know");
        }

        var leaves = new List<ParquetLeaf>(fields.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            var chain = chains[i];
            var repeats = chain.Count(e => e.RepetitionType == FieldRepetitionType.REPEATED);
            var listDef = 0;
            foreach (var e in chain)
            {
                if (e.RepetitionType != FieldRepetitionType.REQUIRED)
                {
                    listDef++;
                }

                if (e.RepetitionType == FieldRepetitionType.REPEATED)
                {
                    break;
                }
            }

            var name = repeats > 0 ? chain[0].Name : string.Join('.', chain.Select(e => e.Name));
            leaves.Add(new ParquetLeaf(fields[i], name, repeats, listDef));
        }

        return leaves;

        void Walk(int count)
        {
            for (var k = 0; k < count && next < schema.Count; k++)
            {
                var e = schema[next++];
                stack.Add(e);
                if (e.NumChildren is > 0 and var n)
                {
                    Walk(n);
                }
                else
                {
                    chains.Add([.. stack]);
                }

                stack.RemoveAt(stack.Count - 1);
            }
        }
    }

    private static string TypeName(Type t) =>
        t == typeof(ReadOnlyMemory<char>) || t == typeof(string) ? "string"
        : t == typeof(byte[]) || t == typeof(ReadOnlyMemory<byte>) ? "binary"
        : t == typeof(float) ? "float"
        : t == typeof(double) ? "double"
        : t.Name.ToLowerInvariant();
}
