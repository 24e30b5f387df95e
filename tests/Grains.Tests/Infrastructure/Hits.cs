using Actors.Interfaces.Contacts;

namespace Actors.Grains.Tests.Infrastructure;

/// <summary>Page hits for tests, at fixed times so merge rules that compare times are deterministic.</summary>
public static class Hits
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Minute(int n) => Start.AddMinutes(n);

    public static PageHit Page(int minute, string url = "https://example.com/") => new() { At = Minute(minute), Url = url };

    public static PageHit WithEmail(this PageHit hit, string email) => hit.WithField("email", email);

    public static PageHit WithField(this PageHit hit, string alias, string? value)
        => hit with { Fields = new Dictionary<string, string?>(hit.Fields) { [alias] = value } };
}
