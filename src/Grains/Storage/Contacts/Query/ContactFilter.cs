namespace Actors.Grains.Storage.Contacts.Query;

/// <summary>
/// A condition on contacts, built from a search string or where expressions and translated to SQL by
/// <see cref="ContactFilterSql"/>. Values stay strings until then: each becomes a parameter of its column's type.
/// </summary>
public abstract record ContactFilter
{
    /// <summary>Matches every contact.</summary>
    public static readonly ContactFilter All = new AllOf([]);

    /// <summary>Matches no contact.</summary>
    public static readonly ContactFilter None = new AnyOf([]);
}

/// <summary>Every part holds; with no parts, always true.</summary>
public sealed record AllOf(IReadOnlyList<ContactFilter> Parts) : ContactFilter;

/// <summary>At least one part holds; with no parts, always false.</summary>
public sealed record AnyOf(IReadOnlyList<ContactFilter> Parts) : ContactFilter;

/// <summary>
/// The inner filter does not hold. A contact whose value is missing (NULL) counts as not matching the inner filter,
/// so "!city:paris" includes contacts without a city.
/// </summary>
public sealed record Not(ContactFilter Inner) : ContactFilter;

/// <summary>A column compared with values; how many values each comparison takes is checked at translation.</summary>
public sealed record Condition(ContactColumn Column, Comparison Comparison, IReadOnlyList<string> Values) : ContactFilter;

/// <summary>
/// Some element of one of the contact's sets (tags, IP addresses, segments) matches: LIKE the pattern
/// (case-insensitive), or equal to it when <see cref="Exact"/>.
/// </summary>
public sealed record SetContains(ContactSet Set, string Value, bool Exact) : ContactFilter;

/// <summary>
/// The column's value is one of <see cref="Ids"/>: what stage: and owner: become once their name is matched. The ids
/// go to SQL as one parameter, so a name that matches thousands of entries neither deepens the statement nor adds
/// a parameter per entry (SQLite refuses past 1000 levels and 32766 parameters).
/// </summary>
public sealed record ColumnAmong(ContactColumn Column, IReadOnlyList<long> Ids) : ContactFilter;

/// <summary>Some element of the set is one of <see cref="Ids"/>, as one parameter, as in <see cref="ColumnAmong"/>: what segment: and company_id: become.</summary>
public sealed record SetHoldsAny(ContactSet Set, IReadOnlyList<long> Ids) : ContactFilter;

/// <summary>
/// One of the companies the contact is linked to has a name LIKE <see cref="Pattern"/> (case-insensitive), read from
/// the companies table, so a renamed company is found by its new name and a deleted one by none: what company: becomes.
/// </summary>
public sealed record LinkedCompanyNamed(string Pattern) : ContactFilter;

public enum Comparison
{
    Eq, Neq, Lt, Lte, Gt, Gte, Like, NotLike, In, NotIn, Between, NotBetween, IsNull, IsNotNull, IsEmpty, IsNotEmpty,
}

/// <summary>The sets kept only in the payload, named by their JSON property there.</summary>
public enum ContactSet
{
    Tags,
    Ips,
    Segments,

    /// <summary>The ids of the companies the contact is linked to (the companyId of each link).</summary>
    Companies,

    /// <summary>The ids of the imports that wrote the contact (the keys of its imports).</summary>
    Imports,
}

/// <summary>A filter that cannot be run: a value of the wrong type, a wrong number of values. The API answers 400.</summary>
public sealed class ContactQueryException(string message) : Exception(message);
