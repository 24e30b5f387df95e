using Microsoft.Extensions.Primitives;

namespace Actors.Api.Tracking;

/// <summary>
/// A tracking request's parameters as PHP, and so Mautic's tracker, reads them: a name sent twice keeps its last
/// value (<c>email=a&amp;email=b</c> is <c>b</c>), and a name sent with brackets (<c>tags[]=a&amp;tags[]=b</c>,
/// <c>tags[0]=a</c>) is a list. Sources merge by name as PHP's array_merge does: a source merged over replaces a
/// name's whole value, one merged under only adds names not yet read. Every name and value is cleaned and capped
/// (<see cref="TrackedValue"/>), and at most <see cref="TrackingOptions.MaxParameters"/> values are kept, so no input
/// can grow what is stored or carry markup into it.
/// </summary>
public sealed class TrackingParameters(TrackingOptions options)
{
    private const int MaxNameLength = 64;

    private readonly Dictionary<string, string> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _lists = new(StringComparer.Ordinal);
    private int _values;

    public string? this[string name] => _scalars.GetValueOrDefault(name);

    /// <summary>The single-valued parameters.</summary>
    public IReadOnlyDictionary<string, string> Scalars => _scalars;

    /// <summary>The values of a name sent with brackets, in the order sent; null when it was not sent as a list.</summary>
    public IReadOnlyList<string>? List(string name) => _lists.GetValueOrDefault(name);

    /// <summary>Every name sent with brackets and its values, in the order sent.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> Lists
        => _lists.Select(list => KeyValuePair.Create(list.Key, (IReadOnlyList<string>)list.Value));

    /// <summary>Every parameter for the timeline; a list reads as its values joined by commas.</summary>
    public Dictionary<string, string> ForTimeline()
    {
        var all = new Dictionary<string, string>(_scalars, StringComparer.Ordinal);
        foreach (var (name, values) in _lists)
            all[name] = string.Join(",", values);
        return all;
    }

    /// <summary>Merges one source (query string, form body, page_url's query); <paramref name="over"/> says whether its names win.</summary>
    public void Merge(IEnumerable<KeyValuePair<string, StringValues>> source, bool over, bool lowerCaseNames = false)
    {
        foreach (var (name, value) in Read(source, lowerCaseNames))
        {
            if (Contains(name))
            {
                if (!over)
                    continue;
                Remove(name);
            }
            if (value is List<string> list)
                AddList(name, list);
            else
                Set(name, (string)value);
        }
    }

    /// <summary>Sets one single-valued parameter, replacing whatever the name held.</summary>
    public void Set(string name, string value)
    {
        Remove(name);
        if (_values >= options.MaxParameters)
            return;
        _scalars[name] = Cleaned(name, value);
        _values++;
    }

    /// <summary>One source, names resolved within it: a plain name's last value, a bracketed name's values appended.</summary>
    private static Dictionary<string, object> Read(IEnumerable<KeyValuePair<string, StringValues>> source, bool lowerCaseNames)
    {
        var read = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (rawName, values) in source)
        {
            var key = TrackedValue.Text(rawName, int.MaxValue);
            var open = key.IndexOf('[');
            var isList = open > 0 && key.EndsWith(']');
            var name = isList ? key[..open] : key;
            if (lowerCaseNames)
                name = name.ToLowerInvariant();
            if (name.Length is 0 or > MaxNameLength || values.Count == 0)
                continue;
            if (!isList)
                read[name] = values[^1] ?? "";
            else if (read.GetValueOrDefault(name) is List<string> list)
                list.AddRange(values.Select(v => v ?? ""));
            else
                read[name] = values.Select(v => v ?? "").ToList();
        }
        return read;
    }

    private void AddList(string name, List<string> values)
    {
        var kept = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (_values >= options.MaxParameters)
                break;
            kept.Add(Cleaned(name, value));
            _values++;
        }
        _lists[name] = kept;
    }

    /// <summary>Whether the name was sent, as a single value (even an empty one) or as a list.</summary>
    public bool Contains(string name) => _scalars.ContainsKey(name) || _lists.ContainsKey(name);

    private void Remove(string name)
    {
        if (_scalars.Remove(name))
            _values--;
        if (_lists.Remove(name, out var list))
            _values -= list.Count;
    }

    /// <summary>A value cleaned as its name's values are: page_url and page_referrer as addresses, any other as text.</summary>
    private string Cleaned(string name, string value) => name is "page_url" or "page_referrer"
        ? TrackedValue.Url(value, options.MaxUrlLength)
        : TrackedValue.Text(value, options.MaxValueLength);
}
