using Actors.Interfaces.Imports;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Imports;

internal static partial class ImportLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Import {ImportId}: the batch from line {Line} failed and will be retried")]
    public static partial void BatchFailed(ILogger logger, string importId, long line, Exception exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Import {ImportId} ended {State}: {Inserted} inserted, {Updated} updated, {Ignored} ignored")]
    public static partial void Finished(ILogger logger, string importId, ImportState state, long inserted, long updated, long ignored);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Resuming {Count} unfinished imports")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Unfinished imports could not be resumed at start-up")]
    public static partial void ResumeFailed(ILogger logger, Exception exception);
}
