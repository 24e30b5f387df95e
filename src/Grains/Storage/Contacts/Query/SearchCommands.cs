using System.Globalization;
using Actors.Grains.Errors;
using Actors.Grains.Imports;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;

namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// What one search term means (MAUTIC-SPEC 3.5). A bare term matches anywhere in the name, contact and location
/// fields; "cmd:value" matches the start of the value, or all of it with "+". A command Mautic does not know is, as
/// Mautic's CommonRepository reads it, one word "cmd:value" matched whole and never negated, so it narrows the search
/// as any word does. The commands Mautic answers from tables this service does not keep (email_sent:, page_id:...,
/// <see cref="SearchCommandNames.Unsupported"/>) are refused: ignoring one would answer every contact.
/// </summary>
internal sealed class SearchCommands(IReadOnlyList<FieldDefinition> fields, long? currentUserId, SearchReferences references)
{
    // Mautic's bare-term columns: the name, email, company and location fields and the social ones.
    static readonly string[] BareTermFields =
    [
        "firstname", "lastname", "email", "company", "city", "state", "zipcode", "country",
        "facebook", "foursquare", "instagram", "linkedin", "skype", "twitter",
    ];

    public ContactFilter? Filter(SearchToken token)
    {
        var filter = token.CommandLength < 0 ? BareTerm(token) : Command(token);
        return filter switch
        {
            null => null,
            Word word => word.Filter,
            _ => token.Negate ? new Not(filter) : filter,
        };
    }

    /// <summary>A command read as one word (<see cref="AsWord"/>), which no "!" negates.</summary>
    sealed record Word(ContactFilter Filter) : ContactFilter;

    /// <summary>The term "cmd:value" as Mautic reads a command it does not support: one strict word.</summary>
    static Word AsWord(SearchToken token) => new(BareTerm(token with { Strict = true })!);

    static ContactFilter? BareTerm(SearchToken token)
    {
        if (token.Text.Length == 0)
            return null;
        // Mautic adds no "%" to a term that holds one; the term is made canonical first, so that a "\" ending it stays a
        // backslash rather than escaping the "%" added after it.
        var text = LikePattern.Canonical(token.Text);
        var pattern = token.Text.Contains('%') || token.Strict ? text : $"%{text}%";
        return new AnyOf(BareTermFields.Select(alias => Like(ContactColumns.Column(alias) ?? new ContactColumn(alias, ColumnKind.Text, InFields: true), pattern)).ToArray());
    }

    ContactFilter? Command(SearchToken token)
    {
        var command = token.Text[..token.CommandLength].ToLowerInvariant();
        var value = token.Text[(token.CommandLength + 1)..];
        if (value.Length == 0)
            return null;
        if (SearchCommandNames.Unsupported.Contains(command))
            throw new ContactQueryException($"search: the command {EchoedInput.Cap(command)}: needs records this service does not keep, so it cannot be searched.");
        var pattern = token.Strict ? LikePattern.Canonical(value) : LikePattern.Canonical(value) + "%";
        return command switch
        {
            "is" => Is(value.ToLowerInvariant()) ?? AsWord(token),
            "name" => new AnyOf([Like(ContactColumns.Column("firstname")!, pattern), Like(ContactColumns.Column("lastname")!, pattern)]),
            "email" => Like(ContactColumns.Column(command)!, pattern),
            // Mautic matches the names of the linked companies (companies_leads), primary or not, and their ids exactly.
            "company" => new LinkedCompanyNamed(pattern),
            "company_id" => SetHolding(ContactSet.Companies, Number(value)),
            "import_id" => new SetContains(ContactSet.Imports, value, Exact: true),
            // Contacts store stage and owner ids; Mautic matches the stage's name and the owner's first or last name.
            "stage" => Among(ContactColumns.Column("stage")!, Named(references.Stages, value, token.Strict)),
            "owner" => Among(ContactColumns.OwnerId, [.. Named(references.Owners, value, token.Strict), .. Number(value)]),
            "ids" => Ids(value),
            "tag" => new SetContains(ContactSet.Tags, pattern, Exact: false),
            "ip" => new SetContains(ContactSet.Ips, IpPattern(value, token.Strict), Exact: false),
            // Mautic matches the segment's alias exactly; a segment id works too.
            "segment" => SetHolding(ContactSet.Segments, SegmentIds(value)),
            // In every one of the segments "+" joins; one that names no segment leaves no contact.
            "common" => new AllOf(value.Split('+').Select(segment => SetHolding(ContactSet.Segments, SegmentIds(segment))).ToArray()),
            _ => ContactColumns.Field(command, fields) is { } field ? Like(field, FieldPattern(field, value, token.Strict) ?? pattern) : AsWord(token),
        };
    }

    /// <summary>
    /// A number names the segment of that id, and no other: an alias of digits alone, which only older builds gave,
    /// is matched only when no segment has that id. Anything else is an alias, matched whole.
    /// </summary>
    IEnumerable<long> SegmentIds(string aliasOrId)
    {
        var aliased = Named(references.Segments, aliasOrId, strict: true).ToArray();
        if (Number(aliasOrId) is not [var id])
            return aliased;
        return references.Segments.Any(segment => segment.Id == id) || aliased.Length == 0 ? [id] : aliased;
    }

    // A number is stored in one form ("1.0" as 1), so a number searched for is looked for in that form too.
    static string? FieldPattern(ContactColumn field, string value, bool strict)
        => field.Kind == ColumnKind.Number && ImportValues.Number(value, out var number) ? (strict ? number : number + "%") : null;

    ContactFilter? Is(string what) => what switch
    {
        "anonymous" => new Condition(ContactColumns.IsAnonymous, Comparison.Eq, ["1"]),
        "mine" => currentUserId is { } user ? Equal(ContactColumns.OwnerId, user) : ContactFilter.None,
        "unowned" => new Condition(ContactColumns.OwnerId, Comparison.IsNull, []),
        _ => null,
    };

    static ContactFilter Ids(string value)
    {
        var ids = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .ToArray();
        return ids.Length == 0 ? ContactFilter.None : new Condition(ContactColumns.Id, Comparison.In, ids);
    }

    /// <summary>The ids whose name matches as a command value does: a prefix, all of it when strict, read as a LIKE pattern; ignoring case.</summary>
    static IEnumerable<long> Named(IReadOnlyList<NamedId> names, string value, bool strict)
    {
        var matches = LikePattern.Matcher(strict ? value : LikePattern.Canonical(value) + "%");
        return names.Where(n => matches(n.Name)).Select(n => n.Id).Distinct();
    }

    static long[] Number(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? [id] : [];

    // A name matching every entry (stage:%, segment:%) becomes one filter over the whole id list, never one per id.
    static ContactFilter Among(ContactColumn column, IEnumerable<long> ids) =>
        ids.Distinct().ToArray() is { Length: > 0 } distinct ? new ColumnAmong(column, distinct) : ContactFilter.None;

    /// <summary>A whole address is read in the one form contacts keep it in: 2001:DB8::0001 finds 2001:db8::1.</summary>
    static string IpPattern(string value, bool strict)
    {
        var ip = IpAddressSpelling.Canonical(value) ?? value;
        return strict ? ip : ip + "%";
    }

    static ContactFilter SetHolding(ContactSet set, IEnumerable<long> ids) =>
        ids.Distinct().ToArray() is { Length: > 0 } distinct ? new SetHoldsAny(set, distinct) : ContactFilter.None;

    static Condition Like(ContactColumn column, string pattern) => new(column, Comparison.Like, [pattern]);

    static Condition Equal(ContactColumn column, long value) => new(column, Comparison.Eq, [value.ToString(CultureInfo.InvariantCulture)]);
}
