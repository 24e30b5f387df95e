using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Runtime.Membership.Redis;

/// <summary>
/// A silo's field value in the cluster's hash: its entry and its row ETag (the table version of its last versioned
/// write), as JSON. The Lua scripts read "etag" to check a conditional write and replace "iAmAliveTime" for a
/// heartbeat; the rest is only read by .NET.
/// </summary>
internal sealed record RedisMembershipDocument(
    [property: JsonPropertyName("etag")] string ETag,
    string Silo,
    SiloStatus Status,
    string SiloName,
    string HostName,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime,
    IReadOnlyList<RedisMembershipDocument.Vote> SuspectTimes)
{
    internal sealed record Vote(string Voter, DateTimeOffset Time);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(MembershipEntry entry, string etag) => JsonSerializer.Serialize(
        new RedisMembershipDocument(etag, entry.Silo.ToString(), entry.Status, entry.SiloName, entry.HostName, entry.StartTime,
            entry.IAmAliveTime, [.. entry.SuspectTimes.Select(vote => new Vote(vote.Voter.ToString(), vote.Time))]),
        Json);

    /// <summary>The JSON value of a heartbeat time, quotes included, as <see cref="RedisMembershipScripts.Heartbeat"/> splices it in.</summary>
    public static string SerializeTime(DateTimeOffset time) => JsonSerializer.Serialize(time, Json);

    public static MembershipRow Deserialize(string json)
    {
        var document = JsonSerializer.Deserialize<RedisMembershipDocument>(json, Json)
            ?? throw new JsonException("A membership row is JSON null.");
        var entry = new MembershipEntry
        {
            Silo = SiloAddress.Parse(document.Silo),
            Status = document.Status,
            SiloName = document.SiloName,
            HostName = document.HostName,
            StartTime = document.StartTime,
            IAmAliveTime = document.IAmAliveTime,
            SuspectTimes = [.. document.SuspectTimes.Select(vote => new SuspectVote(SiloAddress.Parse(vote.Voter), vote.Time))],
        };
        return new MembershipRow(entry, document.ETag);
    }
}
