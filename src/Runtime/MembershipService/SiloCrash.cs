namespace Actors.Runtime.MembershipService;

/// <summary>
/// Set when the silo must stop as if it had crashed: no more table writes, probes or deactivations. A silo that
/// was declared dead must not write the table again, and a test's ungraceful kill uses the same switch.
/// </summary>
public sealed class SiloCrash
{
    private volatile bool _crashed;

    public bool IsCrashed => _crashed;

    public void Crash() => _crashed = true;
}
