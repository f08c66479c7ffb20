using Hearth.Core.People;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Families;

/// <summary>
/// A person's details as summary list rows with labels, not codes: the family record's member cards and the check page
/// of a correction show the same rows, each with a change link to the question page that asks for it.
/// </summary>
public static class PersonSummary
{
    /// <param name="change">The change link of a question page (<see cref="ChangePersonModel"/> steps), or null for no links.</param>
    public static List<SummaryRow> Rows(PersonDetails d, PersonAddress? current, Func<string, string>? change, IStringLocalizer t, bool includeDeath)
    {
        string? Href(string step) => change?.Invoke(step);
        var name = $"{d.GivenName} {d.FamilyName}";
        string Hidden(string what) => t["{0} of {1}", what, name];
        string Or(string? value) => string.IsNullOrWhiteSpace(value) ? t["Not recorded"] : value;
        var fullName = d.KnownAs is null ? name : t["{0} (known as {1})", name, d.KnownAs].Value;
        if (d.CouncilChildId is not null && d.GivenName == d.CouncilChildId)
        {
            // The journeys import names a child it knows only by reference after that reference.
            fullName = t["{0}: the reference from an import, not a name. Change it to the child’s name.", fullName];
        }
        var address = current is not null ? string.Join(", ", new[] { current.Lines, current.Postcode }.Where(x => x is not null)) : d.Postcode;
        var rows = new List<SummaryRow>
        {
            new(t["Name"], fullName, Href(ChangePersonModel.Name), Hidden(t["name"])),
            new(t["Date of birth"], d.DateOfBirth is { } dob ? Display.Date(dob) : d.ExpectedDateOfBirth is { } due ? t["Expected {0}", Display.Date(due)] : t["Not known"],
                Href(ChangePersonModel.Birth), Hidden(t["date of birth"])),
            new(t["Sex"], t[SexLabel(d.Sex)], Href(ChangePersonModel.Characteristics), Hidden(t["sex"])),
            new(t["Gender identity"], Or(d.GenderIdentity), Href(ChangePersonModel.Characteristics), Hidden(t["gender identity"])),
            new(t["Ethnicity"], d.EthnicityCode is { } e ? t[CodeLabels.Ethnicity(e)] : t["Not recorded"], Href(ChangePersonModel.Characteristics), Hidden(t["ethnicity"])),
            new(t["Disability"], d.DisabilityCodes.Count == 0 ? t["Not recorded"] : string.Join(", ", d.DisabilityCodes.Select(c => t[CodeLabels.Disability(c)].Value)),
                Href(ChangePersonModel.Characteristics), Hidden(t["disability"])),
            new(t["First language"], Or(d.FirstLanguage), Href(ChangePersonModel.Characteristics), Hidden(t["first language"])),
            new(t["Council child ID"], Or(d.CouncilChildId), Href(ChangePersonModel.Identifiers), Hidden(t["council child ID"])),
            new(t["UPN"], Or(d.Upn), Href(ChangePersonModel.Identifiers), Hidden(t["UPN"])),
            new(t["Former UPN"], Or(d.FormerUpn), Href(ChangePersonModel.Identifiers), Hidden(t["former UPN"])),
            new(t["NHS number"], Or(d.NhsNumber), Href(ChangePersonModel.Identifiers), Hidden(t["NHS number"])),
            new(t["Address"], Or(address), Href(ChangePersonModel.Address), Hidden(t["address"])),
        };
        if (includeDeath || d.DateOfDeath is not null)
        {
            rows.Add(new(t["Date of death"], d.DateOfDeath is { } died ? Display.Date(died) : t["None recorded"], Href(ChangePersonModel.Death), Hidden(t["date of death"])));
        }
        return rows;
    }

    public static string SexLabel(Sex sex) => sex == Sex.Unknown ? "Not known" : sex.ToString();
}
