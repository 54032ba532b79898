using System.Text.Json;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>
/// Compares a simulated JSON value with a recorded one by structure: same kinds (int and float told
/// apart), same member names in the same order, tuples ([id, name], version info) of the same
/// length. Values may differ, lists may differ in length, and Odoo's false for "empty" may stand
/// where the other side has a value.
/// </summary>
internal static class JsonShape
{
    public static List<string> Differences(JsonElement expected, JsonElement actual)
    {
        var problems = new List<string>();
        Compare(expected, actual, "$", problems);
        return problems;
    }

    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetRawText().AsSpan().IndexOfAny(".eE") >= 0 ? "float" : "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> problems)
    {
        var (e, a) = (Kind(expected), Kind(actual));
        if (e != a)
        {
            var emptyOnOneSide = (expected.ValueKind == JsonValueKind.False && a is "string" or "array")
                || (actual.ValueKind == JsonValueKind.False && e is "string" or "array");
            if (!emptyOnOneSide)
            {
                problems.Add($"{path}: recorded {e}, simulated {a} ({Short(actual)})");
            }

            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!expectedKeys.SequenceEqual(actualKeys))
                {
                    problems.Add($"{path}: recorded keys [{string.Join(", ", expectedKeys)}], simulated [{string.Join(", ", actualKeys)}]");
                    return;
                }

                foreach (var key in expectedKeys)
                {
                    Compare(expected.GetProperty(key), actual.GetProperty(key), $"{path}.{key}", problems);
                }

                break;
            case JsonValueKind.Array:
                var (recorded, simulated) = (expected.GetArrayLength(), actual.GetArrayLength());
                var tuple = IsTuple(expected);
                if ((tuple && recorded != simulated) || (recorded > 0 && simulated == 0))
                {
                    problems.Add($"{path}: recorded {recorded} items, simulated {simulated}");
                    return;
                }

                for (var i = 0; i < Math.Min(recorded, simulated); i++)
                {
                    Compare(expected[i], actual[i], $"{path}[{i}]", problems);
                }

                // Beyond the recorded items, simulated ones must look like the recorded first one.
                for (var i = recorded; i < simulated && recorded > 0 && !tuple; i++)
                {
                    Compare(expected[0], actual[i], $"{path}[{i}]", problems);
                }

                break;
        }
    }

    /// <summary>An array whose items differ in kind, like [id, "name"] or [16, 0, 0, "final", 0, ""].</summary>
    private static bool IsTuple(JsonElement array) =>
        array.GetArrayLength() > 1 && array.EnumerateArray().Select(Kind).Distinct().Count() > 1;

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 80 ? text[..80] + "..." : text;
    }
}
