using System.Text;
using Actors.Grains.Storage;
using Actors.Grains.Text;
using Actors.Runtime.Text;

namespace Actors.Api.Lists;

/// <summary>
/// The search of Mautic's entity lists other than contacts: words and "quoted phrases", each of which must appear, in
/// any case, in one of the entry's searched texts (Mautic's catch-all search ANDs its terms). A quote left open runs
/// to the end of the search. Tags are taken out of it first, as Mautic's SearchStringHelper runs strip_tags on every
/// list's search (<c>&lt;b&gt;Acme&lt;/b&gt;</c> is <c>Acme</c>). A search holds at most <see cref="SearchTermLimit.MaxTerms"/> terms, as the contacts' does.
/// </summary>
public static class SearchTerms
{
    /// <exception cref="FormatException">The search holds more than <see cref="SearchTermLimit.MaxTerms"/> terms.</exception>
    public static IReadOnlyList<string> Parse(string? search)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(search))
            return terms;
        var term = new StringBuilder();
        var quoted = false;
        foreach (var c in PhpStripTags.Strip(search))
        {
            if (c == '"')
                quoted = !quoted;
            else if (char.IsWhiteSpace(c) && !quoted)
                Flush();
            else
                term.Append(c);
        }
        Flush();
        return SearchTermLimit.Refusal(terms.Count) is { } refusal ? throw new FormatException(refusal) : terms;

        void Flush()
        {
            if (term.Length > 0 && !string.IsNullOrWhiteSpace(term.ToString()))
                terms.Add(term.ToString().Trim());
            term.Clear();
        }
    }

    /// <summary>Whether every term appears in one of <paramref name="texts"/>, both lower-cased as every search compares them (<see cref="LowerCase"/>).</summary>
    public static bool AllIn(IReadOnlyList<string> terms, params string?[] texts)
    {
        // Most list requests search nothing: no entry's texts need lowering then.
        if (terms.Count == 0)
            return true;
        var lowered = texts.Select(text => text is null ? null : LowerCase.Of(text)).ToArray();
        return terms.All(term => LowerCase.Of(term) is var sought && lowered.Any(text => text?.Contains(sought, StringComparison.Ordinal) == true));
    }
}
