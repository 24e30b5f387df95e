using Actors.Grains.Contacts;
using Actors.Interfaces.Contacts;
using Actors.Runtime.Persistence;

// The heap a contact's state holds, as an anonymous new visitor's contact has it: after its first hit (an address and
// a device, stored with its lead.create and page.hit entries), and as the next activation reads it back from its row.
// Usage: dotnet run -c Release --project bench/ContactState.Bench [-- --contacts 100000]
var count = args.Length >= 2 && args[0] == "--contacts" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;

var fresh = Measure(count, _ => NewVisitor());
var stored = GrainStateSerializer.Serialize(NewVisitor());
var reactivated = Measure(count, _ => GrainStateSerializer.Deserialize<ContactState>(stored));

Console.WriteLine($".NET {Environment.Version}, {count:N0} contacts, averaged; strings shared, so only the state's own objects count");
Console.WriteLine($"{"new visitor's contact after its first hit",-46} {fresh.Held,6:N0} bytes held  {fresh.Allocated,6:N0} bytes allocated");
Console.WriteLine($"{"the same contact read back from its row",-46} {reactivated.Held,6:N0} bytes held  {reactivated.Allocated,6:N0} bytes allocated");
Console.WriteLine($"{"its stored payload",-46} {stored.Length,6:N0} bytes");

// What ContactGrain.RecordHit and Save change for a hit that names an address and a device and nothing else.
static ContactState NewVisitor()
{
    var at = DateTimeOffset.UnixEpoch;
    var state = new ContactState { LastActive = at };
    state.Writable.Ips.Add(Shared.Ip);
    state.Writable.Devices.Add(Shared.Device);
    state.DateAdded = at;
    state.DateModified = at;
    state.PendingTimeline.AddRange(Shared.Entries);
    state.PendingTimeline.Clear();
    return state;
}

static (double Held, double Allocated) Measure(int count, Func<int, ContactState> make)
{
    var states = new ContactState[count];
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < count; i++)
        states[i] = make(i);
    var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    var held = GC.GetTotalMemory(forceFullCollection: true) - before;
    GC.KeepAlive(states);
    return (held / (double)count, allocated / (double)count);
}

static class Shared
{
    public const string Ip = "203.0.113.7";
    public const string Device = "0123456789abcdef0123456789abcdef";
    public static readonly TimelineEvent[] Entries =
    [
        new(1, "lead.create", DateTimeOffset.UnixEpoch, new Dictionary<string, string?>()),
        new(1, "page.hit", DateTimeOffset.UnixEpoch, new Dictionary<string, string?>()),
    ];
}
