namespace Actors.Api.Ui;

/// <summary>Operator UI settings (configuration section "Ui").</summary>
public sealed class UiOptions
{
    public const string SectionName = "Ui";

    public static readonly TimeSpan DefaultSessionLifetime = TimeSpan.FromHours(8);

    /// <summary>How long a sign-in lasts without activity; each request in its second half renews it. Default 8 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = DefaultSessionLifetime;
}
