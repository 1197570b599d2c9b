using System.Reflection;
using System.Reflection.Emit;
using Projector.Core.Data;

namespace Projector.Core.Tests;

/// <summary>
/// Core's folders form layers, and a layer uses only the layers below it. The test reads every type of the
/// assembly (signatures and method bodies) and fails on a use that points up.
/// </summary>
public sealed class LayeringTests
{
    // Bottom first: Core's root (the one exception type, atomic writes, progress), then each folder.
    private static readonly string[] Layers = ["", "Data", "Imaging", "Formats", "Neighbors", "Projections", "Quality", "Publishing"];

    private static readonly Dictionary<int, OpCode> OneByte = [];
    private static readonly Dictionary<int, OpCode> TwoByte = [];

    static LayeringTests()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)field.GetValue(null)!;
            if (op.Size == 1)
            {
                OneByte[op.Value & 0xFF] = op;
            }
            else
            {
                TwoByte[op.Value & 0xFF] = op;
            }
        }
    }

    [Fact]
    public void No_core_folder_uses_one_that_sits_above_it()
    {
        var assembly = typeof(EmbeddingMatrix).Assembly;
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var from = LayerOf(type);
            if (from < 0)
            {
                continue;
            }

            foreach (var used in Uses(type).Where(t => t.Assembly == assembly))
            {
                var to = LayerOf(used);
                if (to > from)
                {
                    violations.Add($"{Name(type)} ({Layers[from]}) uses {Name(used)} ({Layers[to]})");
                }
            }
        }

        Assert.True(violations.Count == 0, "Core's layers are, bottom first: root, " + string.Join(", ", Layers.Skip(1)) + ". Uses that point up:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Core_references_no_host_framework()
    {
        var references = typeof(EmbeddingMatrix).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r.StartsWith("System.CommandLine", StringComparison.Ordinal) || r.StartsWith("Spectre", StringComparison.Ordinal) || r.StartsWith("Projector.", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal) || r.StartsWith("OnnxSharp", StringComparison.Ordinal));
    }

    [Fact]
    public void The_test_sees_a_use_that_points_up()
    {
        // A Publishing type uses Projections; the reverse would be a violation: make sure uses are found at all.
        var uses = Uses(typeof(Core.Publishing.StaticSite.StaticSiteWriter)).ToHashSet();
        Assert.Contains(typeof(Core.Projections.ProjectionRecipe), uses);
    }

    private static int LayerOf(Type type)
    {
        // The facade lives in the root namespace for the README's examples but calls every layer: it is the top.
        if (type == typeof(Embeddings) || type.DeclaringType == typeof(Embeddings))
        {
            return Layers.Length - 1;
        }

        var ns = type.Namespace ?? string.Empty;
        if (ns == "Projector.Core")
        {
            return 0;
        }

        if (!ns.StartsWith("Projector.Core.", StringComparison.Ordinal))
        {
            return -1;
        }

        var folder = ns["Projector.Core.".Length..].Split('.')[0];
        var layer = Array.IndexOf(Layers, folder);
        Assert.True(layer > 0, $"The namespace {ns} is in no layer: add its folder to {nameof(Layers)}.");
        return layer;
    }

    private static string Name(Type t) => t.DeclaringType is { } outer ? $"{Name(outer)}.{t.Name}" : t.FullName ?? t.Name;

    private static IEnumerable<Type> Uses(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || !found.Add(t))
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }

            if (t.IsGenericType)
            {
                foreach (var a in t.GetGenericArguments())
                {
                    Add(a);
                }
            }
        }

        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var f in type.GetFields(All))
        {
            Add(f.FieldType);
        }

        foreach (var p in type.GetProperties(All))
        {
            Add(p.PropertyType);
        }

        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi)
            {
                Add(mi.ReturnType);
            }

            foreach (var p in m.GetParameters())
            {
                Add(p.ParameterType);
            }

            foreach (var t in BodyUses(m))
            {
                Add(t);
            }
        }

        return found;
    }

    private static IEnumerable<Type> BodyUses(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var pos = 0;
        while (pos < il.Length)
        {
            var op = il[pos] == 0xFE ? TwoByte[il[++pos]] : OneByte[il[pos]];
            pos++;
            var size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, pos)),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField)
            {
                MemberInfo? member = null;
                try
                {
                    member = method.Module.ResolveMember(BitConverter.ToInt32(il, pos), typeArgs, methodArgs);
                }
                catch (ArgumentException)
                {
                }

                switch (member)
                {
                    case Type t:
                        yield return t;
                        break;
                    case MethodBase m:
                        yield return m.DeclaringType!;
                        if (m is MethodInfo mi)
                        {
                            yield return mi.ReturnType;
                        }

                        break;
                    case FieldInfo f:
                        yield return f.DeclaringType!;
                        yield return f.FieldType;
                        break;
                }
            }

            pos += size;
        }
    }
}
