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
/// One import. A timer works through the file a batch per turn (so status and stop requests get in between batches):
/// read the rows after the checkpoint, apply them, then store the counters and the new checkpoint in one write.
/// A crash before that write replays the batch; each contact remembers the import lines it took, so the replay
/// changes nothing twice and counts each row as it was counted the first time. Any activation of an unfinished import
/// starts the timer, so the start-up resume service only has to activate it.
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

    private IGrainTimer? _timer;

    private ImportJobState State => job.State;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
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
            await job.WriteOrReloadAsync();
            StartWorking();
        }
        return Describe()!;
    }

    public Task<ImportStatus?> Status() => Task.FromResult(Describe());

    public async Task<ImportStatus?> Stop()
    {
        if (State.IsRunning)
            await Finish(ImportState.Stopped, null);
        return Describe();
    }

    public Task<bool> Resume() => Task.FromResult(State.IsRunning);

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
            await ImportNextBatch();
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
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
        var spec = State.Spec!;
        var now = DateTimeOffset.UtcNow;
        var batch = await ImportBatch.ReadAsync(files, Id, spec, State.Offset, State.Line, options.Value.BatchSize, CancellationToken.None);
        var fields = await GrainFactory.GetGrain<IFieldCatalogGrain>(IFieldCatalogGrain.ContactFields).Get();
        var reader = new ImportRowReader(spec, fields, now);
        var results = await rows.ApplyAsync(Id, batch.Lines.Select(reader.Read).ToArray(), fields);

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
        State.Offset = batch.NextOffset;
        State.Line = batch.NextLine;
        State.FailedAttempts = 0;
        if (batch.IsLast)
            await Finish(ImportState.Imported, null);
        else
            await job.WriteOrReloadAsync();
    }

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
        await job.WriteOrReloadAsync();
        StopWorking();
        ImportLog.Finished(logger, Id, outcome, State.Inserted, State.Updated, State.Ignored);
        await GrainFactory.GetGrain<IImportDirectoryGrain>(IImportDirectoryGrain.Key).Finished(Id);
        await files.DeleteAsync(Id, CancellationToken.None);
    }

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
