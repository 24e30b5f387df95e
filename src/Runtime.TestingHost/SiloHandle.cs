using Actors.Runtime.Membership;
using Actors.Runtime.MembershipService;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.TestingHost;

/// <summary>One silo of a <see cref="TestCluster"/>: its identity, its services and whether it still runs.</summary>
public sealed class SiloHandle
{
    private readonly List<string> _fatalErrors = [];

    internal SiloHandle(int index, SiloAddress address) => (Index, Address) = (index, address);

    public int Index { get; }
    public SiloAddress Address { get; }
    public string Name => $"silo-{Index}";
    internal WebApplication? App { get; set; }
    public IServiceProvider Services => App?.Services ?? throw new InvalidOperationException($"{Name} was not started.");
    public bool IsRunning { get; internal set; }

    /// <summary>The silo's own membership view.</summary>
    public MembershipView View => Services.GetRequiredService<IClusterMembershipService>().CurrentView;

    /// <summary>When set, the silo's port drops every ping (a network partition of its failure detection).</summary>
    public bool DropIncomingPings { get; set; }

    /// <summary>Why membership told this silo to stop itself, if it did.</summary>
    public IReadOnlyList<string> FatalErrors { get { lock (_fatalErrors) return [.. _fatalErrors]; } }

    internal void RecordFatalError(string reason)
    {
        lock (_fatalErrors)
            _fatalErrors.Add(reason);
    }

    public override string ToString() => $"{Name} ({Address})";
}
