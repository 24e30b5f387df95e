using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Contacts;
using Actors.Runtime;

namespace Actors.Api.Catalogs;

/// <summary>
/// Applies one edit to every contact a filter matches, as Mautic's foreign keys do when a tag, segment or stage is
/// deleted or a tag renamed. The contacts are found in the contacts table and changed through their grains, a page
/// at a time; each edit makes its contact stop matching, so the next page starts again at the top. It runs inside the
/// request and is idempotent: an interrupted sweep is finished by repeating the request.
/// </summary>
public sealed class ContactSweep(IServiceProvider services, IGrainFactory grains, TimeProvider clock)
{
    private const int PageSize = 500;

    /// <summary>Edits every live contact matching <paramref name="filter"/>; answers how many it edited.</summary>
    public async Task<int> ApplyAsync(ContactFilter filter, Func<DateTimeOffset, ContactEdit> edit, CancellationToken cancellationToken)
    {
        ContactListReader reader;
        try
        {
            reader = services.GetRequiredService<ContactListReader>();
        }
        catch (NotSupportedException)
        {
            // The in-memory storage (tests of other parts) keeps no contacts table, and so no contact to sweep.
            return 0;
        }
        var done = new HashSet<long>();
        while (true)
        {
            var page = await reader.ReadAsync(new ContactListQuery { Filter = filter, Order = [new ContactOrder(ContactColumns.Id, false)], Limit = PageSize }, cancellationToken);
            // A contact that still matches after its edit (a tag differing only in case) is not edited twice.
            var fresh = page.Contacts.Select(c => c.Id).Where(done.Add).ToArray();
            if (fresh.Length == 0)
                return done.Count;
            await Task.WhenAll(fresh.Select(id => grains.GetContact(id).Apply(edit(clock.GetUtcNow()))));
        }
    }
}
