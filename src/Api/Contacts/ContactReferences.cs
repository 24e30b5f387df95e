using System.Globalization;
using Actors.Api.Catalogs;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Segments;
using Actors.Interfaces.Stages;
using Actors.Interfaces.Tags;
using Actors.Interfaces.Users;
using Actors.Runtime;
using Actors.Runtime.Text;

namespace Actors.Api.Contacts;

/// <summary>
/// The entries contacts point at (segments, stages, users as owners, tags), as the front end sees them: read from their
/// grains at most once every few seconds, because every contact answered and every search needs them and they change
/// only when an operator edits one. This process's own edits invalidate it at once; a lookup that misses reads again
/// once, so an entry created a moment ago on another front end is found too.
/// </summary>
public sealed class ContactReferences(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly ReadThroughCache<Snapshot> _cache = new(clock, Freshness, async () =>
    {
        var segments = CatalogEndpoints.Catalog<Segment>(grains).List();
        var stages = CatalogEndpoints.Catalog<Stage>(grains).List();
        var tags = CatalogEndpoints.Catalog<Tag>(grains).List();
        var entries = await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).List();
        var users = await Task.WhenAll(entries.Select(e => grains.GetGrain<IUserGrain>(e.Username).Get()));
        return new Snapshot(await segments, await stages, users.OfType<UserRecord>().ToArray(), await tags);
    });

    public ValueTask<Snapshot> GetAsync() => _cache.GetAsync();

    /// <summary>
    /// The snapshot, knowing the id of each of <paramref name="tags"/> (the tags of the contacts to answer): a tag no
    /// list has given an id yet gets it now, as the tag list would give it, so a contact answers the ids /api/tags has.
    /// </summary>
    public async ValueTask<Snapshot> GetAsync(IEnumerable<string> tags)
    {
        var snapshot = await GetAsync();
        var unnamed = tags.Where(tag => snapshot.TagId(tag) is null).Distinct(Tag.NameComparer).Select(tag => new Tag(0, tag, null)).ToArray();
        if (unnamed.Length == 0)
            return snapshot;
        await CatalogEndpoints.Catalog<Tag>(grains).Ensure(unnamed);
        return await RefreshAsync();
    }

    public void Invalidate() => _cache.Invalidate();

    /// <summary>The stage a body's "stage" names (its id, or its exact name), reading again once when it is not known yet.</summary>
    public async ValueTask<Stage?> FindStageAsync(string idOrName)
        => (await GetAsync()).Stage(idOrName) ?? (await RefreshAsync()).Stage(idOrName);

    /// <summary>The user with this id if a contact may have it as owner: a published one (README, /list/owners).</summary>
    public async ValueTask<UserRecord?> FindOwnerAsync(long id)
        => Owner(await GetAsync(), id) ?? Owner(await RefreshAsync(), id);

    private static UserRecord? Owner(Snapshot snapshot, long id) => snapshot.User(id) is { IsPublished: true } user ? user : null;

    public async ValueTask<Segment?> FindSegmentAsync(long id)
        => (await GetAsync()).Segment(id) ?? (await RefreshAsync()).Segment(id);

    private ValueTask<Snapshot> RefreshAsync()
    {
        Invalidate();
        return GetAsync();
    }

    public sealed class Snapshot(IReadOnlyList<Segment> segments, IReadOnlyList<Stage> stages, IReadOnlyList<UserRecord> users, IReadOnlyList<Tag> tags)
    {
        private readonly Dictionary<long, Segment> _segments = segments.ToDictionary(s => s.Id);
        private readonly Dictionary<long, Stage> _stages = stages.ToDictionary(s => s.Id);
        private readonly Dictionary<long, UserRecord> _users = users.ToDictionary(u => u.Id);
        private readonly Dictionary<string, long> _tagIds = tags
            .SelectMany(t => t.HeldKeys.Select(name => KeyValuePair.Create(name, t.Id)))
            .DistinctBy(pair => pair.Key, Tag.NameComparer)
            .ToDictionary(Tag.NameComparer);

        public IReadOnlyList<Segment> Segments { get; } = segments;

        public IReadOnlyList<UserRecord> Users { get; } = users;

        public Segment? Segment(long id) => _segments.GetValueOrDefault(id);

        public UserRecord? User(long id) => _users.GetValueOrDefault(id);

        /// <summary>The id of the tag a contact holds by this name (ignoring case, as tags are told apart).</summary>
        public long? TagId(string name) => _tagIds.TryGetValue(name, out var id) ? id : null;

        /// <summary>A stage by id (as contacts store it), or by exact name.</summary>
        public Stage? Stage(string? idOrName) => idOrName is null
            ? null
            : long.TryParse(idOrName, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? _stages.GetValueOrDefault(id)
                : stages.FirstOrDefault(s => LowerCase.Same(s.Name, idOrName));

        /// <summary>What the segment:, stage: and owner: search commands match names against.</summary>
        public SearchReferences Search { get; } = new(
            segments.Select(s => new NamedId(s.Id, s.Alias)).ToArray(),
            stages.Select(s => new NamedId(s.Id, s.Name)).ToArray(),
            users.SelectMany(u => new[] { new NamedId(u.Id, u.FirstName), new NamedId(u.Id, u.LastName) }).ToArray());
    }
}
