using System.Net;

namespace Actors.Browser.Tests.Infrastructure;

/// <summary>
/// A customer's page with the embed snippet exactly as sites paste it. The page lists each delivery the script
/// announces (mauticPageEventDelivered) and each callback it calls, in window.deliveries and window.callbacks for the
/// test and on screen for the screenshot.
/// </summary>
internal static class TrackingPageHtml
{
    public static string Render(string title, string scriptUrl, string calls) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>{{WebUtility.HtmlEncode(title)}}</title>
          <style>
            body { font-family: sans-serif; margin: 2rem; }
            li { margin: .3rem 0; font-family: monospace; }
          </style>
        </head>
        <body>
          <h1>Example Shop: pricing</h1>
          <p>Tracker script: <code>{{WebUtility.HtmlEncode(scriptUrl)}}</code></p>
          <h2>Deliveries</h2>
          <ul id="deliveries"></ul>
          <h2>Callbacks</h2>
          <ul id="callbacks"></ul>
          <script>
            window.deliveries = [];
            window.callbacks = [];
            function show(list, text) {
              var item = document.createElement('li');
              item.textContent = text;
              document.getElementById(list).appendChild(item);
            }
            function callback(name) {
              return function () { window.callbacks.push(name); show('callbacks', name); };
            }
            document.addEventListener('mauticPageEventDelivered', function (event) {
              window.deliveries.push(event.detail);
              show('deliveries', 'pageview #' + event.detail.params.counter + ' via ' + event.detail.transport + ': ' + event.detail.outcome);
            });
          </script>
          <script>
            (function(w,d,t,u,n,a,m){w['MauticTrackingObject']=n;
              w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)},a=d.createElement(t),
              m=d.getElementsByTagName(t)[0];a.async=1;a.src=u;m.parentNode.insertBefore(a,m)
            })(window,document,'script','{{scriptUrl}}','mt');
            {{calls}}
          </script>
        </body>
        </html>
        """;
}
