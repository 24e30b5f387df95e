using Actors.Api.Devices;

namespace Actors.Api.Tests.Devices;

public class UserAgentClassifierTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "desktop", "Windows", "WIN", "10", "x64", "Chrome", "CH", "120.0.0.0", "Blink", "", "")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
        "smartphone", "iOS", "IOS", "17.1.2", "ARM", "Mobile Safari", "MF", "17.1.2", "WebKit", "Apple", "iPhone")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "desktop", "Ubuntu", "UBT", "", "x64", "Firefox", "FF", "121.0", "Gecko", "", "")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Mobile Safari/537.36",
        "smartphone", "Android", "AND", "13", "ARM", "Chrome Mobile", "CM", "112.0.0.0", "Blink", "", "")]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
        "tablet", "iOS", "IOS", "16.6", "ARM", "Mobile Safari", "MF", "16.6", "WebKit", "Apple", "iPad")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
        "desktop", "Mac", "MAC", "10.15.7", "", "Microsoft Edge", "PS", "120.0.2210.91", "Blink", "Apple", "")]
    [InlineData("Mozilla/5.0 (Linux; Android 12; SM-X906C Build/QP1A.190711.020; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/80.0.3987.119 Safari/537.36",
        "tablet", "Android", "AND", "12", "ARM", "Chrome Mobile", "CM", "80.0.3987.119", "Blink", "", "")]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "desktop", "Chrome OS", "COS", "", "x64", "Chrome", "CH", "120.0.0.0", "Blink", "", "")]
    [InlineData("Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
        "desktop", "Windows", "WIN", "7", "x64", "Internet Explorer", "IE", "11.0", "Trident", "", "")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
        "desktop", "Windows", "WIN", "10", "x64", "Opera", "OP", "106.0.0.0", "Blink", "", "")]
    public void Real_user_agents_are_classified_as_DeviceDetector_names_them(string userAgent, string device, string os, string osShort, string osVersion,
        string platform, string browser, string browserShort, string browserVersion, string engine, string brand, string model)
    {
        var info = UserAgentClassifier.Classify(userAgent);

        Assert.Equal(new UserAgentInfo(device, os, osShort, osVersion, platform, browser, browserShort, browserVersion, engine, brand, model), info);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\u0000\uFFFF%%% not a browser ((((")]
    public void Unknown_or_broken_user_agents_answer_empty_names(string? userAgent)
    {
        var info = UserAgentClassifier.Classify(userAgent);

        Assert.Equal("", info.OsName);
        Assert.Equal("", info.BrowserName);
    }
}
