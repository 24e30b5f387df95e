namespace Actors.Runtime.Tests.Persistence;

/// <summary>A grain state shaped like the ones the product keeps: collections, timestamps, nested records.</summary>
public sealed class TestState
{
    public string Name { get; set; } = "";

    public int Count { get; set; }

    public List<string> Tags { get; set; } = [];

    public Dictionary<string, int> Scores { get; set; } = [];

    public DateTimeOffset? LastSeen { get; set; }

    public Address? Home { get; set; }

    public static TestState Sample(string name) => new()
    {
        // The NUL character is there on purpose: it is what a jsonb column would refuse.
        Name = name + "\u0000é✓",
        Count = 42,
        Tags = ["a", "b"],
        Scores = { ["x"] = 1, ["y"] = -2 },
        LastSeen = new DateTimeOffset(2026, 11, 22, 10, 30, 15, 123, TimeSpan.FromHours(2)),
        Home = new Address("Lisbon", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)),
    };
}

public sealed record Address(string City, DateTimeOffset Since);
