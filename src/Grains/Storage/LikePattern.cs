using System.Text;
using System.Text.RegularExpressions;
using Actors.Runtime.Text;

namespace Actors.Grains.Storage;

/// <summary>
/// A contact search term, a <c>where</c> like value or a timeline search read as MySQL's LIKE reads the patterns
/// Mautic passes it unchanged (MAUTIC-SPEC 3.5, 3.6, 3.11): "%" is any run of characters, "_" any one, and "\" makes
/// the character after it plain ("under\_score", "100\%"). A "\" that ends the pattern is a plain backslash, as MySQL
/// takes it. Every LIKE built here says <see cref="EscapeClause"/>: without it PostgreSQL escapes with "\" and SQLite
/// with nothing, so the stores disagreed on "a\b", and PostgreSQL refuses a pattern that ends in its escape (a 500).
/// </summary>
public static class LikePattern
{
    /// <summary>The escape every LIKE of this service names, so that both stores read a pattern alike.</summary>
    public const string EscapeClause = " ESCAPE '\\'";

    /// <summary>
    /// The pattern as both stores read it under <see cref="EscapeClause"/>: "\" kept only before "%", "_" and "\",
    /// dropped before any other character (which it leaves plain anyway), doubled where it ends the pattern. Writing
    /// it again changes nothing, so a term can be made canonical before the search adds its own "%" around it.
    /// </summary>
    public static string Canonical(string pattern)
    {
        if (!pattern.Contains('\\'))
            return pattern;
        var canonical = new StringBuilder(pattern.Length + 1);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                c = i + 1 < pattern.Length ? pattern[++i] : '\\';
                if (c is '%' or '_' or '\\')
                    canonical.Append('\\');
            }
            canonical.Append(c);
        }
        return canonical.ToString();
    }

    /// <summary>The pattern of a search that finds <paramref name="term"/>, itself a pattern, anywhere in a text: Mautic's '%term%'.</summary>
    public static string Containing(string term) => "%" + Canonical(term) + "%";

    /// <summary>A pattern that matches <paramref name="text"/> only: its own "%", "_" and "\" are plain.</summary>
    public static string Literal(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    /// <summary>The plain text a match must start with: the pattern up to its first wildcard, escapes read.</summary>
    public static string LiteralPrefix(string pattern)
    {
        var prefix = new StringBuilder();
        for (var i = 0; i < pattern.Length && pattern[i] is not ('%' or '_'); i++)
            prefix.Append(pattern[i] == '\\' && i + 1 < pattern.Length ? pattern[++i] : pattern[i]);
        return prefix.ToString();
    }

    /// <summary>
    /// The test of a whole text against the pattern, for what is matched in memory rather than in SQL (names of stages,
    /// owners and segments, a contact's own timeline), ignoring case as SQL here does: both lower-cased by
    /// <see cref="LowerCase"/>, since a regular expression's own IgnoreCase tells "İ" from "i" and joins "ς" with "σ",
    /// where PostgreSQL's lower() does the opposite. Non-backtracking: a backtracking engine took seconds over a long
    /// text for a pattern of a few "%", and minutes with one more; this one is linear.
    /// </summary>
    public static Predicate<string> Matcher(string pattern)
    {
        var regex = new Regex(RegexOf(LowerCase.Of(Canonical(pattern))), RegexOptions.Singleline | RegexOptions.NonBacktracking);
        return text => regex.IsMatch(LowerCase.Of(text));
    }

    static string RegexOf(string canonical)
    {
        var expression = new StringBuilder("^");
        for (var i = 0; i < canonical.Length; i++)
        {
            expression.Append(canonical[i] switch
            {
                '%' => ".*",
                '_' => ".",
                '\\' => Regex.Escape(canonical[++i].ToString()),
                var c => Regex.Escape(c.ToString()),
            });
        }
        return expression.Append('$').ToString();
    }
}
