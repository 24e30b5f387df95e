using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Api.Tests.Http;

/// <summary>
/// HEAD on a GET route is that GET without its body, as Symfony (and so Mautic) answers it, where it was a 405: the same
/// status and headers, Content-Length included where the GET has one. A HEAD records no tracking hit, and a streamed
/// answer stops at its headers rather than reading every row for nothing. A route without GET keeps its 405 and its
/// Allow header. Every answer says nosniff and none names the server. Over real Kestrel, which is what drops a HEAD's
/// body and adds a Server header; the in-memory test server does neither.
/// </summary>
public abstract class HeadRequestTests(HeadRequestTests.Service service)
{
    /// <summary>More contacts than one flush of a streamed list holds, so that a limit=0 HEAD sends its headers mid-way.</summary>
    private const int Contacts = 300;

    public abstract class Service(Func<TestStore> store) : IAsyncLifetime
    {
        public RecordingLoggerProvider Log { get; } = new();
        public ApiFactory Api { get; private set; } = null!;
        public Uri Address { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Api = new ApiFactory(store(), services: services => services.AddSingleton<ILoggerProvider>(Log));
            Address = Api.StartOnKestrel();
            using var client = SignedIn(new HttpClient { BaseAddress = Address });
            for (var first = 0; first < Contacts; first += 150)
            {
                var body = "[" + string.Join(",", Enumerable.Range(first, 150).Select(i => $$"""{"firstname":"Ann{{i}}","email":"ann{{i}}@example.com"}""")) + "]";
                (await client.PostAsync("/api/contacts/batch/new", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            }
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/contacts/1", true)]
    [InlineData("/api/contacts?limit=5", true)]
    [InlineData("/api/contacts?limit=0", true)]
    [InlineData("/api/contacts?orderByDir=sideways", true)]
    [InlineData("/api/contacts/999999", true)]
    [InlineData("/api/contacts/1", false)]
    [InlineData("/api/users/self", true)]
    [InlineData("/api/fields/contact", true)]
    [InlineData("/api/contacts/export", true)]
    [InlineData("/api/contacts/export?format=xlsx", true)]
    [InlineData("/mtc.js", false)]
    [InlineData("/ui/login", false)]
    [InlineData("/openapi/v1.json", false)]
    [InlineData("/healthz", false)]
    public async Task Head_answers_the_gets_status_and_headers_without_a_body(string path, bool signedIn)
    {
        var get = await SendAsync("GET", path, signedIn);
        var head = await SendAsync("HEAD", path, signedIn);

        Assert.Equal(get.Status, head.Status);
        Assert.Empty(head.Body);
        foreach (var name in new[] { "Content-Type", "Content-Length", "Mautic-Version", "ETag", "Cache-Control", "X-Frame-Options", "WWW-Authenticate" })
            Assert.True(get.Header(name) == head.Header(name), $"{name}: GET {get.Header(name)}, HEAD {head.Header(name)}");
        Assert.Equal(get.Header("Content-Disposition")?[..40], head.Header("Content-Disposition")?[..40]);
    }

    [Fact]
    public async Task Head_on_a_streamed_list_ends_at_its_headers_without_an_error_and_its_connection_serves_on()
    {
        using var client = SignedIn(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = service.Address });

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/contacts?limit=0"));
        using var next = await client.GetAsync("/api/contacts/1");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, (int)JsonNode.Parse(await next.Content.ReadAsStringAsync())!["contact"]!["id"]!);
        Assert.DoesNotContain(service.Log.Lines, line => line.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_route_without_get_answers_head_405_with_its_allow_header_and_a_get_routes_405_allows_head()
    {
        var head = await SendAsync("HEAD", "/api/contacts/1/edit", signedIn: true);
        var trace = await SendAsync("TRACE", "/api/contacts/1", signedIn: true);

        Assert.Equal(405, head.Status);
        Assert.Equal("PATCH, PUT", head.Header("Allow"));
        Assert.Equal("application/json; charset=utf-8", head.Header("Content-Type"));
        Assert.Empty(head.Body);
        Assert.Equal(405, trace.Status);
        Assert.Equal("GET, HEAD", trace.Header("Allow"));
        Assert.Equal("No route found for \"TRACE /api/contacts/1\": Method Not Allowed (Allow: GET, HEAD).",
            (string)JsonNode.Parse(trace.Body)!["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task Head_on_the_tracking_endpoints_records_no_hit()
    {
        var before = await TotalAsync();

        var pixel = await SendAsync("HEAD", "/mtracking.gif?page_url=https%3A%2F%2Fshop.test%2F", signedIn: false);
        var tracked = await SendAsync("HEAD", "/mtc/event?page_url=https%3A%2F%2Fshop.test%2F", signedIn: false);
        var identified = await SendAsync("HEAD", "/mtc", signedIn: false);

        Assert.Equal(200, pixel.Status);
        Assert.Equal("image/gif", pixel.Header("Content-Type"));
        Assert.Equal("43", pixel.Header("Content-Length"));
        Assert.Equal("private, no-cache, no-cache=Set-Cookie, proxy-revalidate", pixel.Header("Cache-Control"));
        Assert.Empty(pixel.Body);
        foreach (var answer in new[] { pixel, tracked, identified })
            Assert.Null(answer.Header("Set-Cookie"));
        Assert.Equal(200, tracked.Status);
        Assert.Equal(200, identified.Status);
        Assert.Equal(before, await TotalAsync());
    }

    [Theory]
    [InlineData("GET", "/api/contacts/1", true)]
    [InlineData("GET", "/api/contacts/1", false)]
    [InlineData("GET", "/api/nonexistent", true)]
    [InlineData("TRACE", "/api/contacts/1", true)]
    [InlineData("GET", "/mtracking.gif", false)]
    [InlineData("POST", "/mtc/event", false)]
    [InlineData("OPTIONS", "/mtc", false)]
    [InlineData("GET", "/mtc.js", false)]
    [InlineData("GET", "/ui/login", false)]
    [InlineData("GET", "/ui/assets/nonexistent.js", false)]
    [InlineData("GET", "/healthz", false)]
    [InlineData("GET", "/nonexistent", false)]
    public async Task Every_answer_says_nosniff_and_names_no_server(string method, string path, bool signedIn)
    {
        var answer = await SendAsync(method, path, signedIn);

        Assert.Equal("nosniff", answer.Header("X-Content-Type-Options"));
        Assert.Null(answer.Header("Server"));
    }

    private async Task<string> TotalAsync()
    {
        var list = await SendAsync("GET", "/api/contacts?limit=1", signedIn: true);
        return (string)JsonNode.Parse(list.Body)!["total"]!;
    }

    private static HttpClient SignedIn(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = ApiFactory.Basic();
        return client;
    }

    /// <summary>
    /// One request on its own connection, read to the connection's end, so that the bytes after a HEAD's headers are
    /// seen: a client library drops them.
    /// </summary>
    private async Task<RawAnswer> SendAsync(string method, string path, bool signedIn)
    {
        var body = method is "POST" ? "Content-Length: 0\r\n" : "";
        return RawAnswer.Parse(await RawHttp.ExchangeAsync(service.Address,
            $"{method} {path} HTTP/1.1\r\nHost: localhost\r\n{RawHttp.SignIn(signedIn)}{body}Connection: close\r\n\r\n"));
    }

    private sealed record RawAnswer(int Status, IReadOnlyList<(string Name, string Value)> Headers, string Body)
    {
        public string? Header(string name)
            => Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray() is { Length: > 0 } values
                ? string.Join(", ", values)
                : null;

        public static RawAnswer Parse(byte[] bytes)
        {
            var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
            var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
            var headers = lines.Skip(1).Select(line => line.Split(':', 2)).Select(pair => (pair[0], pair[1].Trim())).ToArray();
            var body = bytes.AsSpan(end + 4);
            // Only the small bodies a test reads are chunked-decoded: one chunk, as Kestrel writes an answer it never flushed early.
            var text = headers.Any(h => h.Item1.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) ? Unchunk(body) : Encoding.UTF8.GetString(body);
            return new RawAnswer(int.Parse(lines[0].Split(' ')[1]), headers, text);
        }

        private static string Unchunk(ReadOnlySpan<byte> body)
        {
            var text = new StringBuilder();
            while (true)
            {
                var lineEnd = body.IndexOf("\r\n"u8);
                var size = Convert.ToInt32(Encoding.ASCII.GetString(body[..lineEnd]), 16);
                if (size == 0)
                    return text.ToString();
                text.Append(Encoding.UTF8.GetString(body.Slice(lineEnd + 2, size)));
                body = body[(lineEnd + 2 + size + 2)..];
            }
        }
    }
}

public sealed class SqliteHeadRequestTests(SqliteHeadRequestTests.SqliteService service)
    : HeadRequestTests(service), IClassFixture<SqliteHeadRequestTests.SqliteService>
{
    public sealed class SqliteService() : Service(TestStore.Sqlite);
}

public sealed class PostgreSqlHeadRequestTests(PostgreSqlHeadRequestTests.PostgreSqlService service)
    : HeadRequestTests(service), IClassFixture<PostgreSqlHeadRequestTests.PostgreSqlService>
{
    public sealed class PostgreSqlService() : Service(TestStore.PostgreSql);
}
