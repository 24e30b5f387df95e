using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Actors.Api.Tracking;
using Actors.Interfaces.Contacts;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Tracking;

/// <summary>
/// A tracking request the service cannot read (an undecodable d or ct, a malformed or oversized form body) is bad input:
/// every tracking endpoint answers it as an untracked hit and stores nothing, never with a 500 or a storage 503.
/// </summary>
public sealed class UnreadableTrackingRequestTests
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";

    // a:1:{s:8:"page_url";s:2147483647:"x";}: a string length whose end overflowed the decoder's bounds check.
    private const string OverflowingLength = "YToxOntzOjg6InBhZ2VfdXJsIjtzOjIxNDc0ODM2NDc6IngiO30%3D";

    public static TheoryData<string, string> OverflowingParameters => new()
    {
        { "/mtracking.gif", "d" }, { "/mtracking.gif", "ct" },
        { "/mtc/event", "d" }, { "/mtc/event", "ct" },
        { "/mtc", "d" }, { "/mtc", "ct" },
    };

    [Theory]
    [MemberData(nameof(OverflowingParameters))]
    public async Task A_serialized_length_near_int_max_is_undecodable_not_a_server_error(string path, string parameter)
    {
        await using var api = new ApiFactory();

        var response = await Send(api, HttpMethod.Get, $"{path}?{parameter}={OverflowingLength}", content: null);

        await AssertAnsweredUntracked(api, path, response);
    }

    public static TheoryData<string, string> MalformedBodies
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var path in (string[])["/mtracking.gif", "/mtc/event", "/mtc"])
            {
                foreach (var body in (string[])["multipart without boundary", "multipart cut short", "too many fields", "key too long", "value too long"])
                    data.Add(path, body);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_form_body_that_cannot_be_read_is_answered_as_an_untracked_hit(string path, string body)
    {
        await using var api = new ApiFactory();

        var response = await Send(api, path == "/mtc" ? HttpMethod.Get : HttpMethod.Post, path, Body(body));

        await AssertAnsweredUntracked(api, path, response);
    }

    [Fact]
    public async Task Mtc_answers_a_json_503_when_the_visitor_cannot_be_resolved()
    {
        await using var api = new ApiFactory(TestStore.Sqlite(), services: s => s.AddSingleton<IVisitorTracker, UnavailableTracker>());

        var response = await Send(api, HttpMethod.Get, "/mtc", content: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Null(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]);
    }

    private static HttpContent Body(string kind)
    {
        return kind switch
        {
            "multipart without boundary" => Typed(new StringContent("--x\r\n"), "multipart/form-data"),
            "multipart cut short" => Typed(new StringContent("--x\r\nbroken"), "multipart/form-data; boundary=x"),
            "too many fields" => Form(string.Join('&', Enumerable.Range(0, 1025).Select(i => $"f{i}=v"))),
            "key too long" => Form(new string('k', 3000) + "=v"),
            "value too long" => Form("page_title=" + new string('v', 4 * 1024 * 1024 + 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        static HttpContent Form(string text) => new StringContent(text, Encoding.ASCII, "application/x-www-form-urlencoded");
    }

    private static HttpContent Typed(HttpContent content, string contentType)
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static Task<HttpResponseMessage> Send(ApiFactory api, HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", Browser);
        return api.Visitor().SendAsync(request);
    }

    private static async Task AssertAnsweredUntracked(ApiFactory api, string path, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (path == "/mtracking.gif")
        {
            // Like Mautic, the pixel answers a POST with a single space instead of the image.
            var answer = response.RequestMessage!.Method == HttpMethod.Get ? TrackingPixel.Gif : " "u8.ToArray();
            Assert.Equal(answer, await response.Content.ReadAsByteArrayAsync());
        }
        else
        {
            var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (path == "/mtc/event")
                Assert.Equal(0, (int)reply["success"]!);
            else
                Assert.Null(reply["id"]);
        }
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Null(await api.Grains.GetContact(1).Get());
    }

    private sealed class UnavailableTracker : IVisitorTracker
    {
        public Task<TrackedVisitor> TrackAsync(TrackingHit hit, CancellationToken cancellationToken) => throw new TimeoutException("storage is down");

        public Task<TrackedVisitor> IdentifyAsync(TrackingHit hit, CancellationToken cancellationToken) => throw new TimeoutException("storage is down");
    }
}
