using Actors.Grains.Text;
using Actors.Interfaces.Fields;

namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// Turns a Mautic search string (MAUTIC-SPEC 3.5) into a <see cref="ContactFilter"/>: adjacent terms are ANDed,
/// "OR" between terms makes an OR group (AND binds tighter), parentheses group, "!" negates a term or a group.
/// Terms that mean nothing (unknown commands, "cmd:" without value) are dropped, as Mautic ignores them; an
/// unbalanced parenthesis is closed or skipped rather than refused, since search boxes get typed into.
/// The parsing lives beside the SQL because the commands map onto the table's columns and payload sets.
/// </summary>
/// <remarks>
/// The SQL grows with the search: every term adds a level to the WHERE's chain of ANDs and ORs, every group one or
/// two (NOT, COALESCE), and the terms themselves are several deep (a bare term is an OR of 14 LIKEs). SQLite refuses
/// an expression deeper than 1000 levels (about 1000 terms) and its parser gives up sooner on nested parentheses
/// (about 500 groups), and this parser recurses per group, so both are refused here, before any SQL:
/// <see cref="SearchTermLimit.MaxTerms"/> terms and <see cref="MaxNesting"/> nested groups keep the worst expression under 200 levels,
/// far inside SQLite's limits and PostgreSQL's stack, and far past what anyone types into a search box.
/// </remarks>
public sealed class SearchStringParser
{
    /// <summary>The most parenthesised groups a search may nest one inside another.</summary>
    public const int MaxNesting = 16;

    readonly List<SearchToken> tokens;
    readonly SearchCommands commands;
    int position;
    int nesting;

    SearchStringParser(string search, SearchCommands commands)
    {
        tokens = SearchTokens.Split(search);
        this.commands = commands;
    }

    /// <param name="fields">The contact fields, each alias usable as a command ("city:paris").</param>
    /// <param name="currentUserId">The user asking, for "is:mine"; null when unknown, and then "is:mine" matches nothing.</param>
    /// <param name="references">The names segment:, stage: and owner: match; without them only ids match.</param>
    /// <exception cref="ContactQueryException">More than <see cref="SearchTermLimit.MaxTerms"/> terms or <see cref="MaxNesting"/> nested groups.</exception>
    public static ContactFilter Parse(string? search, IEnumerable<FieldDefinition> fields, long? currentUserId, SearchReferences? references = null)
    {
        // Mautic's SearchStringHelper takes the tags out of the whole search before it reads it (strip_tags).
        search = search is null ? null : PhpStripTags.Strip(search);
        if (string.IsNullOrWhiteSpace(search))
            return ContactFilter.All;
        var parser = new SearchStringParser(search, new SearchCommands(fields.ToArray(), currentUserId, references ?? SearchReferences.None));
        // "OR", parentheses and a bare prefix ("!" of "!(") are no terms: the group it negates is counted by its nesting.
        var terms = parser.tokens.Count(t => !t.IsParenthesis && !t.IsOr && t is not { Text.Length: 0, Quoted: false });
        if (SearchTermLimit.Refusal(terms) is { } refusal)
            throw new ContactQueryException(refusal);
        var parts = new List<ContactFilter>();
        while (parser.position < parser.tokens.Count)
        {
            if (parser.ParseOr() is { } part)
                parts.Add(part);
            else
                parser.position++; // a stray ")" or "OR"
        }
        return Combine(parts, all: true) ?? ContactFilter.All;
    }

    ContactFilter? ParseOr()
    {
        var alternatives = new List<ContactFilter>();
        if (ParseAnd() is { } first)
            alternatives.Add(first);
        while (Peek() is { IsOr: true })
        {
            position++;
            if (ParseAnd() is { } next)
                alternatives.Add(next);
        }
        return Combine(alternatives, all: false);
    }

    ContactFilter? ParseAnd()
    {
        var parts = new List<ContactFilter>();
        while (Peek() is { } token && !token.IsOr && !token.Is(')'))
        {
            if (ParseUnit() is { } part)
                parts.Add(part);
        }
        return Combine(parts, all: true);
    }

    ContactFilter? ParseUnit()
    {
        var token = tokens[position++];
        if (token.Is('('))
            return Group();
        // "!(" and "+(": the prefixes arrive as a word with no text before the parenthesis.
        if (token is { Text.Length: 0, Quoted: false } && Peek() is { } next && next.Is('('))
        {
            position++;
            return Group() is { } group ? (token.Negate ? new Not(group) : group) : null;
        }
        return commands.Filter(token);
    }

    ContactFilter? Group()
    {
        // Counted as the groups open, so a deep search is refused before it recurses any further.
        if (++nesting > MaxNesting)
            throw new ContactQueryException($"search: at most {MaxNesting} parentheses inside one another.");
        var inner = ParseOr();
        nesting--;
        if (Peek() is { } close && close.Is(')'))
            position++;
        return inner;
    }

    SearchToken? Peek() => position < tokens.Count ? tokens[position] : null;

    static ContactFilter? Combine(List<ContactFilter> parts, bool all) => parts.Count switch
    {
        0 => null,
        1 => parts[0],
        _ => all ? new AllOf(parts) : new AnyOf(parts),
    };
}
