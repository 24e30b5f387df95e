using System.Text;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Json;

/// <summary>
/// A chunk size past 64 bits (<c>ffffffffffffffffff</c>) is refused by Kestrel as a plain IOException wrapping an
/// OverflowException, where other bad chunking is a BadHttpRequestException; every body reader answered it with an
/// empty 500. It is a 400 in the API's error format, as <c>zz</c> was already, and tracking still answers its own way.
/// Over real Kestrel, since the in-memory test server does not parse chunking.
/// </summary>
public sealed class ChunkedBodyTests(ChunkedBodyTests.Service service) : IClassFixture<ChunkedBodyTests.Service>
{
    public sealed class Service : IAsyncLifetime
    {
        public ApiFactory Api { get; } = new(TestStore.Sqlite());
        public Uri Address { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Address = Api.StartOnKestrel();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    [Theory]
    [InlineData("PATCH", "/api/contacts/1/edit", "application/json")]
    [InlineData("POST", "/api/contacts/new", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/api/segments/new", "application/json")]
    [InlineData("POST", "/api/contacts/import", "multipart/form-data; boundary=XX")]
    public async Task A_chunk_size_past_64_bits_is_400_in_the_api_error_format(string method, string path, string contentType)
    {
        var answer = await SendChunkedAsync(method, path, contentType, signedIn: true);

        Assert.StartsWith("HTTP/1.1 400 ", answer);
        Assert.Contains("""{"errors":[{"code":400,"message":"The request body could not be read: Bad chunk size data.""", answer);
    }

    [Fact]
    public async Task Tracking_answers_its_own_failure_to_a_chunk_size_past_64_bits()
    {
        var answer = await SendChunkedAsync("POST", "/mtc/event", "application/x-www-form-urlencoded", signedIn: false);

        Assert.StartsWith("HTTP/1.1 200 ", answer);
        Assert.Contains("\"success\":0", answer);
    }

    async Task<string> SendChunkedAsync(string method, string path, string contentType, bool signedIn)
        => Encoding.ASCII.GetString(await RawHttp.ExchangeAsync(service.Address,
            $"{method} {path} HTTP/1.1\r\nHost: x\r\n{RawHttp.SignIn(signedIn)}Content-Type: {contentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n"));
}
