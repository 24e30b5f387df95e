using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Json;

/// <summary>
/// Bodies no endpoint could read are refused once, by the shared reader, with the same 400 on every JSON write route:
/// a property named twice in one object (at any depth), a lone UTF-16 surrogate escape in a string or a name, and
/// bytes that are not UTF-8. Before, each was a 500 from wherever an endpoint first touched the value.
/// </summary>
public sealed class RequestBodyTests(RequestBodyTests.Service service) : IClassFixture<RequestBodyTests.Service>
{
    /// <summary>One API for every route: what is checked here happens before an endpoint reads anything of the body.</summary>
    public sealed class Service : IAsyncLifetime
    {
        public const int MaxBodyLength = 4000;

        public ApiFactory Api { get; } = new(TestStore.Sqlite(), new Dictionary<string, string?> { ["Contacts:MaxBodyLength"] = MaxBodyLength.ToString() });
        public long Contact { get; private set; }
        public long Segment { get; private set; }
        public long User { get; private set; }

        public async Task InitializeAsync()
        {
            var client = Api.ApiClient();
            Contact = await CreateAsync(client, "/api/contacts/new", """{"email":"existing@example.com","firstname":"Existing"}""", "contact");
            Segment = await CreateAsync(client, "/api/segments/new", """{"name":"Existing"}""", "list");
            User = (long)JsonNode.Parse(await client.GetStringAsync("/api/users/self"))!["user"]!["id"]!;
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();

        private static async Task<long> CreateAsync(HttpClient client, string url, string json, string member)
        {
            using var response = await client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
            return (long)body[member]!["id"]!;
        }
    }

    /// <summary>A representative route of each family that takes a JSON body; a batch route takes its items in an array.</summary>
    public static TheoryData<string, string, bool> Routes => new()
    {
        { "POST", "/api/contacts/new", false },
        { "PUT", "/api/contacts/{contact}/edit", false },
        { "PATCH", "/api/contacts/{contact}/edit", false },
        { "POST", "/api/contacts/batch/new", true },
        { "PATCH", "/api/contacts/batch/edit", true },
        { "POST", "/api/contacts/batch/owner", false },
        { "POST", "/api/contacts/batch/segments", false },
        { "POST", "/api/contacts/{contact}/dnc/email/add", false },
        { "POST", "/api/contacts/{contact}/utm/add", false },
        { "POST", "/api/companies/new", false },
        { "POST", "/api/companies/batch/new", true },
        { "POST", "/api/campaigns/new", false },
        { "POST", "/api/notes/new", false },
        { "POST", "/api/fields/contact/new", false },
        { "POST", "/api/segments/new", false },
        { "PATCH", "/api/segments/{segment}/edit", false },
        { "POST", "/api/segments/{segment}/contacts/add", false },
        { "POST", "/api/segments/{segment}/contacts/remove", false },
        { "POST", "/api/stages/new", false },
        { "POST", "/api/tags/new", false },
        { "POST", "/api/categories/new", false },
        { "POST", "/api/users/new", false },
        { "PUT", "/api/users/{user}/edit", false },
        { "PATCH", "/api/users/{user}/edit", false },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_property_named_twice_is_400_naming_it_at_the_top_and_at_any_depth(string method, string route, bool batch)
    {
        await AssertRefused(method, route, batch, """{"email":"d1@example.com","email":"d2@example.com"}""",
            "The request body names the property 'email' more than once in one object (at $" + (batch ? "[0]" : "") + ").", "email");
        // Escapes are read before names are compared: this is "email" twice too.
        await AssertRefused(method, route, batch, """{"email":"d1@example.com","\u0065mail":"d2@example.com"}""",
            "The request body names the property 'email' more than once", "email");
        await AssertRefused(method, route, batch, """{"name":"Nested","filters":[{"glue":"and","field":"city"},{"glue":"and","glue":"or"}]}""",
            "The request body names the property 'glue' more than once in one object (at $" + (batch ? "[0]" : "") + ".filters[1]).", "glue");
        await AssertRefused(method, route, batch, """{"name":"Deep","properties":{"list":{"a":{"b":{"c":1,"c":2}}}}}""",
            "The request body names the property 'c' more than once", "c");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_lone_surrogate_escape_in_a_string_or_a_name_is_400(string method, string route, bool batch)
    {
        foreach (var json in new[]
        {
            """{"firstname":"\ud800"}""",
            """{"firstname":"x\udfffy"}""",
            """{"firstname":"\udc00\ud800"}""",
            """{"tags":["ok","\ud83d"]}""",
            """{"\ud800":"x"}""",
            """{"filters":[{"\udfff":1}]}""",
        })
        {
            var body = await AssertRefused(method, route, batch, json, "The request body has a", null);
            Assert.Contains("with a lone UTF-16 surrogate escape such as \\ud800, which is not text (at $", Message(body));
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Bytes_that_are_not_UTF8_are_400(string method, string route, bool batch)
    {
        foreach (var bytes in new[]
        {
            Bytes("{\"firstname\":\"", [0xff], "\"}"),
            Bytes("{\"firstname\":\"", [0xc3], "\"}"), // a lead byte without its continuation
            Bytes("{\"firstname\":\"", [0xed, 0xa0, 0x80], "\"}"), // a surrogate encoded as UTF-8 (CESU-8)
            Bytes("{\"", [0xc0, 0xaf], "\":1}"), // an overlong encoding of '/', in a name
        })
        {
            var (response, body) = await SendAsync(method, route, batch, bytes, "application/json");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {route}: {(int)response.StatusCode} {body.ToJsonString()}");
            Assert.Equal("The request body is not valid UTF-8.", Message(body));
        }
    }

    [Theory]
    [InlineData("POST", "/api/contacts/new")]
    [InlineData("POST", "/api/users/new")]
    [InlineData("PATCH", "/api/users/{user}/edit")]
    [InlineData("POST", "/api/segments/new")]
    public async Task A_body_longer_than_the_limit_is_413(string method, string route)
    {
        var json = $$"""{"firstname":"{{new string('x', Service.MaxBodyLength)}}"}""";

        var (response, body) = await SendAsync(method, route, batch: false, Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal($"The request body is longer than {Service.MaxBodyLength} characters.", Message(body));
    }

    [Theory]
    [InlineData("POST", "/api/contacts/new")]
    [InlineData("PATCH", "/api/users/{user}/edit")]
    public async Task A_body_declaring_a_length_far_past_the_limit_is_413_before_it_is_read(string method, string route)
    {
        var url = route.Replace("{user}", service.User.ToString());
        var content = new LongContent(40L << 20);
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };

        using var response = await service.Api.ApiClient().SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal($"The request body is longer than {Service.MaxBodyLength} characters.", Message(body));
    }

    [Fact]
    public async Task A_UTF8_byte_order_mark_is_allowed_and_a_UTF16_body_is_not()
    {
        var (withMark, _) = await SendAsync("POST", "/api/contacts/new", batch: false,
            [0xef, 0xbb, 0xbf, .. Encoding.UTF8.GetBytes("""{"email":"mark@example.com"}""")], "application/json");
        var (utf16, body) = await SendAsync("POST", "/api/contacts/new", batch: false,
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("""{"email":"wide@example.com"}""")], "application/json");

        Assert.Equal(HttpStatusCode.Created, withMark.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, utf16.StatusCode);
        Assert.Equal("The request body is not valid UTF-8.", Message(body));
        Assert.Equal("0", (string)(await GetAsync("/api/contacts?search=email:wide@example.com"))["total"]!);
    }

    [Theory]
    [InlineData("POST", "/api/contacts/new")]
    [InlineData("POST", "/api/users/new")]
    public async Task A_form_encoded_body_that_is_not_UTF8_is_400(string method, string route)
    {
        var (response, body) = await SendAsync(method, route, batch: false, Bytes("firstname=", [0xff], ""), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The request body is not valid UTF-8.", Message(body));
    }

    [Fact]
    public async Task A_contact_with_a_repeated_email_is_not_created_under_either_value()
    {
        var (response, _) = await SendAsync("POST", "/api/contacts/new", batch: false,
            Encoding.UTF8.GetBytes("""{"email":"twice1@example.com","email":"twice2@example.com"}"""), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var email in new[] { "twice1@example.com", "twice2@example.com" })
            Assert.Equal("0", (string)(await GetAsync($"/api/contacts?search=email:{email}"))["total"]!);
    }

    [Fact]
    public async Task A_segment_whose_filters_repeat_a_property_is_refused_rather_than_stored()
    {
        const string Filters = """[{"glue":"and","field":"city","object":"lead","type":"text","operator":"=","filter":"Oslo","operator":"!="}]""";
        var before = (await GetAsync("/api/segments"))["total"]!.ToJsonString();

        var (created, _) = await SendAsync("POST", "/api/segments/new", batch: false,
            Encoding.UTF8.GetBytes($$"""{"name":"Repeated","filters":{{Filters}}}"""), "application/json");
        var (edited, _) = await SendAsync("PATCH", "/api/segments/{segment}/edit", batch: false,
            Encoding.UTF8.GetBytes($$"""{"filters":{{Filters}}}"""), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Equal(before, (await GetAsync("/api/segments"))["total"]!.ToJsonString());
        Assert.Empty((await GetAsync($"/api/segments/{service.Segment}"))["list"]!["filters"]!.AsArray());
    }

    [Fact]
    public async Task Surrogate_pairs_other_escapes_and_names_differing_in_case_are_read_as_before()
    {
        var (response, body) = await SendAsync("POST", "/api/contacts/new", batch: false,
            Encoding.UTF8.GetBytes("""{"email":"pair@example.com","firstname":"\ud83d\ude00 \u00e9t\u00e9","lastname":"Ünïcødé 😀"}"""), "application/json");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("😀 été", (string)body["contact"]!["fields"]!["all"]!["firstname"]!);
        Assert.Equal("Ünïcødé 😀", (string)body["contact"]!["fields"]!["all"]!["lastname"]!);
        var (user, _) = await SendAsync("PATCH", "/api/users/{user}/edit", batch: false,
            Encoding.UTF8.GetBytes("""{"firstName":"\ud83d\ude00","FirstName":"ignored"}"""), "application/json");
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
    }

    private async Task<JsonNode> AssertRefused(string method, string route, bool batch, string json, string messageStart, string? property)
    {
        var (response, body) = await SendAsync(method, route, batch, Encoding.UTF8.GetBytes(json), "application/json");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {route} {json}: {(int)response.StatusCode} {body.ToJsonString()}");
        Assert.StartsWith(messageStart, Message(body));
        if (property is not null)
            Assert.Equal(property, (string)body["errors"]![0]!["details"]!["property"]!);
        return body;
    }

    private async Task<(HttpResponseMessage Response, JsonNode Body)> SendAsync(string method, string route, bool batch, byte[] body, string contentType)
    {
        var url = route.Replace("{contact}", service.Contact.ToString()).Replace("{segment}", service.Segment.ToString())
            .Replace("{user}", service.User.ToString());
        if (batch)
            body = [(byte)'[', .. body, (byte)']'];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
        var response = await service.Api.ApiClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{method} {url}: {(int)response.StatusCode} {text}");
        return (response, JsonNode.Parse(text)!);
    }

    private async Task<JsonNode> GetAsync(string url) => JsonNode.Parse(await service.Api.ApiClient().GetStringAsync(url))!;

    private static string Message(JsonNode body) => (string)body["errors"]![0]!["message"]!;

    /// <summary>A JSON body of <c>{"firstName":"aaa…"}</c> that declares its length and is made only as it is sent.</summary>
    private sealed class LongContent : HttpContent
    {
        private readonly long _length;

        public LongContent(long length)
        {
            _length = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var start = Encoding.UTF8.GetBytes("{\"firstName\":\"");
            var chunk = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();
            await stream.WriteAsync(start);
            for (var left = _length - start.Length - 2; left > 0; left -= chunk.Length)
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(left, chunk.Length)));
            await stream.WriteAsync("\"}"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];
}
