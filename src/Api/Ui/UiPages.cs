using System.Net;

namespace Actors.Api.Ui;

/// <summary>
/// The two server-rendered documents of the UI: the login form, and the shell every signed-in page loads (the
/// navigation, the user's name and antiforgery token in meta tags, and the client app, which draws the page for its path).
/// </summary>
internal static class UiPages
{
    /// <summary>The UI's icon, named by every page so that no browser asks for /favicon.ico.</summary>
    public const string Icon = "/ui/assets/favicon.svg";

    public static string Login(string antiforgeryToken, string returnUrl, string? username, string? error, string? notice) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Sign in | Actors</title>
          <link rel="stylesheet" href="/ui/assets/ui.css">
          <link rel="icon" href="{{Icon}}" type="image/svg+xml">
        </head>
        <body class="login">
          <form method="post" action="{{UiSession.LoginPath}}" class="login-box" novalidate>
            <h1>Actors</h1>
            <p class="subtitle">Contacts and cluster</p>
            {{(notice is null ? "" : $"<p class=\"notice\" id=\"login-notice\">{Html(notice)}</p>")}}
            {{(error is null ? "" : $"<p class=\"field-error\" id=\"login-error\">{Html(error)}</p>")}}
            <input type="hidden" name="{{UiSession.AntiforgeryField}}" value="{{Html(antiforgeryToken)}}">
            <input type="hidden" name="returnUrl" value="{{Html(returnUrl)}}">
            <label>Username <input name="username" id="username" autocomplete="username" value="{{Html(username ?? "")}}" required autofocus></label>
            <label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label>
            <button type="submit" class="primary">Sign in</button>
          </form>
        </body>
        </html>
        """;

    public static string Shell(string antiforgeryToken, string username) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Actors</title>
          <meta name="csrf-token" content="{{Html(antiforgeryToken)}}">
          <meta name="csrf-header" content="{{UiSession.AntiforgeryHeader}}">
          <link rel="stylesheet" href="/ui/assets/ui.css">
          <link rel="icon" href="{{Icon}}" type="image/svg+xml">
        </head>
        <body>
          <header class="topbar">
            <a class="brand" href="/ui/contacts">Actors</a>
            <nav>
              <a href="/ui/contacts">Contacts</a>
              <a href="/ui/import">Import</a>
              <a href="/ui/dashboard">Cluster</a>
            </nav>
            <form method="post" action="/ui/logout" class="logout">
              <span class="user">{{Html(username)}}</span>
              <input type="hidden" name="{{UiSession.AntiforgeryField}}" value="{{Html(antiforgeryToken)}}">
              <button type="submit" id="logout">Sign out</button>
            </form>
          </header>
          <main id="app"><p class="muted">Loading…</p></main>
          <script type="module" src="/ui/assets/app.js"></script>
        </body>
        </html>
        """;

    public static string Problem(string title, string message) => $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{Html(title)}} | Actors</title><link rel="stylesheet" href="/ui/assets/ui.css"><link rel="icon" href="{{Icon}}" type="image/svg+xml"></head>
        <body class="login"><div class="login-box"><h1>{{Html(title)}}</h1><p>{{Html(message)}}</p><p><a href="/ui/contacts">Back to contacts</a></p></div></body>
        </html>
        """;

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
