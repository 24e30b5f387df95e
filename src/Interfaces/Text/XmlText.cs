using System.Text;
using System.Xml;

namespace Actors.Interfaces.Text;

/// <summary>
/// The characters a stored value may hold: those XML 1.0 can carry, which are tab, line breaks and everything from
/// space up except lone surrogates and U+FFFE/U+FFFF, less the other control characters, DEL (U+007F) and the C1
/// controls (U+0080-U+009F), which XML 1.0 carries but asks documents to avoid and no text means to show. An xlsx export
/// writes values into XML, so one character outside XML's set would break every export holding it. REST writes refuse
/// such values (a 400), an import ignores a row holding one, tracking drops control characters (TrackedValue), and the
/// export drops whatever is stored anyway.
/// </summary>
public static class XmlText
{
    public const string Problem = "must not hold control characters other than tab and line breaks, nor invalid UTF-16.";

    public static bool IsValid(string value) => FirstInvalid(value, 0) < 0;

    /// <summary>The value without the characters XML cannot hold.</summary>
    public static string WithoutInvalid(string value)
    {
        var invalid = FirstInvalid(value, 0);
        if (invalid < 0)
            return value;
        var kept = new StringBuilder(value.Length);
        var start = 0;
        for (; invalid >= 0; invalid = FirstInvalid(value, start))
        {
            kept.Append(value, start, invalid - start);
            start = invalid + 1;
        }
        return kept.Append(value, start, value.Length - start).ToString();
    }

    private static int FirstInvalid(string value, int start)
    {
        for (var i = start; i < value.Length; i++)
        {
            if (XmlConvert.IsXmlChar(value[i]) && value[i] is < '\u007F' or > '\u009F')
                continue;
            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
