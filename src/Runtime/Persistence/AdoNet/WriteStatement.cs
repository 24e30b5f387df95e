namespace Actors.Runtime.Persistence.AdoNet;

/// <summary>
/// One write of a group commit: a single SQL statement and its parameters, whose answer is the first column
/// of its first row (the RETURNING value), or null when it returned no row.
/// </summary>
public sealed class WriteStatement(string sql)
{
    private readonly List<KeyValuePair<string, object?>> _parameters = [];
    private readonly List<WriteStatement> _followUps = [];

    public string Sql { get; } = sql;

    public IReadOnlyList<KeyValuePair<string, object?>> Parameters => _parameters;

    /// <summary>Statements that run after this one in its transaction, only when it answered a row; see <see cref="Then"/>.</summary>
    public IReadOnlyList<WriteStatement> FollowUps => _followUps;

    /// <summary>Adds a named parameter; null becomes SQL NULL.</summary>
    public WriteStatement With(string name, object? value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    /// <summary>
    /// Adds a statement that belongs to this write: it runs right after this one, in the same transaction, only when
    /// this one answered a row (a compare-and-set that stored), and a failure of either fails the transaction. Only a
    /// provider that runs a transaction's statements one by one (SQLite) can decide between them; on PostgreSQL, whose
    /// statements travel as one command batch, the dependent write goes inside the statement (a data-modifying WITH).
    /// </summary>
    public WriteStatement Then(WriteStatement followUp)
    {
        _followUps.Add(followUp);
        return this;
    }
}
