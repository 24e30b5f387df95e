using System.Text.Json.Nodes;
using Actors.Interfaces.Catalogs;

namespace Actors.Api.Catalogs;

/// <summary>
/// What makes one kind of catalog entry a REST resource of /api: its route and JSON names, how a body becomes an
/// entry, how an entry is written, and what must happen to contacts when an entry changes or goes. The routes
/// themselves are the same for every kind (<see cref="CatalogEndpoints"/>).
/// </summary>
public abstract class CatalogResource<T> where T : class, ICatalogEntry<T>
{
    /// <summary>The route under /api, such as "segments".</summary>
    public abstract string Path { get; }

    /// <summary>The member holding one entry ("list") and the list of them ("lists").</summary>
    public abstract string One { get; }

    public abstract string Many { get; }

    /// <summary>The body member a <see cref="CatalogOutcome.KeyTaken"/> is reported on.</summary>
    public virtual string KeyMember => "alias";

    public abstract JsonObject Write(T entry);

    /// <summary>The texts ?search= looks in; a term must appear within one of them.</summary>
    public abstract string?[] SearchText(T entry);

    /// <summary>
    /// The entry a body describes, or null when <paramref name="input"/> noted problems. <paramref name="existing"/> is
    /// the entry an edit changes (null for POST and for a PUT that creates). With <paramref name="partial"/> (PATCH)
    /// absent members keep its values; otherwise the body describes the whole entry. <paramref name="others"/> are
    /// the other entries, for making a unique alias.
    /// </summary>
    public abstract T? Read(ResourceInput input, T? existing, bool partial, IReadOnlyList<T> others, DateTimeOffset now);

    /// <summary>The entries the list shows; tags add the ones contacts use.</summary>
    public virtual Task<IReadOnlyList<T>> ListAsync(IEntityCatalogGrain<T> catalog, CancellationToken cancellationToken) => catalog.List();

    /// <summary>Runs before an entry is removed, so that a crash leaves the entry to delete again rather than contacts pointing at nothing.</summary>
    public virtual Task BeforeRemoveAsync(T entry, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Ends the sweep of a change to <paramref name="entry"/> that is stored but may not have reached every contact
    /// (a rename, after it was stored, and on the next edit, in case a crash cut the earlier sweep short), and answers
    /// the entry as it is then: repeating an interrupted edit finishes it.
    /// </summary>
    public virtual Task<T> FinishAsync(T entry, CancellationToken cancellationToken) => Task.FromResult(entry);
}
