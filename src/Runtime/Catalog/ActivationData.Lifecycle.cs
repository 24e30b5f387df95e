using Actors.Runtime.Invocation;

namespace Actors.Runtime.Catalog;

/// <summary>Activation and deactivation of an <see cref="ActivationData"/>.</summary>
internal sealed partial class ActivationData
{
    /// <summary>The first turn: construct the grain, load its state, run OnActivateAsync, then serve.</summary>
    private async Task ActivateAsync()
    {
        try
        {
            Constructing = this;
            try
            {
                _grain = _class.CreateInstance(this);
            }
            finally
            {
                Constructing = null;
            }

            using var timeout = new CancellationTokenSource(Runtime.Collection.DeactivationTimeout);
            // A grain its caller has just made a key for has nothing stored to read (see NewGrains).
            if (!Runtime.NewGrains.TakeExpected(GrainId))
            {
                foreach (var state in _states)
                    await state.ReadStateAsync(timeout.Token);
            }
            await _grain.OnActivateAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            Runtime.Log.ActivationFailed(GrainId.ToString(), exception);
            List<GrainRequest> rejected;
            lock (_pending)
            {
                _state = ActivationState.Invalid;
                rejected = [.. _pending];
                _pending.Clear();
            }
            Runtime.Catalog.Remove(this);
            foreach (var request in rejected)
                request.Fail(exception);
            _deactivated.TrySetResult();
            return;
        }

        RecordActivated();
        var deactivateNow = false;
        var admitted = new Admitted();
        lock (_pending)
        {
            _state = ActivationState.Valid;
            if (_deactivationReason.ReasonCode != DeactivationReasonCode.None)
            {
                // Deactivation was asked for while activating (for example by a shutting-down silo).
                _state = ActivationState.Deactivating;
                deactivateNow = TakeDeactivationTurnLocked();
            }
            else
            {
                PumpLocked(ref admitted);
            }
        }
        admitted.Start(_scheduler);
        if (deactivateNow)
            await FinishDeactivationAsync();
    }

    /// <summary>Starts deactivating; the returned task completes when the activation is Invalid.</summary>
    public Task StartDeactivation(DeactivationReason reason)
    {
        var deactivateNow = false;
        lock (_pending)
        {
            if (_state == ActivationState.Activating)
                _deactivationReason = reason;
            else
            {
                BeginDeactivationLocked(reason);
                if (_state == ActivationState.Deactivating)
                    deactivateNow = TakeDeactivationTurnLocked();
            }
        }
        if (deactivateNow)
            _scheduler.Run(static state => _ = ((ActivationData)state!).FinishDeactivationAsync(), this);
        return _deactivated.Task;
    }

    private void BeginDeactivationLocked(DeactivationReason reason)
    {
        if (_state != ActivationState.Valid)
            return;
        _state = ActivationState.Deactivating;
        _deactivationReason = reason;
        foreach (var timer in _timers)
            timer.Stop();
    }

    /// <summary>True exactly once, when the deactivating activation has nothing running.</summary>
    private bool TakeDeactivationTurnLocked()
    {
        if (_running > 0 || _deactivationScheduled)
            return false;
        _deactivationScheduled = true;
        return true;
    }

    /// <summary>Runs on the activation's scheduler once nothing is running.</summary>
    private async Task FinishDeactivationAsync()
    {
        Runtime.Log.Deactivating(GrainId.ToString(), _deactivationReason.ToString());
        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Collection.DeactivationTimeout);
            await _grain!.OnDeactivateAsync(_deactivationReason, timeout.Token).WaitAsync(Runtime.Collection.DeactivationTimeout);
        }
        catch (Exception exception)
        {
            Runtime.Log.DeactivationFailed(GrainId.ToString(), exception);
        }

        List<GrainRequest> leftover;
        lock (_pending)
        {
            _state = ActivationState.Invalid;
            leftover = [.. _pending];
            _pending.Clear();
            _timers.Clear();
        }
        Runtime.Catalog.Remove(this);
        RecordDeactivated();
        _deactivated.TrySetResult();

        foreach (var request in leftover)
        {
            if (request.IsReroutable)
                Runtime.Catalog.Deliver(GrainId, request);
        }
    }
}
