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
/// directory, so that their emails count as taken, and clears the owners older builds left when they deleted a user
/// without sweeping its contacts (<see cref="ClearOwnersOfDeletedUsersAsync"/>).
/// </summary>
public sealed class UserDelete(IGrainFactory grains, ContactReferences references, ContactSweep sweep, IServiceProvider services)
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

    /// <summary>
    /// Takes every user id the directory no longer knows off the contacts it owns; answers those ids. One read of the
    /// owner ids finds none when there is nothing to do, and a pass cut short leaves its ids to the next one. The
    /// owners are read before the directory: a user is enrolled before any contact can name it, so an id read as an
    /// owner and then missing from the directory is a deleted user's, never a new user's.
    /// </summary>
    public async Task<IReadOnlyList<long>> ClearOwnersOfDeletedUsersAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<long> owners;
        try
        {
            owners = await services.GetRequiredService<ContactListReader>().ReadOwnerIdsAsync(cancellationToken);
        }
        catch (NotSupportedException)
        {
            // The in-memory storage (tests of other parts) keeps no contacts table.
            return [];
        }
        if (owners.Count == 0)
            return [];
        var known = (await Directory.List()).Concat(await Directory.Leaving()).Select(user => user.Id).ToHashSet();
        var deleted = owners.Where(owner => !known.Contains(owner)).ToArray();
        foreach (var owner in deleted)
            await SweepOwnerAsync(owner, cancellationToken);
        return deleted;
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
        await SweepOwnerAsync(userId, cancellationToken);
        await Directory.Remove(userId);
    }

    private Task SweepOwnerAsync(long userId, CancellationToken cancellationToken)
        => sweep.ApplyAsync(new Condition(ContactColumns.OwnerId, Comparison.Eq, [userId.ToString(CultureInfo.InvariantCulture)]),
            at => new() { At = at, LeaveOwner = userId }, cancellationToken);

    private IUserDirectoryGrain Directory => grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);
}
