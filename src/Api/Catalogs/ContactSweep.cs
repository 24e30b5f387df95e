using System.Globalization;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Contacts;
using Actors.Runtime;

namespace Actors.Api.Catalogs;

/// <summary>
/// Visits every live contact a filter matches, to follow an operator's change through the contacts as Mautic's
/// foreign keys and columns do: a deleted tag, segment, stage or field, a renamed tag, a field made unique. The
/// contacts are found in the contacts table in pages, in id order after the last one visited, so the sweep ends
/// whether or not a visit makes a contact stop matching; each is changed through its grain. It runs inside the request
/// and every visit is idempotent, so an interrupted sweep is finished by repeating the request.
/// </summary>
// It takes the grain factory from the services when it runs, not when it is made: the routes make the resources that
// use it while mapping, before start-up has validated the runtime's options.
public sealed class ContactSweep(IServiceProvider services, TimeProvider clock)
{
    private const int PageSize = 500;

    /// <summary>Applies the edit <paramref name="edit"/> makes to every live contact matching <paramref name="filter"/>.</summary>
    public Task<int> ApplyAsync(ContactFilter filter, Func<DateTimeOffset, ContactEdit> edit, CancellationToken cancellationToken)
        => VisitAsync(filter, contact => Apply(contact, edit), cancellationToken);

    /// <summary>
    /// Applies the edit to every live contact of <paramref name="candidates"/> that <paramref name="matches"/>: for a
    /// match SQL cannot decide alike in both stores, narrowed there to candidates and decided here.
    /// </summary>
    public Task ApplyAsync(ContactFilter candidates, Func<ContactSnapshot, bool> matches, Func<DateTimeOffset, ContactEdit> edit,
        CancellationToken cancellationToken)
        => VisitAsync(candidates, contact => matches(contact) ? Apply(contact, edit) : Task.CompletedTask, cancellationToken);

    /// <summary>Runs <paramref name="visit"/> on every live contact matching <paramref name="filter"/>; answers how many it visited.</summary>
    public async Task<int> VisitAsync(ContactFilter filter, Func<ContactSnapshot, Task> visit, CancellationToken cancellationToken)
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
        var visited = 0;
        var after = 0L;
        while (true)
        {
            var page = await reader.ReadAsync(new ContactListQuery
            {
                Filter = new AllOf([filter, new Condition(ContactColumns.Id, Comparison.Gt, [after.ToString(CultureInfo.InvariantCulture)])]),
                Order = [new ContactOrder(ContactColumns.Id, Descending: false)],
                Limit = PageSize,
            }, cancellationToken);
            if (page.Contacts.Count == 0)
                return visited;
            await Task.WhenAll(page.Contacts.Select(c => visit(Grains.Contacts.ContactPayload.ToSnapshot(c.Id, c.Payload, c.LastActive))));
            visited += page.Contacts.Count;
            after = page.Contacts[^1].Id;
        }
    }

    private Task Apply(ContactSnapshot contact, Func<DateTimeOffset, ContactEdit> edit)
        => services.GetRequiredService<IGrainFactory>().GetContact(contact.Id).Apply(edit(clock.GetUtcNow()));
}
