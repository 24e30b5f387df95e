using Actors.Runtime;
using Actors.Runtime.Concurrency;

namespace Actors.Interfaces.Catalogs;

/// <summary>
/// The whole set of one kind of small, operator-managed entity (segments, stages, tags, categories) in one grain,
/// keyed by <see cref="ICatalogEntry{T}.CatalogKey"/>. These sets hold tens to thousands of entries and change only
/// when an operator edits them, while every contact read and search consults them: one grain keeps id allocation
/// and the uniqueness of <see cref="ICatalogEntry{T}.UniqueKey"/> atomic without a table or a lock, its reads
/// interleave ([ReadOnly]), and the front end caches its answer for a few seconds, so the grain sees one call per
/// cache refresh rather than one per request. A kind that could grow to millions would need a grain per entry.
/// </summary>
public interface IEntityCatalogGrain<T> : IGrainWithStringKey where T : class, ICatalogEntry<T>
{
    /// <summary>Every entry, by id, but those being removed.</summary>
    [ReadOnly]
    Task<IReadOnlyList<T>> List();

    /// <summary>The entry, or null when there is none or it is being removed.</summary>
    [ReadOnly]
    Task<T?> Get(long id);

    /// <summary>The entries a delete marked (<see cref="BeginRemove"/>) and has not removed yet: deletes cut short.</summary>
    [ReadOnly]
    Task<IReadOnlyList<T>> Removing();

    /// <summary>Stores a new entry under a fresh id (ids are never reused); <see cref="CatalogOutcome.KeyTaken"/> when its unique key is in use.</summary>
    Task<CatalogResult<T>> Add(T entry);

    /// <summary>
    /// Adds each candidate whose unique key no entry has yet and answers the stored entry of every candidate, so
    /// names seen elsewhere (tags on contacts) get ids. Candidates come with id 0.
    /// </summary>
    Task<IReadOnlyList<T>> Ensure(IReadOnlyList<T> candidates);

    /// <summary>
    /// As <see cref="Ensure"/>, adding at most <paramref name="maxNew"/> entries: a candidate no entry holds once
    /// they are added is answered null. For names that come in unauthenticated (tracking), whose new entries each
    /// silo rations; the catalog alone knows exactly which names it holds.
    /// </summary>
    Task<EnsuredEntries<T>> EnsureAtMost(IReadOnlyList<T> candidates, int maxNew);

    /// <summary>Replaces the entry with the same id; NotFound when there is none, KeyTaken when another entry holds one of its keys.</summary>
    Task<CatalogResult<T>> Replace(T entry);

    /// <summary>
    /// Replaces the entry only while it is still <paramref name="expected"/>, for a request that ends a change it read
    /// (a rename whose contacts it swept) without undoing a change another request made meanwhile: Changed, with the
    /// entry as it is now, otherwise.
    /// </summary>
    Task<CatalogResult<T>> ReplaceIf(T expected, T entry);

    /// <summary>
    /// Marks the entry as being removed and answers it, or null when there is none; an entry marked already is answered
    /// too, so repeating a delete that a crash cut short finds it. From then on <see cref="Get"/> and <see cref="List"/>
    /// leave it out, while its key stays held, until <see cref="Remove"/>: a change that points contacts at it and
    /// reads it again afterwards learns it is going (see Actors.Grains.Catalogs.GoingEntries).
    /// </summary>
    Task<T?> BeginRemove(long id);

    /// <summary>Removes the entry, marked or not, and answers it as it was, or null when there was none.</summary>
    Task<T?> Remove(long id);
}

/// <summary>An entry of an <see cref="IEntityCatalogGrain{T}"/>: an immutable record with an id and, optionally, a unique key.</summary>
public interface ICatalogEntry<T> where T : class, ICatalogEntry<T>
{
    /// <summary>The key of the one catalog grain of this kind.</summary>
    static abstract string CatalogKey { get; }

    long Id { get; }

    /// <summary>What no two entries may share (compared ignoring case), such as an alias; null when anything goes.</summary>
    string? UniqueKey { get; }

    /// <summary>
    /// Every key no other entry may share: <see cref="UniqueKey"/>, and any a change in progress still holds (a renamed
    /// tag keeps its former name until its contacts are renamed, so that name cannot come back as another tag).
    /// </summary>
    IEnumerable<string> HeldKeys => UniqueKey is null ? [] : [UniqueKey];

    T WithId(long id);
}

public enum CatalogOutcome
{
    Done,
    NotFound,
    KeyTaken,
    Changed,
}

/// <summary>What a catalog change did: the entry as stored, the entry that holds the key (KeyTaken), or the entry as it is now (Changed).</summary>
public sealed record CatalogResult<T>(CatalogOutcome Outcome, T? Entry);

/// <summary>What <see cref="IEntityCatalogGrain{T}.EnsureAtMost"/> did: each candidate's entry (null: not added), and how many it added.</summary>
public sealed record EnsuredEntries<T>(IReadOnlyList<T?> Entries, int Added);
