// Protobuf text format parser. The C# protobuf runtime (Google.Protobuf) reads binary and JSON but has no
// text-format parser, so this one is ours. It follows what protobuf's C++ TextFormat::Parser and Python's
// text_format.Parse accept, and is driven by the message's descriptor, so it fills any generated message.
using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Projector.Core.Formats.TensorBoard.Pbtxt;

/// <summary>Fills a message from protobuf text format, field by field, through the message's reflection.</summary>
internal sealed class TextParser
{
    // Protobuf's own parsers stop at this depth too; it keeps a hostile file from exhausting the stack.
    private const int MaxDepth = 100;
    private readonly TextTokenizer _tokens;

    /// <summary>Parses the tokens of <paramref name="tokens"/>.</summary>
    public TextParser(TextTokenizer tokens) => _tokens = tokens;

    /// <summary>Reads the whole text into <paramref name="message"/>.</summary>
    public void ParseRoot(IMessage message) => ParseFields(message, null, default, 0);

    private void ParseFields(IMessage message, char? closer, Token opener, int depth)
    {
        if (depth > MaxDepth)
        {
            throw _tokens.Error(opener, $"messages nested more than {MaxDepth} deep");
        }

        var given = new Dictionary<int, Token>();
        while (true)
        {
            var token = _tokens.Current;
            if (token.Kind == TokenKind.End)
            {
                if (closer is { } missing)
                {
                    throw _tokens.Error(token, $"'{opener.Text}' opened on line {opener.Line} is not closed: expected '{missing}' before the end of the file");
                }

                return;
            }

            if (closer is { } c && token.Is(c))
            {
                _tokens.Next();
                return;
            }

            if (token.Is('}') || token.Is('>'))
            {
                var hint = closer is null ? "Remove it or add the opening bracket it closes" : $"Close '{opener.Text}' of line {opener.Line} with '{closer}'";
                throw _tokens.Error(token, $"unexpected '{token.Text}'", hint);
            }

            ParseField(message, given, depth);

            // Protobuf allows one ',' or ';' after any field.
            if (!_tokens.TryConsume(','))
            {
                _tokens.TryConsume(';');
            }
        }
    }

    private void ParseField(IMessage message, Dictionary<int, Token> given, int depth)
    {
        var descriptor = message.Descriptor;
        var name = _tokens.Current;
        if (name.Is('['))
        {
            throw _tokens.Error(name, $"extension and Any fields ('[...]' names) are not supported in {descriptor.Name}", "Projector files do not use them: remove the field");
        }

        if (name.Kind != TokenKind.Identifier)
        {
            throw _tokens.Error(name, $"expected a field name of {descriptor.Name}, found {name.Describe()}");
        }

        var field = descriptor.FindFieldByName(name.Text)
            ?? throw _tokens.Error(name, $"unknown field '{name.Text}' in {descriptor.Name}", FieldList(descriptor));
        _tokens.Next();
        if (field.IsMap)
        {
            throw _tokens.Error(name, $"map field '{field.Name}' of {descriptor.Name} is not supported");
        }

        if (!field.IsRepeated)
        {
            CheckGivenOnce(field, name, given);
        }

        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            _tokens.TryConsume(':');
            if (_tokens.Current.Is('['))
            {
                ParseList(field, () => ParseMessageValue(message, field, depth));
            }
            else
            {
                ParseMessageValue(message, field, depth);
            }
        }
        else
        {
            _tokens.Expect(':', $"after field name '{field.Name}'");
            if (_tokens.Current.Is('['))
            {
                ParseList(field, () => Store(message, field, ScalarValues.Read(_tokens, field)));
            }
            else
            {
                Store(message, field, ScalarValues.Read(_tokens, field));
            }
        }
    }

    // A non-repeated field given twice is refused, as TensorFlow's parsers (C++ TextFormat::Parse and
    // Python text_format.Parse) refuse it: a silent "last one wins" would hide a mistake in the file.
    private void CheckGivenOnce(FieldDescriptor field, Token name, Dictionary<int, Token> given)
    {
        if (given.TryGetValue(field.FieldNumber, out var before))
        {
            throw _tokens.Error(name, $"field '{field.Name}' of {field.ContainingType.Name} is given twice (first on line {before.Line})", "It is not repeated: keep one");
        }

        if (field.RealContainingOneof is { } oneof)
        {
            foreach (var other in oneof.Fields)
            {
                if (other != field && given.TryGetValue(other.FieldNumber, out var earlier))
                {
                    throw _tokens.Error(name, $"field '{field.Name}' is given with '{other.Name}' (line {earlier.Line}), but only one of oneof '{oneof.Name}' may be set");
                }
            }
        }

        given[field.FieldNumber] = name;
    }

    private void ParseList(FieldDescriptor field, Action readOne)
    {
        var open = _tokens.Next();
        if (!field.IsRepeated)
        {
            throw _tokens.Error(open, $"field '{field.Name}' of {field.ContainingType.Name} is not repeated, so it cannot take a list [...]", "Give one value");
        }

        if (_tokens.TryConsume(']'))
        {
            return;
        }

        while (true)
        {
            readOne();
            if (_tokens.TryConsume(']'))
            {
                return;
            }

            _tokens.Expect(',', $"between the values of the list opened on line {open.Line}, or ']' to end it");
        }
    }

    private void ParseMessageValue(IMessage message, FieldDescriptor field, int depth)
    {
        var open = _tokens.Current;
        char closer;
        if (open.Is('{'))
        {
            closer = '}';
        }
        else if (open.Is('<'))
        {
            closer = '>';
        }
        else
        {
            throw _tokens.Error(open, $"expected '{{' to start '{field.Name}' ({field.MessageType.Name}), found {open.Describe()}");
        }

        _tokens.Next();

        // Protobuf's reflection makes no empty message from a descriptor; parsing zero bytes does.
        var child = field.MessageType.Parser.ParseFrom(ByteString.Empty);
        ParseFields(child, closer, open, depth + 1);
        Store(message, field, child);
    }

    private static void Store(IMessage message, FieldDescriptor field, object value)
    {
        if (field.IsRepeated)
        {
            ((IList)field.Accessor.GetValue(message)).Add(value);
        }
        else
        {
            field.Accessor.SetValue(message, value);
        }
    }

    private static string FieldList(MessageDescriptor descriptor) =>
        descriptor.Fields.InDeclarationOrder().Count == 0
            ? $"{descriptor.Name} has no fields"
            : "Fields are: " + string.Join(", ", descriptor.Fields.InDeclarationOrder().Select(f => f.Name));
}
