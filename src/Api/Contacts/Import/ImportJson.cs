using System.Text.Json.Nodes;
using Actors.Interfaces.Imports;

namespace Actors.Api.Contacts.Import;

/// <summary>An import in the API's JSON, with Mautic's import properties (status, counters, parser settings, mapping, defaults).</summary>
public static class ImportJson
{
    public static JsonObject Write(ImportStatus import)
    {
        var spec = import.Spec;
        var mapping = new JsonObject();
        for (var i = 0; i < spec.Headers.Count; i++)
            mapping[spec.Headers[i]] = spec.Targets[i];
        return new JsonObject
        {
            ["id"] = import.Id,
            ["status"] = StatusName(import.State),
            ["statusCode"] = (int)import.State,
            ["originalFile"] = spec.FileName,
            ["fileBytes"] = spec.FileBytes,
            ["lineCount"] = spec.LineCount,
            ["insertedCount"] = import.Inserted,
            ["updatedCount"] = import.Updated,
            ["ignoredCount"] = import.Ignored,
            ["progressPercent"] = import.Percent,
            ["lastLine"] = import.LastLine,
            ["dateAdded"] = spec.CreatedAt.ToString("O"),
            ["dateStarted"] = import.StartedAt?.ToString("O"),
            ["dateEnded"] = import.EndedAt?.ToString("O"),
            ["failureReason"] = import.FailureReason,
            ["failedLines"] = new JsonArray(import.Problems.Select(p => (JsonNode)new JsonObject
            {
                ["line"] = p.Line,
                ["message"] = p.Message,
                ["rowIgnored"] = p.RowIgnored,
            }).ToArray()),
            ["failedLinesNotShown"] = import.ProblemsNotKept,
            ["properties"] = new JsonObject
            {
                ["parser"] = new JsonObject
                {
                    ["delimiter"] = spec.Delimiter.ToString(),
                    ["enclosure"] = spec.Enclosure == '\0' ? "" : spec.Enclosure.ToString(),
                    ["escape"] = spec.Escape.ToString(),
                },
                ["headers"] = new JsonArray(spec.Headers.Select(h => (JsonNode)h).ToArray()),
                ["fields"] = mapping,
                ["defaults"] = new JsonObject
                {
                    ["owner"] = spec.DefaultOwnerId,
                    ["list"] = spec.DefaultSegmentId,
                    ["tags"] = new JsonArray(spec.DefaultTags.Select(t => (JsonNode)t).ToArray()),
                    ["skipIfExists"] = spec.SkipIfExists,
                },
            },
        };
    }

    public static string StatusName(ImportState state) => state switch
    {
        ImportState.Queued => "queued",
        ImportState.InProgress => "in progress",
        ImportState.Imported => "imported",
        ImportState.Failed => "failed",
        _ => "stopped",
    };
}
