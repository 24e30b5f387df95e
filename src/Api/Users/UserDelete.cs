using System.Globalization;
using Actors.Api.Catalogs;
using Actors.Api.Contacts;
using Actors.Grains.Storage.Contacts.Query;
using Actors.Interfaces.Users;
using Actors.Runtime;

namespace Actors.Api.Users;

/// <summary>
/// Deleting a user takes it off every contact it owned, as Mautic's foreign key sets leads.owner_id to NULL, so GET,
/// search (<c>is:unowned</c>, <c>owner:</c>), <c>where</c> and the export agree that those contacts have no owner. The
/// user grain marks the user as leaving in the directory (<see cref="IUserDirectoryGrain.BeginRemove"/>); a write that
/// gave a contact this owner and lands after the mark takes it back (Actors.Grains.Catalogs.GoingEntries), and every
/// other one is in the contacts table before the sweep reads it. Then the contacts are swept and the directory forgets
/// the user. Every step is idempotent, so a delete a crash cut short is finished by <see cref="UnfinishedCatalogChanges"/>
/// when the process starts. That start-up pass also records the emails of users enrolled by builds that kept none in the
/// directory, so that their emails count as taken.
/// </summary>
public sealed class UserDelete(IGrainFactory grains, ContactReferences references, ContactSweep sweep)
{
    /// <summary>Deletes the user and sweeps its contacts; the grain's answer (the user as it was, or why not).</summary>
    public async Task<UserResult> RunAsync(UserRecord user, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<IUserGrain>(user.Username).Delete();
        if (result.Outcome == UserOutcome.Done)
            await FinishAsync(user.Id, cancellationToken);
        return result;
    }

    /// <summary>Finishes the deletes a crash cut short, and teaches the directory the emails it does not know.</summary>
    public async Task FinishUnfinishedAsync(CancellationToken cancellationToken)
    {
        foreach (var leaving in await Directory.Leaving())
            await FinishLeavingAsync(leaving, cancellationToken);
        foreach (var entry in (await Directory.List()).Where(e => e.Email is null))
        {
            if (await grains.GetGrain<IUserGrain>(entry.Username).Get() is { } user && user.Id == entry.Id)
                await Directory.LearnEmail(entry.Id, user.Email);
        }
    }

    /// <summary>
    /// Finishes the delete of this user if one was cut short (a crash, or the client going away mid-sweep), so that
    /// repeating the DELETE does what the first one began; false when no delete of this id is unfinished.
    /// </summary>
    public async Task<bool> FinishIfLeavingAsync(long userId, CancellationToken cancellationToken)
    {
        if ((await Directory.Leaving()).FirstOrDefault(e => e.Id == userId) is not { } leaving)
            return false;
        await FinishLeavingAsync(leaving, cancellationToken);
        return true;
    }

    private async Task FinishLeavingAsync(UserEntry leaving, CancellationToken cancellationToken)
    {
        // The grain may still hold the user when the crash came right after the mark; a user created again under
        // the name since is another id, and stays.
        var user = grains.GetGrain<IUserGrain>(leaving.Username);
        if ((await user.Get())?.Id == leaving.Id)
            await user.Delete();
        await FinishAsync(leaving.Id, cancellationToken);
    }

    private async Task FinishAsync(long userId, CancellationToken cancellationToken)
    {
        references.Invalidate();
        await sweep.ApplyAsync(new Condition(ContactColumns.OwnerId, Comparison.Eq, [userId.ToString(CultureInfo.InvariantCulture)]),
            at => new() { At = at, LeaveOwner = userId }, cancellationToken);
        await Directory.Remove(userId);
    }

    private IUserDirectoryGrain Directory => grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);
}
