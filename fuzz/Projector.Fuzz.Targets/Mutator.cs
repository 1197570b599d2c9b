using System.Buffers.Binary;
using System.Text;

namespace Projector.Fuzz.Targets;

/// <summary>
/// Seeded damage to a valid input: bit flips, bytes set to 0, 0xFF or random values, truncation, ranges
/// removed or duplicated, and sizes a header claims set to huge values (binary words, varints, numbers
/// written as digits). The same seed gives the same damage, so a failure can be replayed.
/// </summary>
public static class Mutator
{
    private static readonly ulong[] HugeWords = [0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFF0, 1UL << 40];

    private static readonly string[] HugeNumbers = ["2147483647", "2147483648", "4294967295", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551615", "99999999999999999999999", "-1", "0", "1e308"];

    /// <summary>A damaged copy of <paramref name="seed"/>'s input, and what was done to it.</summary>
    public static (byte[] Bytes, string Description) Mutate(Seed seed, bool isText, Random random)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(random);
        var input = seed.Input;
        if (input.Length == 0)
        {
            return ([(byte)random.Next(256)], "one random byte");
        }

        // Half of the damage lands in the data a checksum covers, when the seed says where it is.
        var (start, length) = seed.DataStart >= 0 && seed.DataLength > 0 && random.Next(2) == 0
            ? (seed.DataStart, seed.DataLength)
            : (0, input.Length);
        var at = start + random.Next(length);
        var bytes = (byte[])input.Clone();
        switch (random.Next(isText ? 10 : 9))
        {
            case 0:
                var bits = random.Next(1, 4);
                for (var i = 0; i < bits; i++)
                {
                    bytes[start + random.Next(length)] ^= (byte)(1 << random.Next(8));
                }

                return (bytes, $"{bits} bit flips from byte {at}");
            case 1:
                bytes[at] = 0;
                return (bytes, $"byte {at} set to 0");
            case 2:
                bytes[at] = 0xFF;
                return (bytes, $"byte {at} set to 0xFF");
            case 3:
                var count = random.Next(1, 5);
                for (var i = 0; i < count && at + i < bytes.Length; i++)
                {
                    bytes[at + i] = (byte)random.Next(256);
                }

                return (bytes, $"{count} random bytes at {at}");
            case 4:
                return (input[..at], $"truncated to {at} bytes");
            case 5:
                var removed = Math.Min(input.Length - at, random.Next(1, Math.Max(2, input.Length / 4)));
                return ([.. input.AsSpan(0, at), .. input.AsSpan(at + removed)], $"{removed} bytes removed at {at}");
            case 6:
                var copied = Math.Min(input.Length - at, random.Next(1, Math.Max(2, Math.Min(256, input.Length / 4))));
                var to = random.Next(input.Length + 1);
                return ([.. input.AsSpan(0, to), .. input.AsSpan(at, copied), .. input.AsSpan(to)], $"{copied} bytes from {at} copied to {to}");
            case 7:
                return HugeWord(bytes, random);
            default:
                return HugeDigits(input, random) ?? HugeWord(bytes, random);
        }
    }

    // Headers sit at the start (npy, Arrow, word2vec) or the end (Parquet, zip, LevelDB footers) of a file.
    private static (byte[] Bytes, string Description) HugeWord(byte[] bytes, Random random)
    {
        var value = HugeWords[random.Next(HugeWords.Length)];
        var width = value > uint.MaxValue || random.Next(2) == 0 ? 8 : 4;
        var window = Math.Min(bytes.Length, 96);
        var at = random.Next(2) == 0 ? random.Next(window) : bytes.Length - 1 - random.Next(window);
        if (random.Next(4) == 0)
        {
            // A LevelDB / protobuf varint of the value, over whatever was there.
            var varint = new List<byte>();
            for (var v = value; ; v >>= 7)
            {
                if (v < 0x80)
                {
                    varint.Add((byte)v);
                    break;
                }

                varint.Add((byte)(v | 0x80));
            }

            var n = Math.Min(varint.Count, bytes.Length - at);
            varint.CopyTo(0, bytes, at, n);
            return (bytes, $"varint {value:x} written at {at}");
        }

        Span<byte> word = stackalloc byte[8];
        var bigEndian = random.Next(2) == 0;
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(word, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, value);
        }

        var slice = bigEndian ? word[(8 - width)..] : word[..width];
        var fit = Math.Min(width, bytes.Length - at);
        slice[..fit].CopyTo(bytes.AsSpan(at));
        return (bytes, $"{width}-byte {(bigEndian ? "big" : "little")}-endian {value:x} written at {at}");
    }

    // A count or shape written as digits (a text header, an .npy dict, a config) replaced by a huge one; the first lines more often.
    private static (byte[] Bytes, string Description)? HugeDigits(byte[] input, Random random)
    {
        var runs = new List<(int Start, int Length)>();
        for (var i = 0; i < input.Length;)
        {
            if (char.IsAsciiDigit((char)input[i]))
            {
                var s = i;
                while (i < input.Length && char.IsAsciiDigit((char)input[i]))
                {
                    i++;
                }

                runs.Add((s, i - s));
            }
            else
            {
                i++;
            }
        }

        if (runs.Count == 0)
        {
            return null;
        }

        var pick = runs[random.Next(2) == 0 ? random.Next(Math.Min(runs.Count, 8)) : random.Next(runs.Count)];
        var number = HugeNumbers[random.Next(HugeNumbers.Length)];
        byte[] bytes = [.. input.AsSpan(0, pick.Start), .. Encoding.ASCII.GetBytes(number), .. input.AsSpan(pick.Start + pick.Length)];
        return (bytes, $"number at {pick.Start} set to {number}");
    }
}
