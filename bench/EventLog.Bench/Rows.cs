using Actors.Grains.Storage.Events;

namespace Actors.Bench.EventLog;

static class Rows
{
    /// <summary>Page hits spread over 10,000 contacts, with a payload the size of a real page.hit's details.</summary>
    public static EventRecord[] Generate(int count)
    {
        var start = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, count).Select(i => new EventRecord(
            i % 10_000, "page.hit", start.AddMilliseconds(i),
            $$$"""{"hit":{"url":"https://example.com/products/{{{i}}}?utm_source=news","title":"Product {{{i}}}","referer":"https://www.google.com/","userAgent":"Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0","device":"desktop"}}"""))];
    }
}
