using Actors.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Actors.Browser.Tests.Ui;

/// <summary>The cluster dashboard: the embedded silo, or every silo of a real cluster, with activations and calls, refreshed live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task The_dashboard_shows_the_silo_its_grain_types_and_non_zero_calls_and_keeps_refreshing()
    {
        await using var ui = await OperatorUi.StartAsync(chromium);
        for (var i = 0; i < 5; i++)
            await ui.CreateContactAsync(new { email = $"load{i}@example.com" });
        await ui.SignInAsync("/ui/dashboard");

        var silo = ui.Page.Locator("#silos tbody tr");
        await Assertions.Expect(silo).ToHaveCountAsync(1);
        await Assertions.Expect(silo.Locator(".status")).ToHaveTextAsync("Active");
        await Assertions.Expect(silo).ToHaveAttributeAsync("data-address", "127.0.0.1:11111");
        await Assertions.Expect(ui.Page.Locator("#grain-types")).ToContainTextAsync("contact");
        await Assertions.Expect(ui.Page.Locator("#grain-types tr", new PageLocatorOptions { HasText = "identifierindex" }).Locator("td.number").First).ToHaveTextAsync("5");
        // Every page refresh reads the signed-in user's grain, so calls keep flowing while the page is open.
        await ui.Page.WaitForFunctionAsync("() => Number(document.querySelector('.card-value[data-metric=\"Calls/s\"]')?.textContent) > 0");
        await Assertions.Expect(silo.Locator("td.latency-p99")).Not.ToHaveTextAsync("0 µs");
        var calls = long.Parse(await ui.Page.TextContentAsync(".card-value[data-metric=Calls]") ?? "0");
        Assert.True(calls > 0);
        var updated = await ui.Page.TextContentAsync("#dashboard-updated");
        await Assertions.Expect(ui.Page.Locator("#dashboard-updated")).Not.ToHaveTextAsync(updated!);

        var json = await ui.Page.EvaluateAsync<System.Text.Json.JsonElement>("async () => (await fetch('/ui/api/dashboard')).json()");
        var report = json.GetProperty("silos")[0];
        Assert.True(report.GetProperty("memoryBytes").GetInt64() > 0);
        Assert.True(report.GetProperty("ageSeconds").GetDouble() >= 0);
        Assert.True(json.GetProperty("totals").GetProperty("activations").GetInt64() > 0);
    }

    [Fact]
    public async Task The_dashboard_of_an_api_in_front_of_two_silo_processes_shows_both_with_their_calls_and_a_killed_one_going_dead()
    {
        await using var cluster = await SiloProcesses.StartAsync(2);
        await using var ui = await OperatorUi.StartAsync(chromium, cluster.ApiSettings);
        for (var i = 0; i < 10; i++)
            await ui.CreateContactAsync(new { email = $"cluster{i}@example.com" });
        await ui.SignInAsync("/ui/dashboard");

        var silos = ui.Page.Locator("#silos tbody tr");
        await Assertions.Expect(silos).ToHaveCountAsync(2);
        for (var i = 0; i < 2; i++)
        {
            var silo = silos.Nth(i);
            await Assertions.Expect(silo.Locator(".status")).ToHaveTextAsync("Active");
            await Assertions.Expect(silo).ToHaveAttributeAsync("data-reporting", "true");
            Assert.True(long.Parse(await silo.Locator("td.calls").TextContentAsync() ?? "0") > 0, $"silo {i} shows no calls");
        }
        await Assertions.Expect(ui.Page.Locator(".card-value[data-metric=Silos]")).ToHaveTextAsync("2");
        // Both silos are columns of the grain-type table: Silo, Total, then one per silo.
        await Assertions.Expect(ui.Page.Locator("#grain-types thead th")).ToHaveCountAsync(4);
        await ui.Page.WaitForFunctionAsync("() => Number(document.querySelector('.card-value[data-metric=\"Calls/s\"]')?.textContent) > 0");
        await ui.ScreenshotAsync("ui-dashboard-two-silos");

        var victim = cluster.Silos[1];
        await victim.Host.KillAsync();
        var killed = ui.Page.Locator($"#silos tbody tr[data-address^='127.0.0.1:{victim.SiloPort}@']");
        await Assertions.Expect(killed).ToHaveAttributeAsync("data-reporting", "false");
        await Assertions.Expect(killed.Locator(".status")).ToHaveTextAsync("Dead", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Assertions.Expect(killed.Locator("td.calls")).ToHaveTextAsync("—");
        await Assertions.Expect(ui.Page.Locator(".card-value[data-metric=Silos]")).ToHaveTextAsync("1");
    }
}
