using Actors.Grains.Persistence;
using Actors.Grains.Storage.Imports;
using Actors.Interfaces.Contacts;
using Actors.Interfaces.Fields;
using Actors.Interfaces.Imports;
using Actors.Runtime;
using Actors.Runtime.Persistence;
using Actors.Runtime.Timers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Imports;

/// <summary>
/// One import. A timer works through the file a batch per turn: read the rows after the checkpoint, apply them, then
/// store the counters and the new checkpoint in one write. A crash before that write replays the batch; each contact
/// remembers the import lines it took, so the replay changes nothing twice and counts each row as it was counted the
/// first time. Any activation of an unfinished import starts the timer, so the start-up resume service only has to
/// activate it. The mapping is bound to the fields it named when the file was accepted (<see cref="ImportFieldBinding"/>):
/// once one of them is deleted, whether before a batch or while one ran, the import writes no more rows and fails,
/// naming the field, with the rows applied counted.
///
/// A batch can take minutes, so status, stop and resume interleave with it. Status answers what was stored last: the
/// counters of the last checkpoint ("in progress" once a batch runs), never those a batch is still adding up, which a
/// crash could yet take back. Stop asks the running batch to start no further row: the rows in flight finish, the batch
/// counts them and stores the import stopped with them in one write, and only then does stop answer, so the stored
/// counters are the rows applied. A batch that may have rows applied by a run a crash or a failure cut short also
/// counts those among the rows it did not start, as a replay would (<see cref="ImportRowWriter.AppliedAsync"/>).
/// </summary>
internal sealed class ImportJobGrain(
    [PersistentState("import")] IPersistentState<ImportJobState> job,
    IImportFileStore files,
    ImportRowWriter rows,
    IOptions<ImportOptions> options,
    ILogger<ImportJobGrain> logger) : Grain, IImportJobGrain
{
    // Batches that fail one after another (storage down, say) are retried this often before the import is failed.
    private const int MaxFailedAttempts = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IGrainTimer? _timer;

    // What status answers: the state as last stored.
    private ImportStatus? _stored;

    // Whether rows of the batch at the checkpoint may be applied but not counted: so until this activation has stored a
    // checkpoint of its own, and again after a batch failed.
    private bool _batchMayBeApplied = true;

    private ImportJobState State => job.State;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = Describe();
        if (State.IsRunning)
            StartWorking();
        return Task.CompletedTask;
    }

    public async Task<ImportStatus> Start(ImportSpec spec)
    {
        if (State.Spec is null)
        {
            await GrainFactory.GetGrain<IImportDirectoryGrain>(IImportDirectoryGrain.Key).Add(Id);
            State.Spec = spec;
            State.State = ImportState.Queued;
            State.Offset = spec.DataOffset;
            State.Line = spec.DataLine;
            await Store();
            _batchMayBeApplied = false;
            StartWorking();
        }
        return _stored!;
    }

    public Task<ImportStatus?> Status() => Task.FromResult(_stored);

    public async Task<ImportStatus?> Stop()
    {
        if (IsRunning(_stored))
        {
            _stopping.Cancel();
            await _ended.Task;
        }
        return _stored;
    }

    // Answered from what was stored last, as status is: the state a running batch is changing is not read meanwhile.
    public Task<bool> Resume() => Task.FromResult(IsRunning(_stored));

    private void StartWorking() =>
        _timer ??= RegisterGrainTimer(_ => WorkAsync(), new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = TimeSpan.Zero, KeepAlive = true });

    private async Task WorkAsync()
    {
        if (!State.IsRunning)
        {
            StopWorking();
            return;
        }
        try
        {
            // Stopped between batches: no row after the checkpoint is applied, so there is nothing left to count.
            if (_stopping.IsCancellationRequested && !_batchMayBeApplied)
                await Finish(ImportState.Stopped, null);
            else
                await ImportNextBatch();
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            _batchMayBeApplied = true;
            ImportLog.BatchFailed(logger, Id, State.Line, exception);
            State.FailedAttempts++;
            if (State.FailedAttempts >= MaxFailedAttempts)
                await Finish(ImportState.Failed, exception.Message);
            else
                await Task.Delay(RetryDelay);
        }
    }

    private async Task ImportNextBatch()
    {
        var now = DateTimeOffset.UtcNow;
        if (_stored is { State: ImportState.Queued } queued)
            _stored = queued with { State = ImportState.InProgress, StartedAt = now };
        var spec = State.Spec!;
        var batch = await ImportBatch.ReadAsync(files, Id, spec, State.Offset, State.Line, options.Value.BatchSize, CancellationToken.None);
        var catalog = await Catalog.Get();
        if (spec.MappedFields is not { } mapped)
        {
            mapped = ImportFieldBinding.Bind(spec.Targets, catalog);
            State.Spec = spec = spec with { MappedFields = mapped };
        }
        if (ImportFieldBinding.Missing(mapped, catalog) is { Count: > 0 } deleted)
        {
            // The rows are read against the fields they were read against before, so a batch a crash cut short counts
            // the rows it applied; none is written without its column, nor into a field made again with its alias.
            var reader = new ImportRowReader(spec, ImportFieldBinding.AsAccepted(mapped, catalog), now);
            Count(await rows.AppliedAsync(Id, await ImportOwners.ResolveAsync(GrainFactory, batch.Lines.Select(reader.Read).ToArray())), now);
            await FailDeleted(deleted);
            return;
        }
        var read = await ImportOwners.ResolveAsync(GrainFactory, batch.Lines.Select(new ImportRowReader(spec, catalog, now).Read).ToArray());
        var plans = await ImportStages.ResolveAsync(GrainFactory, read, now);
        var results = await rows.ApplyAsync(Id, plans, catalog, _stopping.Token);
        var applied = results.OfType<ImportRowResult>().ToList();
        if (_stopping.IsCancellationRequested)
        {
            if (_batchMayBeApplied)
                applied.AddRange(await rows.AppliedAsync(Id, plans.Where((_, i) => results[i] is null).ToArray()));
            // Counted once every row is known: rows counted before a failure would stay counted, and the retry would count them again.
            Count(applied.OrderBy(r => r.Line), now);
            await Finish(ImportState.Stopped, null);
            return;
        }
        Count(applied, now);
        State.Offset = batch.NextOffset;
        State.Line = batch.NextLine;
        State.FailedAttempts = 0;
        // A delete that began while the batch ran took back what the batch wrote to its field: the rows were applied
        // without that value, so they count, and the import goes no further.
        if (await Catalog.Gone(mapped.Select(f => f.Id).ToArray()) is { Count: > 0 } going)
            await FailDeleted(mapped.Where(f => going.Contains(f.Id)).ToArray());
        else if (batch.IsLast)
            await Finish(ImportState.Imported, null);
        else
            await Store();
        _batchMayBeApplied = false;
    }

    /// <summary>Counts what the rows came to.</summary>
    private void Count(IEnumerable<ImportRowResult> results, DateTimeOffset now)
    {
        foreach (var result in results)
        {
            if (result.Outcome == ImportRowOutcome.Inserted)
                State.Inserted++;
            else if (result.Outcome == ImportRowOutcome.Updated)
                State.Updated++;
            else if (result.IsIgnored)
                State.Ignored++;
            foreach (var problem in result.Problems)
                Report(problem);
            State.LastLine = Math.Max(State.LastLine, result.Line);
        }
        State.StartedAt ??= now;
        State.State = ImportState.InProgress;
    }

    private Task FailDeleted(IReadOnlyList<FieldDefinition> deleted) =>
        Finish(ImportState.Failed, ImportFieldBinding.DeletedReason(deleted, State.Inserted + State.Updated));

    private IFieldCatalogGrain Catalog => GrainFactory.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields);

    private void Report(ImportProblem problem)
    {
        if (State.Problems.Count < options.Value.MaxReportedProblems)
            State.Problems.Add(problem);
        else
            State.ProblemsNotKept++;
    }

    private async Task Finish(ImportState outcome, string? reason)
    {
        State.State = outcome;
        State.FailureReason = reason;
        State.EndedAt = DateTimeOffset.UtcNow;
        await Store();
        StopWorking();
        ImportLog.Finished(logger, Id, outcome, State.Inserted, State.Updated, State.Ignored);
        await GrainFactory.GetGrain<IImportDirectoryGrain>(IImportDirectoryGrain.Key).Finished(Id);
        await files.DeleteAsync(Id, CancellationToken.None);
    }

    /// <summary>
    /// Stores the state; status answers it from then on. A failed write has reloaded what storage holds, which status
    /// answers instead. A stop waits for the import to be stored as ended.
    /// </summary>
    private async Task Store()
    {
        try
        {
            await job.WriteOrReloadAsync();
        }
        finally
        {
            _stored = Describe();
            if (_stored is not null && !IsRunning(_stored))
                _ended.TrySetResult();
        }
    }

    private static bool IsRunning(ImportStatus? status) => status?.State is ImportState.Queued or ImportState.InProgress;

    private void StopWorking()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private ImportStatus? Describe() => State.Spec is not { } spec ? null : new ImportStatus
    {
        Id = Id,
        State = State.State,
        Spec = spec,
        Inserted = State.Inserted,
        Updated = State.Updated,
        Ignored = State.Ignored,
        LastLine = State.LastLine,
        Problems = State.Problems.ToArray(),
        ProblemsNotKept = State.ProblemsNotKept,
        StartedAt = State.StartedAt,
        EndedAt = State.EndedAt,
        FailureReason = State.FailureReason,
    };
}
