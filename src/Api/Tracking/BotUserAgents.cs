namespace Actors.Api.Tracking;

/// <summary>The default do-not-track user-agent substrings: search and social crawlers, monitors, and HTTP libraries.</summary>
public static class BotUserAgents
{
    public static readonly IReadOnlyList<string> Defaults =
    [
        "Googlebot", "AdsBot-Google", "Mediapartners-Google", "Google-InspectionTool", "GoogleOther", "APIs-Google",
        "bingbot", "BingPreview", "msnbot", "Slurp", "DuckDuckBot", "Baiduspider", "YandexBot", "YandexImages",
        "Sogou", "Exabot", "ia_archiver", "archive.org_bot", "facebookexternalhit", "facebookcatalog", "Facebot",
        "Twitterbot", "LinkedInBot", "Pinterestbot", "Slackbot", "Discordbot", "TelegramBot", "WhatsApp",
        "Applebot", "AhrefsBot", "SemrushBot", "MJ12bot", "DotBot", "PetalBot", "Bytespider", "GPTBot",
        "ClaudeBot", "CCBot", "PerplexityBot", "SeznamBot", "Qwantify", "UptimeRobot", "Pingdom", "StatusCake",
        "PhantomJS", "Lighthouse", "crawler", "spider",
        "curl", "Wget", "python-requests", "python-urllib", "Python-urllib", "aiohttp", "httpx", "Go-http-client",
        "okhttp", "axios", "node-fetch", "undici", "libwww", "lwp-trivial", "Java/", "Apache-HttpClient",
        "Jakarta Commons-HttpClient", "HTTPie", "PostmanRuntime", "insomnia", "Ruby", "Faraday", "GuzzleHttp",
        "Scrapy", "Mechanize", "WinHttp", "Dalvik/",
    ];
}
