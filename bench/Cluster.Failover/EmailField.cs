using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Actors.Cluster.Failover;

/// <summary>
/// Makes the email field publicly updatable (Mautic's default keeps it closed), so that a tracking hit carrying
/// an email identifies its visitor, through the contacts API as an operator would.
/// </summary>
public static class EmailField
{
    public static async Task OpenToTrackingAsync(Uri api, string user, string password)
    {
        using var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        var listed = await http.GetFromJsonAsync<JsonObject>("/api/fields/contact?search=email")
            ?? throw new InvalidOperationException("The field list was empty.");
        var email = listed["fields"]!.AsObject().Select(f => f.Value!).Single(f => (string?)f["alias"] == "email");
        using var response = await http.PatchAsJsonAsync($"/api/fields/contact/{(int)email["id"]!}/edit", new { isPubliclyUpdatable = true });
        response.EnsureSuccessStatusCode();
    }
}
