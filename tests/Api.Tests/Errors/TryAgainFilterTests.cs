using System.Text.Json.Nodes;
using Actors.Api.Errors;
using Actors.Api.Ui;
using Actors.Runtime;
using Actors.Runtime.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Api.Tests.Errors;

/// <summary>
/// The failures that mean "try again" (a grain call that timed out, a silo that just died or stopped, silos whose
/// membership views disagreed so the call never reached its grain) are a 503 with Retry-After
/// in the API's error format (the operator UI's: its JSON or a page), never a 500; any other failure is left to the
/// server's own handling, a message the silos could not understand (<see cref="ClusterProtocolException"/>) among them:
/// it would fail again, so it is a logged 500, not a try-again that hides it.
/// </summary>
public sealed class TryAgainFilterTests
{
    [Theory]
    [InlineData(typeof(TimeoutException), TryAgainFilter.TimedOutMessage)]
    [InlineData(typeof(SiloUnavailableException), TryAgainFilter.SiloUnavailableMessage)]
    [InlineData(typeof(GrainRoutingException), TryAgainFilter.SiloUnavailableMessage)]
    [InlineData(typeof(InconsistentStateException), TryAgainFilter.ConflictMessage)]
    public async Task A_failure_to_retry_is_a_503_with_retry_after_in_the_error_format(Type failure, string message)
    {
        var http = NewContext();

        var answer = await Invoke(http, failure == typeof(InconsistentStateException)
            ? new InconsistentStateException("the stored record moved on", "3486", "3487")
            : (Exception)Activator.CreateInstance(failure, "the grain did not answer")!);
        await ((IResult)answer!).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var error = JsonNode.Parse(http.Response.Body)!["errors"]![0]!;
        Assert.Equal(503, (int)error["code"]!);
        Assert.Equal(message, (string)error["message"]!);
    }

    [Theory]
    [InlineData("/ui/api/contacts/7/timeline", "application/json", typeof(TimeoutException), "did not answer in time")]
    [InlineData("/ui/contacts/7", "text/html", typeof(TimeoutException), "did not answer in time")]
    [InlineData("/ui/api/contacts/7/timeline", "application/json", typeof(GrainRoutingException), "just stopped")]
    [InlineData("/ui/contacts/7", "text/html", typeof(GrainRoutingException), "just stopped")]
    public async Task The_operator_ui_answers_a_call_to_retry_503_with_retry_after_as_json_or_a_page(string path, string mediaType, Type failure, string told)
    {
        var http = NewContext();
        http.Request.Path = path;

        var answer = await new UiFailures(NullLogger<UiFailures>.Instance).InvokeAsync(
            new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromException<object?>((Exception)Activator.CreateInstance(failure, "no answer")!));
        await ((IResult)answer!).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith(mediaType, http.Response.ContentType);
        http.Response.Body.Position = 0;
        Assert.Contains(told, new StreamReader(http.Response.Body).ReadToEnd());
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(ClusterProtocolException))]
    public async Task Any_other_failure_goes_on_to_the_server(Type failure)
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => Invoke(NewContext(), (Exception)Activator.CreateInstance(failure, "a bug")!).AsTask());

        Assert.IsType(failure, thrown);
    }

    [Fact]
    public async Task The_operator_ui_answers_a_message_the_silos_could_not_understand_500_without_retry_after()
    {
        var http = NewContext();
        http.Request.Path = "/ui/api/contacts/7/timeline";

        var answer = await new UiFailures(NullLogger<UiFailures>.Instance).InvokeAsync(
            new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromException<object?>(new ClusterProtocolException("no such grain method")));
        await ((IResult)answer!).ExecuteAsync(http);

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.False(http.Response.Headers.ContainsKey("Retry-After"));
    }

    private static ValueTask<object?> Invoke(HttpContext http, Exception failure) =>
        new TryAgainFilter(NullLogger<TryAgainFilter>.Instance).InvokeAsync(
            new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromException<object?>(failure));

    private static DefaultHttpContext NewContext() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };
}
