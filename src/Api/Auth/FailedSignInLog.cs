using System.Globalization;
using System.Net;
using System.Text;

namespace Actors.Api.Auth;

/// <summary>
/// The warning a failed sign-in leaves, through Basic authentication or the operator UI's form. Its username is
/// whatever the client sent, so it is logged escaped (C-style, backslash included so the escape is unambiguous): a CR
/// or LF would otherwise end the line in a plain-text log and let the client write a forged line of its own, and a
/// format character (a right-to-left override, a zero-width space) could make it read as another name.
/// </summary>
internal static partial class FailedSignInLog
{
    public static void Basic(ILogger logger, string username, IPAddress address) => LogBasic(logger, Escape(username), address);

    public static void Form(ILogger logger, string username, IPAddress address) => LogForm(logger, Escape(username), address);

    /// <summary><paramref name="username"/> with backslashes, control, format and line-separator characters escaped.</summary>
    public static string Escape(string username)
    {
        if (!username.Any(NeedsEscape))
            return username;
        var escaped = new StringBuilder(username.Length + 16);
        foreach (var c in username)
        {
            escaped.Append(c switch
            {
                '\\' => @"\\",
                '\r' => @"\r",
                '\n' => @"\n",
                '\t' => @"\t",
                _ when NeedsEscape(c) => $@"\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => c == '\\' || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    [LoggerMessage(10, LogLevel.Warning, "Failed API sign-in as {Username} from {Address}")]
    private static partial void LogBasic(ILogger logger, string username, IPAddress address);

    [LoggerMessage(11, LogLevel.Warning, "Failed operator UI sign-in as {Username} from {Address}")]
    private static partial void LogForm(ILogger logger, string username, IPAddress address);
}
