using System.Net;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hearth.Web.Tests.Infrastructure.JourneyWebFactory;

namespace Hearth.Web.Tests.Referrals;

/// <summary>The referral question pages, adding families and people, triage and the waiting list.</summary>
public sealed class ReferralPagesTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private static string Step(Guid family, string step) => $"/referrals/add/{step}?family={family}";

    private Task<int> ReferralCountAsync(Guid family) =>
        app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Referral>().CountAsync(r => r.FamilyId == family));

    /// <summary>Answers every question page with valid answers, as a practitioner would.</summary>
    private static async Task AnswerEveryPageAsync(HttpClient client, Guid family, Guid child, DateOnly received)
    {
        Assert.Equal(Step(family, "details"), (await PostAsync(client, $"/referrals/add?family={family}", [F("ChildIds", child.ToString())])).Headers.Location!.OriginalString);
        var details = await PostAsync(client, Step(family, "details"), Date("ReceivedOn", received), [F("ReceivedAt", "9:30"), F("Channel", "Email"), F("Source", "2A"), F("ReferrerAgency", "Ysgol Gynradd")]);
        Assert.Equal(Step(family, "needs"), details.Headers.Location!.OriginalString);
        var needs = await PostAsync(client, Step(family, "needs"), [F("PresentingNeeds", "school_attendance"), F("PresentingNeeds", "domestic_abuse"),
            F("Eligibility.parental_substance_misuse", "yes"), F("Eligibility.child_in_need_or_at_risk", "yes"), F("Eligibility.family_consents", "no")]);
        Assert.Equal(Step(family, "consent"), needs.Headers.Location!.OriginalString);
        var consent = await PostAsync(client, Step(family, "consent"), [F("ConsentToShare", "yes"), F("SharingBasis", "Consent")]);
        Assert.Equal(Step(family, "check"), consent.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_referral_is_added_one_page_at_a_time_checked_and_confirmed()
    {
        var (family, _, child) = await app.FamilyAsync();
        var client = await app.SignedInClientAsync("Practitioner");

        await AnswerEveryPageAsync(client, family, child, new DateOnly(2026, 10, 20));
        Assert.Equal(0, await ReferralCountAsync(family));

        var check = await HearthWebFactory.HtmlAsync(await client.GetAsync(Step(family, "check")));
        var answers = check.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal("Ava Pagetest", answers["Children"]);
        Assert.Equal("20 October 2026 09:30", answers["Date received"]);
        Assert.Equal("Schools", answers["Referral source"]);
        Assert.Equal("School attendance, Domestic abuse", answers["Presenting needs"]);
        Assert.Equal("No", answers["Has the family agreed to the 72-hour assessment?"]);
        Assert.NotNull(check.QuerySelector($"a[href='{Step(family, "details")}&change=true']"));

        var saved = await PostAsync(client, Step(family, "check"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var referral = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Referral>().Include(r => r.Children).SingleAsync(r => r.FamilyId == family));
        Assert.Equal($"/referrals/{referral.Id}/received", saved.Headers.Location!.OriginalString);
        Assert.Equal((new DateOnly(2026, 10, 20), new TimeOnly(9, 30), ReferralChannel.Email, "2A"), (referral.ReceivedOn, referral.ReceivedAt, referral.Channel, referral.Source));
        Assert.Equal(["school_attendance", "domestic_abuse"], referral.PresentingNeeds);
        Assert.Equal(child, Assert.Single(referral.Children).PersonId);
        Assert.Equal("{\"parental_substance_misuse\":true,\"child_in_need_or_at_risk\":true,\"family_consents\":false}", referral.EligibilityAnswersJson);
        var confirmation = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/referrals/{referral.Id}/received"));
        Assert.Equal("Referral saved", confirmation.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(confirmation.QuerySelector(".govuk-warning-text"));
        // The answers are gone once saved: a new referral starts empty.
        var again = await HearthWebFactory.HtmlAsync(await client.GetAsync(Step(family, "details")));
        Assert.Equal("", again.QuerySelector("#received-on-day")!.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task The_needs_page_offers_the_needs_of_the_programme_version_in_effect_on_the_date_received()
    {
        // A later version of the team's programme, in effect from 1 October, adds "kinship care".
        await app.WithAsync(async s =>
        {
            var code = await s.GetRequiredService<HearthDbContext>().Set<Core.Organisation.Team>().Where(t => t.Code == "ifss-1-team").Select(t => t.Service!.ProgrammeCode!).SingleAsync();
            var programmes = s.GetRequiredService<ProgrammeService>();
            var current = (await programmes.InEffectAsync(code, Today))!;
            return await programmes.PublishAsync(Seeder, code, current.Name,
                current.Definition with { PresentingNeeds = [.. current.Definition.PresentingNeeds, new PresentingNeed("kinship_care", "Kinship care")] }, new DateOnly(2026, 10, 1));
        });
        var (family, _, child) = await app.FamilyAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        await PostAsync(client, $"/referrals/add?family={family}", [F("ChildIds", child.ToString())]);
        async Task<bool> KinshipOfferedAsync(DateOnly received)
        {
            var details = await PostAsync(client, Step(family, "details"), Date("ReceivedOn", received), [F("ReceivedAt", "9:30"), F("Channel", "Email"), F("Source", "2A")]);
            Assert.Equal(Step(family, "needs"), details.Headers.Location!.OriginalString);
            var needs = await HearthWebFactory.HtmlAsync(await client.GetAsync(Step(family, "needs")));
            Assert.NotNull(needs.QuerySelector("input[name='PresentingNeeds'][value='school_attendance']"));
            return needs.QuerySelector("input[name='PresentingNeeds'][value='kinship_care']") is not null;
        }

        Assert.False(await KinshipOfferedAsync(new DateOnly(2026, 9, 15)));
        Assert.True(await KinshipOfferedAsync(new DateOnly(2026, 10, 20)));
    }

    [Fact]
    public async Task A_half_added_referral_is_kept_as_a_draft_so_signing_in_again_loses_nothing()
    {
        var (family, _, child) = await app.FamilyAsync();
        var first = await app.SignedInClientAsync("Practitioner");
        await AnswerEveryPageAsync(first, family, child, new DateOnly(2026, 10, 20));

        // Another browser (or the same one after its sign-in expired): no cookie from the first.
        var second = await app.SignedInClientAsync("Practitioner");
        var check = await HearthWebFactory.HtmlAsync(await second.GetAsync(Step(family, "check")));
        var answers = check.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal("Ava Pagetest", answers["Children"]);
        Assert.Equal("Schools", answers["Referral source"]);
        Assert.Equal(0, await ReferralCountAsync(family));

        // Someone else's answers are their own: the manager starts this family's referral empty.
        var manager = await app.SignedInClientAsync("Manager");
        var theirs = await HearthWebFactory.HtmlAsync(await manager.GetAsync(Step(family, "details")));
        Assert.Equal("", theirs.QuerySelector("#received-on-day")!.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Adding_a_referral_page_by_page_records_one_read_of_the_family_for_the_whole_journey()
    {
        var (family, _, child) = await app.FamilyAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        Task<int> ReadsAsync() => app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents
            .CountAsync(e => e.Action == AuditAction.Read && e.EntityType == nameof(Family) && e.EntityId == family.ToString()));

        // As a browser does it: every page is shown, then answered; ten requests in all.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/referrals/add?family={family}")).StatusCode);
        Assert.Equal(Step(family, "details"), (await PostAsync(client, $"/referrals/add?family={family}", [F("ChildIds", child.ToString())])).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Step(family, "details"))).StatusCode);
        Assert.Equal(Step(family, "needs"), (await PostAsync(client, Step(family, "details"), Date("ReceivedOn", new DateOnly(2026, 10, 20)), [F("Channel", "Email"), F("Source", "2A")])).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Step(family, "needs"))).StatusCode);
        Assert.Equal(Step(family, "consent"), (await PostAsync(client, Step(family, "needs"), [F("PresentingNeeds", "school_attendance"),
            F("Eligibility.parental_substance_misuse", "yes"), F("Eligibility.child_in_need_or_at_risk", "yes"), F("Eligibility.family_consents", "yes")])).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Step(family, "consent"))).StatusCode);
        Assert.Equal(Step(family, "check"), (await PostAsync(client, Step(family, "consent"), [F("ConsentToShare", "yes"), F("SharingBasis", "Consent")])).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Step(family, "check"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, Step(family, "check"))).StatusCode);

        Assert.Equal(1, await ReferralCountAsync(family));
        Assert.Equal(1, await ReadsAsync());
    }

    [Fact]
    public async Task A_second_referral_of_the_child_within_12_months_is_confirmed_as_a_re_referral_showing_the_earlier_one()
    {
        var (family, _, child) = await app.FamilyAsync();
        await app.ReferralAsync(family, child, new DateOnly(2025, 11, 2));
        var client = await app.SignedInClientAsync("Practitioner");

        await AnswerEveryPageAsync(client, family, child, new DateOnly(2026, 11, 2));
        var saved = await PostAsync(client, Step(family, "check"));

        var confirmation = await HearthWebFactory.HtmlAsync(await client.GetAsync(saved.Headers.Location!.OriginalString));
        Assert.Contains("This is a re-referral", confirmation.QuerySelector(".govuk-warning-text")!.TextContent);
        Assert.Equal("Received 2 November 2025: Not yet triaged", Assert.Single(confirmation.QuerySelectorAll("main .govuk-list--bullet li")).TextContent.Trim());
    }

    [Fact]
    public async Task Each_question_page_names_its_own_missing_answers_and_does_not_move_on()
    {
        var (family, _, _) = await app.FamilyAsync();
        var client = await app.SignedInClientAsync("Practitioner");

        var children = await AssertRefusedAsync(await PostAsync(client, $"/referrals/add?family={family}"));
        Assert.Equal(["#child-ids"], ErrorLinks(children));
        var details = await AssertRefusedAsync(await PostAsync(client, Step(family, "details"), [F("ReceivedAt", "25:99"), F("Source", "99")]));
        Assert.Equal(["#received-on", "#received-at", "#channel", "#source"], ErrorLinks(details));
        Assert.NotNull(details.QuerySelector("#received-on-error"));
        var needs = await AssertRefusedAsync(await PostAsync(client, Step(family, "needs"), [F("Eligibility.family_consents", "yes")]));
        Assert.Equal(["#eligibility.parental_substance_misuse", "#eligibility.child_in_need_or_at_risk"], ErrorLinks(needs));
        var consent = await AssertRefusedAsync(await PostAsync(client, Step(family, "consent"), [F("ConsentToShare", "no"), F("SharingBasis", "Consent")]));
        Assert.Equal(["#sharing-basis"], ErrorLinks(consent));
        Assert.Contains("Without consent to share, choose the lawful basis for sharing", ErrorSummary(consent));

        var check = await AssertRefusedAsync(await PostAsync(client, Step(family, "check")));
        Assert.Contains("Answer every question before saving the referral", ErrorSummary(check));
        Assert.Equal(0, await ReferralCountAsync(family));
    }

    [Fact]
    public async Task A_change_link_returns_to_check_your_answers()
    {
        var (family, _, child) = await app.FamilyAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        await AnswerEveryPageAsync(client, family, child, new DateOnly(2026, 10, 20));

        var changed = await PostAsync(client, Step(family, "consent") + "&change=true", [F("ConsentToShare", "no"), F("SharingBasis", "PublicTask")]);

        Assert.Equal(Step(family, "check"), changed.Headers.Location!.OriginalString);
        var check = await HearthWebFactory.HtmlAsync(await client.GetAsync(Step(family, "check")));
        Assert.Contains("Public task", check.QuerySelector("main .govuk-summary-list")!.TextContent);
    }

    [Fact]
    public async Task Referral_pages_of_another_teams_family_are_not_found_and_need_the_casework_permission()
    {
        var (family, _, child) = await app.FamilyAsync("ifit-team");
        var referral = await app.ReferralAsync(family, child, new DateOnly(2026, 10, 1), "ifit-team");
        var practitioner = await app.SignedInClientAsync("Practitioner");
        foreach (var path in new[] { $"/referrals/add?family={family}", Step(family, "check"), $"/referrals/{referral.Id}/received", $"/families/{family}/people/add" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync(path)).StatusCode);
        }
        var performance = await app.SignedInClientAsync("Performance");
        Assert.Equal(HttpStatusCode.Forbidden, (await performance.GetAsync(Step(family, "details"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await performance.GetAsync("/families/add")).StatusCode);
    }

    [Fact]
    public async Task Adding_a_family_then_its_first_person()
    {
        await app.FamilyAsync();
        var team = await app.TeamAsync("ifss-1-team");
        var client = await app.SignedInClientAsync("Practitioner");
        var reference = $"NEW-{Guid.NewGuid():N}"[..12];

        var missing = await AssertRefusedAsync(await PostAsync(client, "/families/add", [F("Team", team.Id.ToString())]));
        Assert.Equal(["#reference"], ErrorLinks(missing));
        var created = await PostAsync(client, "/families/add", [F("Reference", reference), F("Team", team.Id.ToString()), F("Patch", "North")]);

        var family = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Family>().SingleAsync(f => f.Reference == reference));
        Assert.Equal($"/families/{family.Id}/people/add", created.Headers.Location!.OriginalString);
        var duplicate = await AssertRefusedAsync(await PostAsync(client, "/families/add", [F("Reference", reference), F("Team", team.Id.ToString())]));
        Assert.Contains($"A family with reference {reference} already exists", ErrorSummary(duplicate));
    }

    [Fact]
    public async Task Adding_a_person_checks_identifiers_and_offers_a_likely_duplicate_before_adding_a_new_record()
    {
        var (family, _, _) = await app.FamilyAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/families/{family}/people/add?referral=true";
        Task<int> PeopleAsync() => app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Person>().CountAsync(p => p.FamilyId == family));

        var invalid = await AssertRefusedAsync(await PostAsync(client, path, [F("Sex", "Female"), F("Relationship", "Child"), F("NhsNumber", "943 476 5918")]));
        Assert.Equal(["#given-name", "#family-name", "#nhs-number"], ErrorLinks(invalid));

        // "Eva Pagetest" born the same day as Ava: one letter apart, so likely the same child.
        KeyValuePair<string, string>[] eva = [F("GivenName", "Eva"), F("FamilyName", "Pagetest"), .. Date("DateOfBirth", new DateOnly(2016, 1, 1)), F("Sex", "Female"), F("Relationship", "Child")];
        var offered = await AssertRefusedAsync(await PostAsync(client, path, eva));
        Assert.Equal("Ava Pagetest", offered.QuerySelector(".govuk-summary-card__title")!.TextContent.Trim());
        Assert.Equal($"/referrals/add?family={family}", offered.QuerySelector("main p a[href^='/referrals/add']")!.GetAttribute("href"));
        Assert.Equal(["#not-a-duplicate"], ErrorLinks(offered));
        Assert.Equal(2, await PeopleAsync());

        var added = await PostAsync(client, path, [.. eva, F("NotADuplicate", "true")]);

        Assert.Equal($"/referrals/add?family={family}", added.Headers.Location!.OriginalString);
        Assert.Equal(3, await PeopleAsync());
    }

    [Fact]
    public async Task Triage_and_the_family_record_name_the_referral_source_not_just_its_DfE_code()
    {
        var (family, _, child) = await app.FamilyAsync();
        var referral = await app.ReferralAsync(family, child, new DateOnly(2026, 10, 1)); // source 5A
        var manager = await app.SignedInClientAsync("Manager");

        var triage = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/referrals/{referral.Id}/triage"));
        var row = triage.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent.Trim() == "Referral source");
        Assert.Equal("LA services: social care", row.QuerySelector("dd")!.TextContent.Trim());

        var record = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/families/{family}"));
        Assert.Contains(record.QuerySelectorAll("td"), td => td.TextContent.Trim() == "LA services: social care");
        Assert.DoesNotContain(record.QuerySelectorAll("td"), td => td.TextContent.Trim() == "5A");
    }

    [Fact]
    public async Task Accepting_a_referral_at_triage_opens_an_episode()
    {
        var (family, _, child) = await app.FamilyAsync();
        var referral = await app.ReferralAsync(family, child, new DateOnly(2026, 10, 1));
        var manager = await app.SignedInClientAsync("Manager");
        var path = $"/referrals/{referral.Id}/triage";

        var response = await PostAsync(manager, path, [F("Outcome", "Accepted"), F("Version", referral.Version.ToString()), .. Date("DecidedOn", new DateOnly(2026, 10, 5))]);

        var saved = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Referral>().SingleAsync(r => r.Id == referral.Id));
        Assert.Equal(ReferralStatus.Accepted, saved.Status);
        Assert.Equal(new DateOnly(2026, 10, 5), saved.DecidedOn);
        Assert.Equal("Morgan Manager", saved.DecidedBy);
        Assert.Equal($"/episodes/{saved.EpisodeId}?saved=accepted", response.Headers.Location!.OriginalString);
        // The banner says what happened, as the page below it does: accepted, and not yet allocated.
        var banner = (await HearthWebFactory.HtmlAsync(await manager.GetAsync(response.Headers.Location))).QuerySelector(".govuk-notification-banner--success")!;
        Assert.Equal("The referral is accepted", banner.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
        Assert.Contains("not yet allocated", banner.TextContent);
        var record = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/families/{family}"));
        Assert.NotNull(record.QuerySelector($"a[href='/episodes/{saved.EpisodeId}']"));
        Assert.Null(record.QuerySelector($"a[href='{path}']"));
    }

    [Fact]
    public async Task Triage_shows_the_children_needs_referrer_and_eligibility_answers_and_the_read_is_audited()
    {
        var (family, _, child) = await app.FamilyAsync();
        var referral = await app.ReferralAsync(family, child, new DateOnly(2026, 10, 1));
        var manager = await app.SignedInClientAsync("Manager");
        Task<int> Reads() => app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents
            .CountAsync(a => a.Action == Hearth.Core.Auditing.AuditAction.Read && a.EntityType == "Referral" && a.EntityId == referral.Id.ToString()));
        var before = await Reads();

        var page = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/referrals/{referral.Id}/triage"));

        var facts = page.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal("Ava Pagetest, 10 years old", facts["Children"]);
        Assert.Equal("Parental drug misuse", facts["Presenting needs"]);
        Assert.Equal("Jo Referrer, Children's services, 01234 567890", facts["Referrer"]);
        Assert.Equal("1 October 2026 10:00, phone", facts["Received"]);
        Assert.Equal("LA services: social care", facts["Referral source"]);
        Assert.Equal(("Yes", "Consent"), (facts["Consent to share"], facts["Lawful basis for sharing"]));
        Assert.All(facts.Values, v => Assert.DoesNotContain("substance_misuse", v));
        Assert.Equal(before + 1, await Reads());
    }

    [Fact]
    public async Task A_referral_put_on_the_waiting_list_says_so_on_the_family_record()
    {
        var (family, _, child) = await app.FamilyAsync();
        var referral = await app.ReferralAsync(family, child, new DateOnly(2026, 10, 1));
        var manager = await app.SignedInClientAsync("Manager");

        var response = await PostAsync(manager, $"/referrals/{referral.Id}/triage",
            [F("Outcome", "WaitingList"), F("Reason", "No capacity this month"), F("Priority", "High"), F("Version", referral.Version.ToString()), .. Date("DecidedOn", new DateOnly(2026, 10, 5))]);

        Assert.Equal($"/families/{family}?triaged=WaitingList", response.Headers.Location!.OriginalString);
        var record = await HearthWebFactory.HtmlAsync(await manager.GetAsync(response.Headers.Location));
        Assert.Equal("The referral is on the waiting list", record.QuerySelector(".govuk-notification-banner__heading")!.TextContent.Trim());
    }

    [Fact]
    public async Task Triage_names_missing_details_refuses_a_stale_version_and_is_for_managers_of_the_team()
    {
        var (family, _, child) = await app.FamilyAsync();
        var referral = await app.ReferralAsync(family, child, new DateOnly(2026, 10, 1));
        var manager = await app.SignedInClientAsync("Manager");
        var path = $"/referrals/{referral.Id}/triage";
        var record = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/families/{family}"));
        Assert.NotNull(record.QuerySelector($"a[href='{path}']"));

        var waiting = await AssertRefusedAsync(await PostAsync(manager, path, [F("Outcome", "WaitingList"), F("Version", referral.Version.ToString()), .. Date("DecidedOn", new DateOnly(2026, 10, 5))]));
        Assert.Equal(["#priority", "#reason"], ErrorLinks(waiting));
        var empty = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", referral.Version.ToString())]));
        Assert.Equal(["#outcome", "#decided-on"], ErrorLinks(empty));

        // Someone else puts it on the waiting list after this manager opened the page.
        var form = await manager.GetAsync(path);
        var version = await VersionOnAsync(form);
        await app.WithAsync(s => s.GetRequiredService<TriageService>().TriageAsync(Seeder, referral.Id, referral.Version,
            new TriageDecision(TriageOutcome.WaitingList, new DateOnly(2026, 10, 2), "No capacity", Priority: WaitingPriority.High)));
        var stale = await AssertRefusedAsync(await PostAsync(manager, path, [F("Outcome", "Inappropriate"), F("Reason", "Not for us"), F("Version", version), .. Date("DecidedOn", new DateOnly(2026, 10, 5))]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        Assert.Equal(ReferralStatus.WaitingList, (await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Referral>().SingleAsync(r => r.Id == referral.Id))).Status);

        var practitioner = await app.SignedInClientAsync("Practitioner");
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync(path)).StatusCode);
        var (other, _, otherChild) = await app.FamilyAsync("ifit-team");
        var otherReferral = await app.ReferralAsync(other, otherChild, new DateOnly(2026, 10, 1), "ifit-team");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/referrals/{otherReferral.Id}/triage")).StatusCode);
    }

    private async Task<(Referral Referral, WaitingListRow Entry)> WaitingAsync(string reason)
    {
        var (family, _, child) = await app.FamilyAsync();
        var referral = await app.ReferralAsync(family, child, new DateOnly(2026, 10, 1));
        return await app.WithAsync(async s =>
        {
            var decided = await s.GetRequiredService<TriageService>().TriageAsync(Seeder, referral.Id, referral.Version, new TriageDecision(TriageOutcome.WaitingList, new DateOnly(2026, 10, 2), reason, Priority: WaitingPriority.Medium));
            var team = await s.GetRequiredService<HearthDbContext>().Set<Referral>().Where(r => r.Id == referral.Id).Select(r => r.TeamId).SingleAsync();
            return (decided, (await s.GetRequiredService<WaitingListService>().WaitingListAsync(Seeder, team, Today)).Single(w => w.ReferralId == referral.Id));
        });
    }

    private Task<IReadOnlyList<WaitingListRow>> WaitingListAsync(Guid team) =>
        app.WithAsync(s => s.GetRequiredService<WaitingListService>().WaitingListAsync(Seeder, team, Today));

    [Fact]
    public async Task A_manager_moves_a_waiting_referral_up_the_list_with_an_audited_reason()
    {
        var (_, first) = await WaitingAsync("First in");
        var (_, second) = await WaitingAsync("Second in");
        var manager = await app.SignedInClientAsync("Manager");
        var list = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/caseload/waiting-list?team={first.TeamId}"));
        Assert.NotNull(list.QuerySelector($"a[href='/caseload/waiting-list/{second.EntryId}']"));
        var path = $"/caseload/waiting-list/{second.EntryId}?handler=reorder";

        var noReason = await AssertRefusedAsync(await PostAsync(manager, path, [F("Position", "1"), F("Version", second.Version.ToString())]));
        Assert.Equal(["#reason"], ErrorLinks(noReason));
        var moved = await PostAsync(manager, path, [F("Position", "1"), F("Reason", "Baby due next month"), F("Version", second.Version.ToString())]);

        Assert.Equal($"/caseload/waiting-list?team={first.TeamId}", moved.Headers.Location!.OriginalString);
        var order = (await WaitingListAsync(first.TeamId)).Select(w => w.EntryId).ToList();
        Assert.Equal(0, order.IndexOf(second.EntryId));
        Assert.True(order.IndexOf(first.EntryId) > 0);
        Assert.True(await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents
            .AnyAsync(a => a.EntityId == second.EntryId.ToString() && a.Action == AuditAction.Updated && a.Reason == "Baby due next month")));
    }

    [Fact]
    public async Task Removing_from_the_waiting_list_needs_an_outcome_refuses_a_stale_version_and_is_for_managers_only()
    {
        var (referral, entry) = await WaitingAsync("Waiting for a place");
        var manager = await app.SignedInClientAsync("Manager");
        var path = $"/caseload/waiting-list/{entry.EntryId}?handler=remove";

        var missing = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", entry.Version.ToString()), .. Date("RemovedOn", Today)]));
        Assert.Equal(["#outcome"], ErrorLinks(missing));
        var stale = await AssertRefusedAsync(await PostAsync(manager, path, [F("Outcome", "Withdrawn"), F("Version", (entry.Version + 1).ToString()), .. Date("RemovedOn", Today)]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        Assert.Contains(await WaitingListAsync(entry.TeamId), w => w.EntryId == entry.EntryId);

        var removed = await PostAsync(manager, path, [F("Outcome", "Withdrawn"), F("OutcomeNote", "Family moved"), F("Version", entry.Version.ToString()), .. Date("RemovedOn", Today)]);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(await WaitingListAsync(entry.TeamId), w => w.EntryId == entry.EntryId);
        Assert.Equal(ReferralStatus.Advice, (await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Referral>().SingleAsync(r => r.Id == referral.Id))).Status);

        var (_, another) = await WaitingAsync("Another");
        var practitioner = await app.SignedInClientAsync("Practitioner");
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync($"/caseload/waiting-list/{another.EntryId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await practitioner.GetAsync($"/caseload/waiting-list?team={another.TeamId}")).StatusCode);
        var ifit = await app.TeamAsync("ifit-team");
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/caseload/waiting-list?team={ifit.Id}")).StatusCode);
    }
}
