using Actors.Interfaces.Companies;

namespace Actors.Grains.Contacts;

/// <summary>Mautic's rules for a contact's company links: at most one primary, and the latest link made is it.</summary>
internal static class ContactMemberships
{
    /// <summary>Links (or re-links) the company as the primary one; answers the link.</summary>
    public static CompanyLink Link(List<CompanyLink> links, CompanyLink link)
    {
        var existing = links.Find(l => l.CompanyId == link.CompanyId);
        links.RemoveAll(l => l.CompanyId == link.CompanyId);
        for (var i = 0; i < links.Count; i++)
            links[i] = links[i] with { IsPrimary = false };
        var primary = link with { IsPrimary = true, DateAssociated = existing?.DateAssociated ?? link.DateAssociated };
        links.Add(primary);
        return primary;
    }

    /// <summary>Removes the link; false when there was none. <paramref name="primary"/> is the primary link afterwards.</summary>
    public static bool Unlink(List<CompanyLink> links, long companyId, out CompanyLink? primary)
    {
        var removed = links.RemoveAll(l => l.CompanyId == companyId) > 0;
        primary = EnsurePrimary(links);
        return removed;
    }

    /// <summary>
    /// The links become <paramref name="companies"/>: the others go and each new one is linked as the primary one in
    /// turn. False when nothing changed; <paramref name="primary"/> is the primary link afterwards.
    /// </summary>
    public static bool Replace(List<CompanyLink> links, IReadOnlyList<CompanyLink> companies, out CompanyLink? primary)
    {
        var changed = links.RemoveAll(l => companies.All(c => c.CompanyId != l.CompanyId)) > 0;
        foreach (var link in companies.Where(c => links.All(l => l.CompanyId != c.CompanyId)))
        {
            Link(links, link);
            changed = true;
        }
        primary = EnsurePrimary(links);
        return changed;
    }

    /// <summary>The link now shows the company's new name; false when the contact has no link to it or it showed that name.</summary>
    public static bool Rename(List<CompanyLink> links, CompanyRename rename)
    {
        var index = links.FindIndex(l => l.CompanyId == rename.CompanyId);
        if (index < 0 || links[index].CompanyName == rename.Name)
            return false;
        links[index] = links[index] with { CompanyName = rename.Name };
        return true;
    }

    public static CompanyLink? Primary(IReadOnlyList<CompanyLink> links)
    {
        foreach (var link in links)
        {
            if (link.IsPrimary)
                return link;
        }
        return null;
    }

    /// <summary>When links remain and none is primary, the most recently made one becomes it; answers the primary link.</summary>
    private static CompanyLink? EnsurePrimary(List<CompanyLink> links)
    {
        if (links.Count > 0 && !links.Any(l => l.IsPrimary))
        {
            var latest = links.IndexOf(links.MaxBy(l => l.DateAssociated)!);
            links[latest] = links[latest] with { IsPrimary = true };
        }
        return links.Find(l => l.IsPrimary);
    }

    /// <summary>
    /// A merge keeps every link of both. The primary is the link the merged company field names (the most recently
    /// modified value of the two, as for every field), so the field and the primary agree; when it names none, the
    /// winner's primary stays primary when it has one.
    /// </summary>
    public static void UniteCompanies(List<CompanyLink> winner, IReadOnlyList<CompanyLink> loser, string? companyField)
    {
        var winnerHasPrimary = winner.Any(l => l.IsPrimary);
        foreach (var link in loser.Where(l => winner.All(w => w.CompanyId != l.CompanyId)))
            winner.Add(winnerHasPrimary ? link with { IsPrimary = false } : link);
        if (winner.Find(l => string.Equals(l.CompanyName, companyField, StringComparison.OrdinalIgnoreCase)) is { IsPrimary: false } named)
        {
            for (var i = 0; i < winner.Count; i++)
                winner[i] = winner[i] with { IsPrimary = winner[i].CompanyId == named.CompanyId };
        }
        EnsurePrimary(winner);
    }
}
