using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Projector.Core.Formats.TensorBoard.Pbtxt;

/// <summary>Writes messages in protobuf text format, byte for byte as TensorFlow's Python writer does for these messages.</summary>
internal static class TextFormatWriter
{
    /// <summary>The text of <paramref name="message"/>; an empty message gives an empty string.</summary>
    public static string Format(IMessage message)
    {
        var output = new StringBuilder();
        Write(output, message, 0);
        return output.ToString();
    }

    private static void Write(StringBuilder output, IMessage message, int depth)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsMap)
            {
                throw new NotSupportedException($"map field '{field.Name}' of {message.Descriptor.Name} cannot be written as text");
            }

            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                foreach (var item in (IList)value)
                {
                    WriteValue(output, field, item, depth);
                }
            }
            else if (IsSet(message, field, value))
            {
                WriteValue(output, field, value, depth);
            }
        }
    }

    // Proto3 fields without presence are "set" when not the default, as protobuf's writers decide.
    private static bool IsSet(IMessage message, FieldDescriptor field, object? value)
    {
        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            return value is not null;
        }

        if (field.HasPresence)
        {
            return field.Accessor.HasValue(message);
        }

        return value switch
        {
            string s => s.Length > 0,
            ByteString b => !b.IsEmpty,
            bool b => b,
            double d => BitConverter.DoubleToInt64Bits(d) != 0,
            float f => BitConverter.SingleToInt32Bits(f) != 0,
            ulong u => u != 0,
            IConvertible number => number.ToInt64(CultureInfo.InvariantCulture) != 0,
            _ => value is not null,
        };
    }

    private static void WriteValue(StringBuilder output, FieldDescriptor field, object value, int depth)
    {
        output.Append(' ', depth * 2).Append(field.Name);
        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            output.Append(" {\n");
            Write(output, (IMessage)value, depth + 1);
            output.Append(' ', depth * 2).Append("}\n");
            return;
        }

        output.Append(": ");
        switch (value)
        {
            case string s:
                StringEscapes.Quote(output, Encoding.UTF8.GetBytes(s));
                break;
            case ByteString b:
                StringEscapes.Quote(output, b.Span);
                break;
            case bool b:
                output.Append(b ? "true" : "false");
                break;
            case double d:
                output.Append(Real(d, d.ToString("R", CultureInfo.InvariantCulture)));
                break;
            case float f:
                output.Append(Real(f, f.ToString("R", CultureInfo.InvariantCulture)));
                break;
            default:
                if (field.FieldType == FieldType.Enum)
                {
                    var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                    output.Append(field.EnumType.FindValueByNumber(number)?.Name ?? number.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    output.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                }

                break;
        }

        output.Append('\n');
    }

    // Python's repr spelling: inf, -inf, nan and a lower-case exponent (1e+20), which protobuf reads back.
    private static string Real(double value, string shortest) =>
        double.IsNaN(value) ? "nan"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : shortest.Replace('E', 'e');
}
