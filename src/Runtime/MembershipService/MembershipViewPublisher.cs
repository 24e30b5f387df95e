namespace Actors.Runtime.MembershipService;

/// <summary>Delivers membership views to subscribers in strictly increasing version order; older or equal views are dropped.</summary>
internal sealed class MembershipViewPublisher
{
    private readonly Lock _lock = new();
    private readonly List<Action<MembershipView>> _observers = [];
    private MembershipView _current = MembershipView.Empty;

    public MembershipView Current => Volatile.Read(ref _current);

    /// <summary>Publishes <paramref name="view"/> if it is newer than the current one; true if it was.</summary>
    public bool Publish(MembershipView view)
    {
        lock (_lock)
        {
            if (view.Version <= _current.Version)
                return false;
            Volatile.Write(ref _current, view);
            foreach (var observer in _observers.ToArray())
                observer(view);
            return true;
        }
    }

    public IDisposable Subscribe(Action<MembershipView> observer)
    {
        lock (_lock)
        {
            _observers.Add(observer);
            observer(_current);
        }
        return new Subscription(this, observer);
    }

    private sealed class Subscription(MembershipViewPublisher publisher, Action<MembershipView> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (publisher._lock)
                publisher._observers.Remove(observer);
        }
    }
}
