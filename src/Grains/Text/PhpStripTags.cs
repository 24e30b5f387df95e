using System.Text;

namespace Actors.Grains.Text;

/// <summary>
/// PHP's <c>strip_tags</c> with no allowed tags, as Mautic's cleaner runs it on a tracked value: the state machine of
/// php-src's <c>php_strip_tags_ex</c> (ext/standard/string.c), in its one pass over the value, so no nesting can make a
/// value cost more than a look at each character (a pass per level would let <c>&lt;&lt;&lt;…b&gt;b&gt;b&gt;</c> cost
/// seconds). A '&lt;' starts a tag unless white space follows it (<c>1 &lt; 2</c> stays, <c>a &lt;1b&gt; c</c> is
/// <c>a  c</c>); the tag runs to the '&gt;' that closes it: a '&lt;' inside it opens a level a '&gt;' closes, so taking
/// a tag out cannot join two halves into a new one (<c>&lt;&lt;b&gt;script&gt;</c> goes whole), and a quote inside it
/// runs to the same quote, within which no '&gt;' closes it, since a browser reads <c>&lt;a href="x&gt;y"
/// onclick=alert(1)&gt;</c> as one tag. <c>&lt;!</c> opens a declaration, <c>&lt;!--</c> a comment that runs to its
/// <c>--&gt;</c>, <c>&lt;?</c> PHP code that runs to a <c>?&gt;</c> outside its quotes and parentheses; whatever is left
/// open runs to the end. Every '&lt;' kept is followed by white space, so nothing kept can form a tag.
/// </summary>
public static class PhpStripTags
{
    private enum State { Text, Tag, Php, Declaration, Comment }

    /// <summary>The value without its tags; the value itself when it has no '&lt;'.</summary>
    public static string Strip(string value)
    {
        if (!value.Contains('<'))
            return value;
        var text = new StringBuilder(value.Length);
        var state = State.Text;
        var depth = 0;
        var quote = '\0';
        // In PHP code: the last quote or parenthesis read, and how many parentheses are open.
        var last = '\0';
        var parentheses = 0;
        var isXml = false;
        for (var at = 0; at < value.Length; at++)
        {
            var c = value[at];
            var before = at > 0 ? value[at - 1] : '\0';
            switch (state)
            {
                case State.Text when c == '<':
                    if (SpaceFollows(value, at))
                        text.Append(c);
                    else
                        state = State.Tag;
                    break;
                case State.Text when c == '>' && depth > 0:
                    // Only a comment closes with levels open; PHP lets each drop a '>' after it.
                    depth--;
                    break;
                case State.Text:
                    text.Append(c);
                    break;

                case State.Tag when c == '<':
                    if (quote == '\0' && !SpaceFollows(value, at))
                        depth++;
                    break;
                case State.Tag when c == '>':
                    if (depth > 0)
                        depth--;
                    else if (quote == '\0' && !(isXml && before == '-'))
                        (state, isXml) = (State.Text, false);
                    break;
                case State.Tag when c is '"' or '\'':
                    quote = Toggled(quote, c);
                    break;
                case State.Tag when c == '!' && before == '<':
                    state = State.Declaration;
                    break;
                case State.Tag when c == '?' && before == '<':
                    (state, last, parentheses) = (State.Php, '\0', 0);
                    break;

                case State.Php when c is '(' or ')':
                    if (last is not ('"' or '\''))
                        (last, parentheses) = (c, parentheses + (c == '(' ? 1 : -1));
                    break;
                case State.Php when c == '>':
                    if (depth > 0)
                        depth--;
                    else if (quote == '\0' && parentheses == 0 && last != '"' && before == '?')
                        state = State.Text;
                    break;
                case State.Php when c is '"' or '\'' && before != '\\':
                    last = last == c ? '\0' : c;
                    quote = Toggled(quote, c);
                    break;
                case State.Php when c is 'l' or 'L' && at > 4 && value.AsSpan(at - 4, 4).Equals("<?xm", StringComparison.OrdinalIgnoreCase):
                    // <?xml is a tag, not PHP code.
                    (state, isXml) = (State.Tag, true);
                    break;

                case State.Declaration when c == '>':
                    if (depth > 0)
                        depth--;
                    else if (quote == '\0')
                        state = State.Text;
                    break;
                case State.Declaration when c is '"' or '\'' && before != '\\':
                    quote = Toggled(quote, c);
                    break;
                case State.Declaration when c == '-' && before == '-' && value[at - 2] == '!':
                    state = State.Comment;
                    break;
                case State.Declaration when c is 'e' or 'E' && at > 6 && value.AsSpan(at - 6, 6).Equals("doctyp", StringComparison.OrdinalIgnoreCase):
                    // <!DOCTYPE is read as a tag.
                    state = State.Tag;
                    break;

                case State.Comment when c == '>' && quote == '\0' && before == '-' && value[at - 2] == '-':
                    state = State.Text;
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>Whether white space (as C's isspace reads it) follows the '&lt;' at <paramref name="at"/>; not at the end, as PHP reads the string's terminator there.</summary>
    private static bool SpaceFollows(string value, int at) => at + 1 < value.Length && value[at + 1] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>A quote opens when none is open and closes the one it matches; another kind inside one is text.</summary>
    private static char Toggled(char open, char c) => open == '\0' ? c : open == c ? '\0' : open;
}
