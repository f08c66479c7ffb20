using System.Collections.Concurrent;
using System.Diagnostics;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hearth.Core.Tests.Referrals;

/// <summary>
/// The referral question pages' Core side: one audited start of the journey, cheap resumes, and section checks that
/// read only what their own rules need.
/// </summary>
public sealed class ReferralIntakeTests : JourneyTestBase
{
    private Task<int> ReadsAsync(Guid family) =>
        InScope(s => Get<HearthDbContext>(s).AuditEvents.CountAsync(e => e.Action == AuditAction.Read && e.EntityType == nameof(Family) && e.EntityId == family.ToString()));

    [Fact]
    public async Task Starting_the_intake_is_the_one_audited_read_resuming_and_checking_sections_write_none()
    {
        var (family, child) = await FamilyWithChildAsync("IN-1");
        var input = Referral(family, child.Id, Today);

        var started = await InScope(s => Get<ReferralService>(s).StartIntakeAsync(Practitioner, family.Id));
        Assert.Equal(1, await ReadsAsync(family.Id));
        var resumed = await InScope(s => Get<ReferralService>(s).ResumeIntakeAsync(Practitioner, family.Id));
        foreach (var section in Enum.GetValues<ReferralSection>())
        {
            Assert.Empty(await InScope(s => Get<ReferralService>(s).CheckSectionAsync(Practitioner, section, input)));
        }

        Assert.Equal(1, await ReadsAsync(family.Id));
        Assert.Equal(("IN-1", TeamA.Id), (started.FamilyReference, started.TeamId));
        Assert.Equal([(child.Id, "Ava")], resumed.Members.Select(m => (m.PersonId, m.GivenName)));
        Assert.NotNull(resumed.Programme);
        Assert.Contains(resumed.Programme.Eligibility, q => q.Key == "family_consents");
        await Assert.ThrowsAsync<Security.AccessDeniedException>(() => InScope(s => Get<ReferralService>(s).StartIntakeAsync(Outsider, family.Id)));
    }

    [Fact]
    public async Task Each_section_check_reads_only_what_its_rules_need_never_the_family_record()
    {
        var (family, child) = await FamilyWithChildAsync("IN-2");
        await RecordAsync(Referral(family, child.Id, Today.AddDays(-40)));
        var input = Referral(family, child.Id, Today);

        async Task<IReadOnlyList<string>> CommandsOfAsync(ReferralSection section) => await InScope(async s =>
        {
            using var recorder = new CommandRecorder(Get<HearthDbContext>(s));
            await Get<ReferralService>(s).CheckSectionAsync(Practitioner, section, input);
            return recorder.Commands.ToList();
        });

        Assert.Empty(await CommandsOfAsync(ReferralSection.Details));
        Assert.Empty(await CommandsOfAsync(ReferralSection.Consent));
        var children = await CommandsOfAsync(ReferralSection.Children);
        var needs = await CommandsOfAsync(ReferralSection.Needs);
        Assert.InRange(children.Count, 1, 2);
        Assert.InRange(needs.Count, 1, 2);
        // The family record's referrals and episodes are never read, and no audit event is written.
        foreach (var sql in children.Concat(needs))
        {
            Assert.DoesNotContain("\"referrals\"", sql, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"episodes\"", sql, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("audit_events", sql, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_section_check_finds_the_problems_the_save_refuses_for_that_section()
    {
        var (family, _) = await FamilyWithChildAsync("IN-3");
        var (_, stranger) = await FamilyWithChildAsync("IN-4");
        var bad = Referral(family, stranger.Id, Today.AddDays(1), needs: ["astrology"]) with
        {
            Source = "11",
            ConsentToShare = false,
            SharingBasis = SharingBasis.Consent,
            EligibilityAnswers = new Dictionary<string, bool> { ["family_consents"] = true },
        };
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync(bad));

        var bySection = new List<string>();
        foreach (var section in (ReferralSection[])[ReferralSection.Children, ReferralSection.Details, ReferralSection.Consent, ReferralSection.Needs])
        {
            bySection.AddRange((await InScope(s => Get<ReferralService>(s).CheckSectionAsync(Practitioner, section, bad))).Select(e => e.Field));
        }

        Assert.Equal(refused.Errors.Select(e => e.Field), bySection);
        Assert.Equal(["ChildIds"], (await InScope(s => Get<ReferralService>(s).CheckSectionAsync(Practitioner, ReferralSection.Children, bad))).Select(e => e.Field));
    }

    [Fact]
    public async Task The_needs_offered_are_those_of_the_programme_version_in_effect_on_the_date_received_as_the_save_checks()
    {
        // Version 2 of IFSS, in effect from 1 October, drops "young carer" and adds "kinship care".
        var v1 = ShippedProgrammes.All.Single(p => p.Code == ShippedProgrammes.Ifss).Definition;
        Assert.Contains(v1.PresentingNeeds, n => n.Key == "young_carer");
        var v2 = v1 with { PresentingNeeds = [.. v1.PresentingNeeds.Where(n => n.Key != "young_carer"), new PresentingNeed("kinship_care", "Kinship care")] };
        await InScope(s => Get<ProgrammeService>(s).PublishAsync(Admin, ShippedProgrammes.Ifss, "Integrated Family Support Service", v2, new DateOnly(2026, 10, 1)));
        var (family, child) = await FamilyWithChildAsync("IN-4");
        var receivedBefore = new DateOnly(2026, 9, 15);

        var beforeChange = await InScope(s => Get<ReferralService>(s).ResumeIntakeAsync(Practitioner, family.Id, receivedBefore));
        var dateNotYetGiven = await InScope(s => Get<ReferralService>(s).ResumeIntakeAsync(Practitioner, family.Id));

        Assert.Contains(beforeChange.Programme!.PresentingNeeds, n => n.Key == "young_carer");
        Assert.DoesNotContain(beforeChange.Programme.PresentingNeeds, n => n.Key == "kinship_care");
        Assert.Contains(dateNotYetGiven.Programme!.PresentingNeeds, n => n.Key == "kinship_care");
        // What the page offered is what the section check and the save accept, and the other version's need is refused.
        var offered = Referral(family, child.Id, receivedBefore, needs: ["young_carer"]);
        Assert.Empty(await InScope(s => Get<ReferralService>(s).CheckSectionAsync(Practitioner, ReferralSection.Needs, offered)));
        var refused = await InScope(s => Get<ReferralService>(s).CheckSectionAsync(Practitioner, ReferralSection.Needs, offered with { PresentingNeeds = ["kinship_care"] }));
        Assert.Equal(["PresentingNeeds"], refused.Select(e => e.Field));
        var saved = await RecordAsync(offered);
        Assert.Equal(["young_carer"], saved.PresentingNeeds);
    }

    /// <summary>The SQL commands one DbContext sends while it lives, from EF Core's diagnostic events.</summary>
    private sealed class CommandRecorder : IObserver<DiagnosticListener>, IDisposable
    {
        private readonly DbContext _context;
        private readonly IDisposable _all;
        private readonly ConcurrentBag<IDisposable> _subscriptions = [];

        public CommandRecorder(DbContext context)
        {
            _context = context;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public ConcurrentQueue<string> Commands { get; } = new();

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(listener.Subscribe(new Events(this)));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            foreach (var s in _subscriptions)
            {
                s.Dispose();
            }
        }

        private sealed class Events(CommandRecorder recorder) : IObserver<KeyValuePair<string, object?>>
        {
            public void OnNext(KeyValuePair<string, object?> e)
            {
                if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData d && ReferenceEquals(d.Context, recorder._context))
                {
                    recorder.Commands.Enqueue(d.Command.CommandText);
                }
            }

            public void OnCompleted()
            {
            }

            public void OnError(Exception error)
            {
            }
        }
    }
}
