using Actors.Runtime.Membership;

namespace Actors.Runtime.MembershipService;

/// <summary>This process's silo identity: its advertised endpoint and the generation of this start.</summary>
public sealed record LocalSilo(SiloAddress Address, string SiloName);
