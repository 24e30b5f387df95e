using System.Text;

namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// One word of a search string. <see cref="CommandLength"/> is the length of "cmd" in "cmd:value" (the first colon
/// outside quotes), or -1 for a bare term. Prefixes "!" (negate) and "+" (strict) are taken off the text.
/// </summary>
internal sealed record SearchToken(string Text, bool Quoted, bool Negate, bool Strict, int CommandLength, bool IsParenthesis)
{
    public bool IsOr => !Quoted && !Negate && !Strict && !IsParenthesis && string.Equals(Text, "or", StringComparison.OrdinalIgnoreCase);

    public bool Is(char parenthesis) => IsParenthesis && Text[0] == parenthesis;
}

/// <summary>
/// Splits a search string as Mautic's SearchStringHelper does: on spaces outside double quotes, with "(" and ")" as
/// words of their own, and "!"/"+" prefixes (either order) before a word, a quote or a parenthesis.
/// </summary>
internal static class SearchTokens
{
    public static List<SearchToken> Split(string search)
    {
        var tokens = new List<SearchToken>();
        var text = new StringBuilder();
        bool inQuotes = false, quoted = false, negate = false, strict = false;
        var commandLength = -1;

        void Flush()
        {
            if (text.Length > 0 || quoted || negate || strict)
                tokens.Add(new SearchToken(text.ToString(), quoted, negate, strict, commandLength, IsParenthesis: false));
            text.Clear();
            (quoted, negate, strict, commandLength) = (false, false, false, -1);
        }

        foreach (var c in search)
        {
            if (c == '"')
            {
                (inQuotes, quoted) = (!inQuotes, true);
            }
            else if (inQuotes)
            {
                text.Append(c);
            }
            else if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                Flush();
                if (c is '(' or ')')
                    tokens.Add(new SearchToken(c.ToString(), Quoted: false, Negate: false, Strict: false, CommandLength: -1, IsParenthesis: true));
            }
            else if (c is '!' or '+' && text.Length == 0 && !quoted)
            {
                negate |= c == '!';
                strict |= c == '+';
            }
            else
            {
                if (c == ':' && commandLength < 0 && !quoted)
                    commandLength = text.Length;
                text.Append(c);
            }
        }
        Flush();
        return tokens;
    }
}
