using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Runtime.Tests.TestGrains;

/// <summary>A value that is always written and, on purpose, not always read back: the stand-in for a wire bug.</summary>
[JsonConverter(typeof(WireValueConverter))]
public sealed record WireValue(string Kind)
{
    /// <summary>Reading it throws <see cref="JsonException"/>, as a malformed value does.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>Reading it throws <see cref="InvalidOperationException"/>, as a bug in a converter would.</summary>
    public const string Broken = "broken";
}

public sealed class WireValueConverter : JsonConverter<WireValue>
{
    public override WireValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() switch
    {
        WireValue.Unreadable => throw new JsonException("this value cannot be read"),
        WireValue.Broken => throw new InvalidOperationException("the converter has a bug"),
        var kind => new WireValue(kind ?? ""),
    };

    public override void Write(Utf8JsonWriter writer, WireValue value, JsonSerializerOptions options) => writer.WriteStringValue(value.Kind);
}

public interface IWireGrain : IGrainWithStringKey
{
    Task<WireValue> Echo(WireValue value);
    Task<WireValue> Make(string kind);
    Task<int> Calls();
}

/// <summary>Counts the calls that reached it, so a test can tell a refused call from one that ran.</summary>
public class WireGrain : Grain, IWireGrain
{
    private int _calls;

    public Task<WireValue> Echo(WireValue value)
    {
        _calls++;
        return Task.FromResult(value);
    }

    public Task<WireValue> Make(string kind)
    {
        _calls++;
        return Task.FromResult(new WireValue(kind));
    }

    public Task<int> Calls() => Task.FromResult(_calls);
}
