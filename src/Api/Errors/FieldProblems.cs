using System.Text.Json.Nodes;

namespace Actors.Api.Errors;

/// <summary>
/// Every problem a body has, by the name of the field or member it is in, answered together as Mautic's form validation
/// answers them: one error whose message is "field: message, field2: message" and whose details hold each field's
/// messages, so a client learns all it must correct from one answer. Names keep the order they were noted in.
/// </summary>
public sealed class FieldProblems
{
    private readonly OrderedDictionary<string, List<(string Message, string Detail)>> _byName = [];

    public bool Any => _byName.Count > 0;

    /// <summary>
    /// Notes a problem of <paramref name="name"/>: <paramref name="message"/> follows the name in the message, and
    /// <paramref name="detail"/>, where it is worded as a sentence of its own, stands in the details instead.
    /// </summary>
    public void Add(string name, string message, string? detail = null)
    {
        if (!_byName.TryGetValue(name, out var problems))
            _byName.Add(name, problems = []);
        problems.Add((message, detail ?? message));
    }

    public string Message => string.Join(", ", _byName.SelectMany(named => named.Value.Select(problem => $"{named.Key}: {problem.Message}")));

    public JsonObject Details()
    {
        var details = new JsonObject();
        foreach (var (name, problems) in _byName)
            details[name] = new JsonArray(problems.Select(problem => (JsonNode)JsonValue.Create(problem.Detail)).ToArray());
        return details;
    }

    /// <summary>The answer naming every problem noted, with <paramref name="status"/>.</summary>
    public IResult Result(int status) => ApiErrors.Problem(status, Message, Details());
}
