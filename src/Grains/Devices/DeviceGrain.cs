using System.Globalization;
using Actors.Grains.Contacts;
using Actors.Grains.Identity;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Devices;
using Actors.Runtime;
using Actors.Runtime.Persistence;

namespace Actors.Grains.Devices;

internal sealed class DeviceState
{
    /// <summary>0 until the device's first hit.</summary>
    public long ContactId { get; set; }
    public string? UserAgent { get; set; }
    public DateTimeOffset? FirstSeen { get; set; }
    /// <summary>When the device was last seen, to the hour (see DeviceGrain.IsStale).</summary>
    public DateTimeOffset? LastSeen { get; set; }
}

/// <summary>
/// A tracked browser and the contact it belongs to. Track is where identity resolution happens (see
/// <see cref="Identification"/>): a hit carrying a unique identifier claims it for the device's contact, a claim
/// answered by another contact merges the two, and a hit naming someone else's identifier switches the device to them.
/// </summary>
internal sealed class DeviceGrain(
    [PersistentState("device")] IPersistentState<DeviceState> device,
    ContactIdSource contactIds,
    NewGrains newGrains) : Grain, IDeviceGrain
{
    // A contact can be merged away, deleted or given another unique value between two calls of one Track; each retry
    // starts again from where that left the hit. More than a few in a row means something is wrong, and the caller
    // should hear of it.
    private const int MaxAttempts = 5;

    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromHours(1);

    private readonly DeviceStateWriter _writer = new(device);

    public async Task<TrackResult> Track(TrackHit hit)
    {
        var deviceId = ValidDeviceId();
        using var newContact = await EnsureContact(hit.Page.At, hit.Page.UserAgent) ? ExpectNew(device.State.ContactId) : null;

        var identification = new Identification(GrainFactory, contactIds, hit);
        var startedWith = device.State.ContactId;
        var contactId = startedWith;
        for (var attempt = 1; ; attempt++)
        {
            contactId = await identification.Resolve(contactId);
            var outcome = await GrainFactory.GetContact(contactId).RecordHit(identification.PageFor(hit.Page with { DeviceId = deviceId }));
            if (outcome == HitOutcome.Recorded)
                break;
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"Device {deviceId} could not record its hit on a live contact after {MaxAttempts} attempts.");
            // Another device of the contact recorded another value of a unique field first: the hit's value is someone
            // else's, and the next Resolve finds it so, as if that value had been there before the hit began.
            if (outcome == HitOutcome.SomeoneElse)
                await identification.GiveBack(contactId);
            else if (await GrainFactory.GetContact(contactId).IsDeleted())
                contactId = await StartNewContact(hit.Page.At);
            else
                contactId = await GrainFactory.ResolveContactAsync(contactId);
        }

        // A MoveTo that interleaved with this Track means the contact the hit went to has since been merged:
        // answer (and keep) the winner rather than the tombstone.
        if (device.State.ContactId != startedWith)
            contactId = await GrainFactory.ResolveContactAsync(contactId);
        // Not a merge (the contact it started with, or that contact's winner, is still another live contact): the hit
        // named someone else, and the device is theirs now.
        if (contactId != startedWith && await GrainFactory.ResolveContactAsync(startedWith) is var previous && previous != contactId)
            await GrainFactory.GetContact(previous).ReleaseDevice(deviceId);
        var userAgent = hit.Page.UserAgent ?? device.State.UserAgent;
        if (device.State.ContactId != contactId || device.State.UserAgent != userAgent || IsStale(device.State.LastSeen, hit.Page.At))
        {
            device.State.ContactId = contactId;
            device.State.LastSeen = hit.Page.At;
            device.State.UserAgent = userAgent;
            await _writer.Save();
        }
        return new TrackResult(contactId, deviceId);
    }

    public async Task<TrackResult> Resolve(DateTimeOffset at)
    {
        var deviceId = ValidDeviceId();
        var isNew = await EnsureContact(at, userAgent: null);
        using var newContact = isNew ? ExpectNew(device.State.ContactId) : null;
        var contactId = await GrainFactory.ResolveContactAsync(device.State.ContactId);
        if (!isNew && await GrainFactory.GetContact(contactId).IsDeleted())
        {
            contactId = await StartNewContact(at);
            isNew = true;
        }
        if (isNew)
            await GrainFactory.GetContact(contactId).Apply(new ContactEdit { At = at });
        return new TrackResult(contactId, deviceId);
    }

    public async Task<TrackResult?> TrackReturning(TrackHit hit) => IsIssued() ? await Track(hit) : null;

    public async Task<TrackResult?> ResolveReturning(DateTimeOffset at) => IsIssued() ? await Resolve(at) : null;

    /// <summary>
    /// Whether this id was ever answered to a visitor: a device stores its contact before its id is first answered,
    /// so an empty state means a made-up or mistyped id. Its activation is let go, so ids made up by the thousand do
    /// not stay in memory.
    /// </summary>
    private bool IsIssued()
    {
        if (device.State.ContactId != 0)
            return true;
        DeactivateOnIdle();
        return false;
    }

    /// <summary>
    /// The device's contact was deleted: its visitor goes on as a new anonymous contact, as in Mautic, stored before
    /// anything refers to it. The deleted contact stays deleted.
    /// </summary>
    private async Task<long> StartNewContact(DateTimeOffset at)
    {
        device.State.ContactId = await contactIds.Next();
        device.State.LastSeen = at;
        await _writer.Save();
        return device.State.ContactId;
    }

    /// <summary>First sight: the device gets a new anonymous contact id, stored before anything refers to it. True when it did.</summary>
    private async Task<bool> EnsureContact(DateTimeOffset at, string? userAgent)
    {
        if (device.State.ContactId != 0)
            return false;
        device.State.ContactId = await contactIds.Next();
        device.State.FirstSeen = device.State.LastSeen = at;
        device.State.UserAgent = userAgent;
        await _writer.Save();
        return true;
    }

    /// <summary>An id fresh from <see cref="ContactIdSource"/> has no stored contact, so its first activation reads nothing.</summary>
    private IDisposable ExpectNew(long contactId) => newGrains.Expect<IContactGrain>(contactId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Last-seen is kept to the hour: a returning visitor's hits need no device write of their own (the
    /// contact's lastActive is exact), which saves one durable write per hit.
    /// </summary>
    private static bool IsStale(DateTimeOffset? lastSeen, DateTimeOffset now) => lastSeen is null || now - lastSeen.Value >= LastSeenResolution;

    private string ValidDeviceId()
    {
        var deviceId = this.GetPrimaryKeyString();
        return DeviceId.IsValid(deviceId)
            ? deviceId
            : throw new ArgumentException($"'{deviceId}' is not a tracking id: it must be {DeviceId.Length} characters of 0-9a-z.");
    }

    public Task MoveTo(long loserId, long winnerId)
    {
        if (device.State.ContactId != loserId)
            return Task.CompletedTask;
        device.State.ContactId = winnerId;
        return _writer.Save();
    }

    public Task<long> Contact() => Task.FromResult(device.State.ContactId);

    public Task<DeviceDescription> Describe() => Task.FromResult(new DeviceDescription(
        this.GetPrimaryKeyString(), device.State.ContactId, device.State.UserAgent, device.State.FirstSeen, device.State.LastSeen));
}
