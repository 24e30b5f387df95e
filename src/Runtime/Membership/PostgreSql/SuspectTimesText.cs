using System.Globalization;

namespace Actors.Runtime.Membership.PostgreSql;

/// <summary>Orleans's text form of a row's votes, "silo,time|silo,time", with round-trip UTC times.</summary>
internal static class SuspectTimesText
{
    public static string Format(IReadOnlyList<SuspectVote> votes) =>
        string.Join('|', votes.Select(vote => $"{vote.Voter},{vote.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}"));

    public static IReadOnlyList<SuspectVote> Parse(string text) =>
    [
        .. text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(vote =>
        {
            var comma = vote.LastIndexOf(',');
            return new SuspectVote(SiloAddress.Parse(vote[..comma]),
                DateTimeOffset.Parse(vote[(comma + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
        }),
    ];
}
