using System.Text.Json.Serialization;

namespace Actors.Api.Tracking;

/// <summary>/mtc/event's answer: <c>{"success":1,"id":…,"sid":…,"device_id":…,"events":[]}</c>; sid and device_id are both the device id.</summary>
public sealed record EventResponse(
    [property: JsonPropertyName("success")] int Success,
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("sid")] string? Sid,
    [property: JsonPropertyName("device_id")] string? DeviceId)
{
    /// <summary>Campaign-triggered client events; this service queues none.</summary>
    [JsonPropertyName("events")]
    public IReadOnlyList<object> Events { get; init; } = [];
}

/// <summary>/mtc/event's answer when nothing was tracked because the request was bad or storage failed.</summary>
public sealed record FailureResponse(
    [property: JsonPropertyName("success")] int Success,
    [property: JsonPropertyName("error")] string Error);

/// <summary>/mtc's answer: <c>{"id":…,"sid":…,"device_id":…}</c>.</summary>
public sealed record ContactResponse(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("sid")] string? Sid,
    [property: JsonPropertyName("device_id")] string? DeviceId);
