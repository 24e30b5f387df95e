using System.Globalization;
using Actors.Api.Contacts.List;
using Actors.Grains.Errors;

namespace Actors.Api.Lists;

/// <summary>
/// The paging parameters every Mautic entity list takes (seed 004 "List Contact Notes" and the other lists): search,
/// start (default 0), limit (default 30; 0 means all), orderBy, orderByDir (asc or desc). A malformed value is a
/// FormatException naming the parameter, which the endpoints answer with 400.
/// </summary>
public sealed record ListParameters(string? Search, long Start, long Limit, string? OrderBy, bool Descending)
{
    /// <summary>Mautic's default_pagelimit.</summary>
    public const int DefaultLimit = 30;

    /// <summary>
    /// The parameters of <paramref name="request"/>'s raw query, read in pair order as PHP reads them
    /// (<see cref="BracketQuery.Text"/>): one given twice holds the later value, so "limit=1&amp;limit=2" is 2.
    /// </summary>
    /// <param name="defaultLimit">The limit when the query gives none; 0 lists everything.</param>
    /// <exception cref="FormatException">start or limit is not a whole number of zero or more, orderByDir is neither asc nor desc, or one of them is an array.</exception>
    public static ListParameters Read(HttpRequest request, long defaultLimit = DefaultLimit)
    {
        var query = request.QueryString.Value ?? "";
        var direction = BracketQuery.Text(query, "orderByDir") ?? "";
        if (direction.Length > 0 && !direction.Equals("asc", StringComparison.OrdinalIgnoreCase) && !direction.Equals("desc", StringComparison.OrdinalIgnoreCase))
            throw new FormatException("orderByDir must be asc or desc.");
        var search = (BracketQuery.Text(query, "search") ?? "").Trim();
        var orderBy = (BracketQuery.Text(query, "orderBy") ?? "").Trim();
        return new ListParameters(
            search.Length == 0 ? null : search,
            Whole(query, "start", 0),
            Whole(query, "limit", defaultLimit),
            orderBy.Length == 0 ? null : orderBy,
            direction.Equals("desc", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The page of an in-memory list, for resources kept in one grain, in the order of <paramref name="orderings"/>'s
    /// entry for OrderBy (<paramref name="fallback"/> when there is none), the id breaking ties.
    /// </summary>
    /// <exception cref="FormatException">OrderBy names none of <paramref name="orderings"/>, properties of a <paramref name="what"/>.</exception>
    public IEnumerable<T> Page<T>(IEnumerable<T> items, string what, IReadOnlyDictionary<string, Func<T, IComparable?>> orderings, string fallback, Func<T, long> id)
    {
        if (!orderings.TryGetValue(OrderBy ?? fallback, out var key))
            throw new FormatException($"orderBy: there is no {what} property '{EchoedInput.Cap(OrderBy ?? fallback)}'.");
        return Page(Descending ? items.OrderByDescending(key).ThenByDescending(id) : items.OrderBy(key).ThenBy(id));
    }

    /// <summary>The page of an in-memory list, for resources kept in one grain.</summary>
    public IEnumerable<T> Page<T>(IEnumerable<T> items) => Limit == 0 ? items.Skip((int)Math.Min(Start, int.MaxValue)) : items.Skip((int)Math.Min(Start, int.MaxValue)).Take((int)Math.Min(Limit, int.MaxValue));

    private static long Whole(string query, string name, long fallback)
    {
        var text = BracketQuery.Text(query, name);
        if (string.IsNullOrEmpty(text))
            return fallback;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} must be a whole number of zero or more.");
    }
}
