using System.Net;
using System.Text.Json.Nodes;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Ui;

/// <summary>
/// With the session cookie, /api takes the antiforgery token from the X-CSRF-TOKEN header only: a token in a form
/// body is refused, so the body stays whole for the endpoint that reads it.
/// </summary>
public abstract partial class UiSessionTests
{
    [Fact]
    public async Task A_session_write_to_the_api_with_the_token_in_its_form_body_is_a_403_and_changes_nothing()
    {
        await using var api = new ApiFactory(store());
        var browser = Browser(api);
        var token = await SignInAsync(browser);
        var contact = await AnnAsync(api);

        var edit = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/contacts/{contact}/edit") { Content = Form(("__RequestVerificationToken", token), ("firstname", "X")) });
        var note = await browser.PostAsync("/api/notes/new", Form(("__RequestVerificationToken", token), ("lead", contact.ToString()), ("text", "x")));

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal("The request lacks the session's antiforgery token in the X-CSRF-TOKEN header.", (string?)JsonNode.Parse(await edit.Content.ReadAsStringAsync())!["errors"]![0]!["message"]);
        Assert.Equal(HttpStatusCode.Forbidden, note.StatusCode);
        var notes = JsonNode.Parse(await api.ApiClient().GetStringAsync("/api/notes"))!;
        Assert.Equal(0, (int)notes["total"]!);
        var read = JsonNode.Parse(await api.ApiClient().GetStringAsync($"/api/contacts/{contact}"))!;
        Assert.Equal("Ann", (string?)read["contact"]!["fields"]!["all"]!["firstname"]);
    }

    [Fact]
    public async Task A_session_write_with_the_token_header_reads_its_whole_form_body()
    {
        await using var api = new ApiFactory(store());
        var browser = Browser(api);
        var token = await SignInAsync(browser);
        var contact = await AnnAsync(api);

        var edit = new HttpRequestMessage(HttpMethod.Patch, $"/api/contacts/{contact}/edit") { Content = Form(("firstname", "X")) };
        edit.Headers.Add("X-CSRF-TOKEN", token);
        var note = new HttpRequestMessage(HttpMethod.Post, "/api/notes/new") { Content = Form(("lead", contact.ToString()), ("text", "x")) };
        note.Headers.Add("X-CSRF-TOKEN", token);
        var edited = await browser.SendAsync(edit);
        var noted = await browser.SendAsync(note);

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("X", (string?)JsonNode.Parse(await edited.Content.ReadAsStringAsync())!["contact"]!["fields"]!["all"]!["firstname"]);
        Assert.Equal(HttpStatusCode.Created, noted.StatusCode);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields)
        => new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static async Task<long> AnnAsync(ApiFactory api)
    {
        var created = await api.ApiClient().PostAsync("/api/contacts/new", new StringContent("""{"firstname":"Ann"}""", System.Text.Encoding.UTF8, "application/json"));
        return (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["contact"]!["id"]!;
    }
}
