using System.Text.Json;
using CertyoOdoo.Certyo.Json;

namespace CertyoOdoo.Certyo.Tests.Json;

public sealed class JsonCanonicalizerTests
{
    [Fact]
    public void Rfc8785_section_3_2_2_example_is_canonicalized_exactly()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Rfc8785_section_3_2_3_sorts_members_by_utf16_code_units()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        const string expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        Assert.Equal(expected, Canonical(input));
    }

    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Rfc8785_appendix_b_numbers_are_formatted_like_ecmascript(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(Convert.ToInt64(ieeeHex, 16));

        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
        // The same number read from JSON text (shortest round-trip form) canonicalizes the same way.
        Assert.Equal(expected, Canonical(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("[1, 1.0, 100e-2, -0, 1E2, 12345678901234567890]", "[1,1,1,0,100,12345678901234567000]")]
    [InlineData("{ \"b\" : [ ], \"a\" : { } }", "{\"a\":{},\"b\":[]}")]
    [InlineData("\"\\u001f\\b\\f\\t\\u2028/\"", "\"\\u001f\\b\\f\\t\u2028/\"")]
    public void Whitespace_numbers_and_escapes_are_normalized(string input, string expected) =>
        Assert.Equal(expected, Canonical(input));

    [Fact]
    public void Duplicate_member_names_are_refused()
    {
        using var doc = JsonDocument.Parse("{\"a\":1,\"a\":2}");

        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(doc.RootElement));
    }

    [Fact]
    public void Numbers_beyond_double_range_are_refused()
    {
        using var doc = JsonDocument.Parse("[1e400]");

        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(doc.RootElement));
    }

    private static string Canonical(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonCanonicalizer.CanonicalizeToString(doc.RootElement);
    }
}
