using System.Diagnostics;
using Actors.Cluster.Failover;

// Failover of a real cluster under pixel load; bench/cluster/run.sh starts the processes and passes their ports.
// Drives visitors through the Api, kills one silo with SIGKILL mid-load, keeps driving, then compares what was
// acknowledged with what the store holds and reports how long hits failed and when the table declared the silo Dead.
var options = FailoverOptions.Parse(args);
await EmailField.OpenToTrackingAsync(options.Api, options.AdminUser, options.AdminPassword);
var load = new HitLoad(options);
using var stop = new CancellationTokenSource();
var running = load.RunAsync(stop.Token);

await Task.Delay(options.BeforeKill);
var acknowledgedBeforeKill = load.Acknowledged;
var failedBeforeKill = load.Failed;
var killedAt = load.Now;
Process.GetProcessById(options.VictimPid).Kill();
var declaredDead = Task.Run(async () =>
{
    var dead = await DeathWatch.WaitForDeadAsync(options, options.AfterKill + TimeSpan.FromSeconds(60));
    return dead ? load.Now - killedAt : (TimeSpan?)null;
});

await Task.Delay(options.AfterKill);
await stop.CancelAsync();
await running;
var deadAfter = await declaredDead;

var stored = await StoreCounts.PageHitsAsync(options.StorageConnectionString);
var duplicates = await StoreCounts.DuplicateEmailsAsync(options.StorageConnectionString);
var identified = await StoreCounts.IdentifiedContactsAsync(options.StorageConnectionString);
var failing = load.LastFailure is { } last && last > killedAt ? last - killedAt : (TimeSpan?)null;

Console.WriteLine($"visitors {options.Visitors}, half identifying with {options.Emails} shared emails; kill after {options.BeforeKill.TotalSeconds:0} s, run on {options.AfterKill.TotalSeconds:0} s");
Console.WriteLine($"hits acknowledged     {load.Acknowledged} ({acknowledgedBeforeKill} answered before the kill)");
Console.WriteLine($"hits failed (503/err) {load.Failed} ({failedBeforeKill} answered before the kill)");
Console.WriteLine($"page.hit events       {stored}");
Console.WriteLine($"acknowledged but lost {Math.Max(0, load.Acknowledged - stored)}");
Console.WriteLine($"emails identified     {identified} of {options.Emails}");
Console.WriteLine($"duplicate contacts    {duplicates.Count}{string.Concat(duplicates.Select(d => $" {d.Email}x{d.Contacts}"))}");
Console.WriteLine($"hits failing for      {(failing is { } f ? $"{f.TotalSeconds:0.00} s after the kill (when the last failed hit was sent)" : "none after the kill")}");
Console.WriteLine($"declared Dead after   {(deadAfter is { } d2 ? $"{d2.TotalSeconds:0.00} s" : "not within the run")}");
Console.WriteLine("second after the kill: hits acknowledged / failed (by the second they were sent)");
var killSecond = (int)killedAt.TotalSeconds;
for (var second = Math.Max(0, killSecond - 2); second < (int)(killedAt + options.AfterKill).TotalSeconds; second++)
{
    var (acknowledged, failed) = load.InSecond(second);
    Console.WriteLine($"  {second - killSecond,3}: {acknowledged,5} / {failed}");
}
return load.Acknowledged > stored || duplicates.Count > 0 ? 1 : 0;
