namespace Actors.Runtime.Persistence.AdoNet;

/// <summary>
/// One write of a group commit: a single SQL statement and its parameters, whose answer is the first column
/// of its first row (the RETURNING value), or null when it returned no row.
/// </summary>
public sealed class WriteStatement(string sql)
{
    private readonly List<KeyValuePair<string, object?>> _parameters = [];

    public string Sql { get; } = sql;

    public IReadOnlyList<KeyValuePair<string, object?>> Parameters => _parameters;

    /// <summary>Adds a named parameter; null becomes SQL NULL.</summary>
    public WriteStatement With(string name, object? value)
    {
        _parameters.Add(new(name, value));
        return this;
    }
}
