using System.Text.RegularExpressions;

namespace Actors.Api.Devices;

/// <summary>
/// What a user agent says about its device, in the names Mautic shows (it uses Matomo's DeviceDetector): device type
/// (desktop, smartphone, tablet), operating system (name, short code, version, platform), browser (name, short code,
/// version, engine) and, for Apple devices, brand and model. It reads the handful of tokens the common browsers send
/// and answers empty strings for what it does not recognise; it is a classification for display, not a detector.
/// </summary>
public static partial class UserAgentClassifier
{
    private static readonly (string Token, string Name, string ShortName, string Engine)[] Browsers =
    [
        ("Edg/", "Microsoft Edge", "PS", "Blink"),
        ("EdgA/", "Microsoft Edge", "PS", "Blink"),
        ("OPR/", "Opera", "OP", "Blink"),
        ("SamsungBrowser/", "Samsung Browser", "SB", "Blink"),
        ("CriOS/", "Chrome Mobile iOS", "CI", "WebKit"),
        ("FxiOS/", "Firefox Mobile iOS", "FM", "WebKit"),
        ("Firefox/", "Firefox", "FF", "Gecko"),
        ("Chrome/", "Chrome", "CH", "Blink"),
        ("Version/", "Safari", "SF", "WebKit"),
        ("MSIE ", "Internet Explorer", "IE", "Trident"),
        ("Trident/", "Internet Explorer", "IE", "Trident"),
    ];

    public static UserAgentInfo Classify(string? userAgent)
    {
        var ua = userAgent ?? "";
        var (osName, osShort, osVersion) = OperatingSystem(ua);
        var isIos = osShort == "IOS";
        var isTablet = ua.Contains("iPad", StringComparison.Ordinal) || ua.Contains("Tablet", StringComparison.Ordinal)
            || (osShort == "AND" && !ua.Contains("Mobile", StringComparison.Ordinal));
        var isPhone = !isTablet && (ua.Contains("Mobile", StringComparison.Ordinal) || ua.Contains("iPhone", StringComparison.Ordinal));
        var device = ua.Length == 0 ? "" : isTablet ? "tablet" : isPhone ? "smartphone" : "desktop";
        var (browser, browserShort, browserVersion, engine) = Browser(ua, mobile: isPhone || isTablet);
        var model = ua.Contains("iPad", StringComparison.Ordinal) ? "iPad" : ua.Contains("iPhone", StringComparison.Ordinal) ? "iPhone" : "";
        return new UserAgentInfo(device, osName, osShort, osVersion, Platform(ua, osShort), browser, browserShort, browserVersion, engine,
            isIos || osShort == "MAC" ? "Apple" : "", model);
    }

    private static (string Name, string ShortName, string Version) OperatingSystem(string ua)
    {
        if (WindowsVersion().Match(ua) is { Success: true } windows)
            return ("Windows", "WIN", windows.Groups[1].Value switch { "10.0" => "10", "6.3" => "8.1", "6.2" => "8", "6.1" => "7", var other => other });
        if (IosVersion().Match(ua) is { Success: true } ios)
            return ("iOS", "IOS", ios.Groups[1].Value.Replace('_', '.'));
        if (AndroidVersion().Match(ua) is { Success: true } android)
            return ("Android", "AND", android.Groups[1].Value);
        if (ua.Contains("CrOS", StringComparison.Ordinal))
            return ("Chrome OS", "COS", "");
        if (MacVersion().Match(ua) is { Success: true } mac)
            return ("Mac", "MAC", mac.Groups[1].Value.Replace('_', '.'));
        if (ua.Contains("Ubuntu", StringComparison.Ordinal))
            return ("Ubuntu", "UBT", "");
        if (ua.Contains("Fedora", StringComparison.Ordinal))
            return ("Fedora", "FED", "");
        if (ua.Contains("Linux", StringComparison.Ordinal))
            return ("GNU/Linux", "LIN", "");
        return ("", "", "");
    }

    private static string Platform(string ua, string os)
    {
        if (os is "IOS" or "AND" || ua.Contains("aarch64", StringComparison.Ordinal) || ua.Contains("arm", StringComparison.OrdinalIgnoreCase))
            return os.Length == 0 ? "" : "ARM";
        if (ua.Contains("x86_64", StringComparison.Ordinal) || ua.Contains("x64", StringComparison.Ordinal) || ua.Contains("WOW64", StringComparison.Ordinal)
            || ua.Contains("Win64", StringComparison.Ordinal) || ua.Contains("amd64", StringComparison.OrdinalIgnoreCase))
            return "x64";
        return ua.Contains("i686", StringComparison.Ordinal) || ua.Contains("i386", StringComparison.Ordinal) || os == "WIN" ? "x86" : "";
    }

    private static (string Name, string ShortName, string Version, string Engine) Browser(string ua, bool mobile)
    {
        foreach (var (token, name, shortName, engine) in Browsers)
        {
            var at = ua.IndexOf(token, StringComparison.Ordinal);
            if (at < 0 || (token == "Version/" && !ua.Contains("Safari/", StringComparison.Ordinal)))
                continue;
            var version = VersionAt(ua, at + token.Length);
            if (token == "Trident/")
                version = "11.0";
            return (name, shortName) switch
            {
                ("Chrome", _) when mobile => ("Chrome Mobile", "CM", version, engine),
                ("Firefox", _) when mobile => ("Firefox Mobile", "FM", version, engine),
                ("Safari", _) when mobile => ("Mobile Safari", "MF", version, engine),
                _ => (name, shortName, version, engine),
            };
        }
        return ("", "", "", "");
    }

    private static string VersionAt(string ua, int start)
    {
        var end = start;
        while (end < ua.Length && (char.IsAsciiDigit(ua[end]) || ua[end] == '.'))
            end++;
        return ua[start..end];
    }

    [GeneratedRegex(@"Windows NT (\d+\.\d+)")]
    private static partial Regex WindowsVersion();

    [GeneratedRegex(@"(?:iPhone|iPad|iPod).*? OS (\d+(?:_\d+)*)")]
    private static partial Regex IosVersion();

    [GeneratedRegex(@"Android (\d+(?:\.\d+)*)")]
    private static partial Regex AndroidVersion();

    [GeneratedRegex(@"Mac OS X (\d+(?:[_.]\d+)*)")]
    private static partial Regex MacVersion();
}

/// <summary>A user agent's device, operating system and browser in DeviceDetector's names; empty where unknown.</summary>
public sealed record UserAgentInfo(
    string Device,
    string OsName,
    string OsShortName,
    string OsVersion,
    string OsPlatform,
    string BrowserName,
    string BrowserShortName,
    string BrowserVersion,
    string BrowserEngine,
    string Brand,
    string Model);
