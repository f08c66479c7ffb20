using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Results;

public sealed class ResultsAndClaimsTests : ResultsTestBase
{
    private const string Tf1 = ShippedFrameworks.TroubledFamilies1;
    private static readonly DateOnly Attached = new(2026, 2, 1);
    private static readonly DateOnly AsOf = new(2026, 10, 31);

    private async Task<Family> AttachedKnownFamilyAsync(string reference = "F-KNOWN")
    {
        var family = await KnownFamilyAsync(reference);
        await ImportAsync(Evidence);
        await InScope(s => Get<ResultsService>(s).AttachAsync(Performance, family.Id, Tf1, Attached));
        return family;
    }

    private Task<ClaimWindow> WindowAsync() =>
        InScope(s => Get<ClaimService>(s).CreateWindowAsync(Performance, new NewClaimWindow(Tf1, "Autumn 2026", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30))));

    [Fact]
    public async Task Identification_finds_known_families_and_households_not_yet_known_with_their_evidence()
    {
        await KnownFamilyAsync();
        await ImportAsync(Evidence);
        var found = await InScope(s => Get<ResultsService>(s).IdentifyAsync(Performance, Tf1, Attached));
        Assert.Equal(["Household H9", "F-KNOWN"], found.Select(f => f.Name));
        var h9 = found[0];
        Assert.False(h9.Known);
        Assert.Equal(["UPN B801200005001", "NHS 4010232137"], h9.Members.Order(StringComparer.Ordinal).Reverse());
        var education = h9.Eligibility.Criteria.Single(c => c.Key == "education");
        Assert.Contains(education.Conditions, c => c.Met && c.Computation == "Exclusions: UPN B801200005001: 3 fixed-term exclusion(s) from 2025-02-02 to 2026-02-01, threshold 3 or more: met");
        var known = found[1];
        Assert.True(known.Known);
        Assert.Equal(["crime-asb", "education", "work"], known.Eligibility.MetKeys.Order());
        Assert.Contains(known.Eligibility.Criteria.Single(c => c.Key == "education").Conditions,
            c => c.Computation == "Unauthorised absence: Ava Known: 60 of 300 sessions unauthorised (20%) over 3 term(s) 2025-01-06 to 2025-12-19, threshold 15% or more: met");
    }

    [Fact]
    public async Task Evidence_found_before_a_family_was_known_joins_its_record_when_it_is()
    {
        await ImportAsync(Evidence);
        await InScope(async s =>
        {
            var people = Get<PeopleService>(s);
            var family = await people.CreateFamilyAsync(Practitioner, new NewFamily("F-NEW", TeamA.Id));
            await people.AddPersonAsync(Practitioner, new NewPerson(family.Id, "Kai", "New", new DateOnly(2013, 1, 1)) { Upn = "B801200005001", NotADuplicate = true });
            await people.AddPersonAsync(Practitioner, new NewPerson(family.Id, "Jo", "New", new DateOnly(1990, 6, 1)) { NhsNumber = "4010232137", Relationship = Relationship.Parent, NotADuplicate = true });
        });
        var found = await InScope(s => Get<ResultsService>(s).IdentifyAsync(Performance, Tf1, Attached));
        var f = Assert.Single(found);
        Assert.Equal(("F-NEW", true), (f.Name, f.Known));
        Assert.Equal(["Jo New", "Kai New"], f.Members.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Attaching_is_recorded_audited_and_refused_for_the_ineligible_the_already_attached_and_the_unpermitted()
    {
        var family = await AttachedKnownFamilyAsync();
        var attachment = await InScope(s => Get<HearthDbContext>(s).Set<Attachment>().SingleAsync());
        Assert.Equal((family.Id, 1, "Pat Performance", Attached), (attachment.FamilyId, attachment.FrameworkVersion, attachment.AttachedBy, attachment.AttachedOn));
        Assert.Equal(["crime-asb", "education", "work"], attachment.CriteriaMet.Order());
        Assert.True(await InScope(s => Get<HearthDbContext>(s).AuditEvents.AnyAsync(e => e.EntityType == nameof(Attachment) && e.ActorName == "Pat Performance")));

        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ResultsService>(s).AttachAsync(Performance, family.Id, Tf1, Attached)));
        Assert.Equal("Framework: The family is already attached to this framework", twice.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ResultsService>(s).AttachAsync(ServiceManager, family.Id, ShippedFrameworks.SupportingFamilies, Attached)));
        var (other, _) = await FamilyWithChildAsync("F-OTHER");
        var ineligible = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ResultsService>(s).AttachAsync(Performance, other.Id, Tf1, Attached)));
        Assert.Equal("Framework: The family does not meet the eligibility of Troubled Families (phase 1, 2012-15) on 2026-02-01: criteria met: none", ineligible.Message);
    }

    [Fact]
    public async Task Results_as_of_a_date_show_each_rule_with_its_computation_and_when_a_claim_can_be_made()
    {
        var family = await AttachedKnownFamilyAsync();
        var results = Assert.Single(await InScope(s => Get<ResultsService>(s).EvaluateAsync(Performance, Tf1, AsOf)));
        var a = results.Results.Single(r => r.Key == "a");
        Assert.True(a.Met);
        // Absence fell under 15% only when the summer term (ending 2026-07-22) replaced spring 2025 in the last three terms.
        Assert.Equal((new DateOnly(2026, 7, 22), new DateOnly(2026, 7, 22), true, 3900m), (a.AchievedSince!.Value, a.ClaimableFrom!.Value, a.Claimable, a.Amount));
        Assert.Equal(
        [
            "Exclusions: Ava Known: 0 fixed-term exclusion(s) from 2025-09-03 to 2026-10-31, threshold fewer than 3: met",
            "Unauthorised absence: Ava Known: 30 of 300 sessions unauthorised (10%) over 3 term(s) 2025-09-03 to 2026-07-22, threshold under 15%: met",
            "ASB incidents: 5 in the 6 months before attachment, 2 in the last 6 months: 60% reduction, threshold 60%: met",
            "Proven offences by children: none in the 6 months before attachment: does not apply",
        ], a.Rules.Select(r => r.Computation));
        Assert.False(results.Results.Single(r => r.Key == "b").Met);
        Assert.False(results.Results.Single(r => r.Key == "c").Met);
        var before = Assert.Single(await InScope(s => Get<ResultsService>(s).ForFamilyAsync(Performance, family.Id, new DateOnly(2026, 7, 21))));
        Assert.False(before.Results.Single(r => r.Key == "a").Met);
        Assert.Equal(1, await InScope(s => Get<HearthDbContext>(s).AuditEvents.CountAsync(e => e.EntityType == "FamilyResults")));
    }

    [Fact]
    public async Task A_new_framework_version_does_not_alter_the_results_of_families_attached_before_it()
    {
        var family = await AttachedKnownFamilyAsync();
        var v1 = ShippedFrameworks.All.Single(f => f.Code == Tf1);
        // The council raises the ASB threshold to 70% from 1 March 2026.
        var stricter = v1 with
        {
            Changes = "ASB reduction threshold raised to 70%",
            Results = v1.Results.Select(r => r with { Rules = r.Rules.Select(x => x.Type == "reduction" && x.Kinds.Contains(EvidenceKind.AsbIncident) ? x with { Percent = 70 } : x).ToList() }).ToList(),
        };
        var published = await InScope(s => Get<FrameworkService>(s).PublishAsync(Performance, stricter, new DateOnly(2026, 3, 1)));
        Assert.Equal(2, published.Version);

        var results = Assert.Single(await InScope(s => Get<ResultsService>(s).EvaluateAsync(Performance, Tf1, AsOf)));
        Assert.Equal(1, results.FrameworkVersion);
        Assert.True(results.Results.Single(r => r.Key == "a").Met);
        Assert.Contains("threshold 60%: met", string.Join("\n", results.Results.Single(r => r.Key == "a").Rules.Select(r => r.Computation)));

        // The same evidence under version 2 would not meet it; a family attached after 1 March is measured under version 2.
        var evidence = await InScope(s => EvidenceService.LoadFamilyAsync(Get<HearthDbContext>(s), family.Id, default));
        var underV2 = ResultsEngine.Result(published, published.Result("a")!, evidence, Attached, results.CriteriaMet.ToHashSet(), AsOf);
        Assert.False(underV2.Met);
        Assert.Contains(underV2.Rules, r => r.Computation.EndsWith("60% reduction, threshold 70%: not met", StringComparison.Ordinal));
        Assert.Equal(2, (await InScope(s => Get<ResultsService>(s).FrameworkAsync(Tf1, new DateOnly(2026, 3, 5), default))).Version);
        Assert.Equal(1, (await InScope(s => Get<ResultsService>(s).FrameworkAsync(Tf1, new DateOnly(2026, 2, 28), default))).Version);

        var early = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<FrameworkService>(s).PublishAsync(Performance, stricter, new DateOnly(2026, 2, 1))));
        Assert.Equal("EffectiveFrom: A new version must take effect on or after 2026-03-01, when version 2 did", early.Message);

        // A version must say what it changes and cite its source; nothing is published otherwise.
        var unexplained = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<FrameworkService>(s).PublishAsync(Performance, stricter with { Changes = " ", Source = "" }, new DateOnly(2026, 4, 1))));
        Assert.Equal(["Changes", "Source"], unexplained.Errors.Select(e => e.Field));
        Assert.StartsWith("Say what this version changes from the one before", unexplained.Errors[0].Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<FrameworkService>(s).PublishAsync(ServiceManager, stricter, new DateOnly(2026, 4, 1))));
        Assert.Equal(2, (await InScope(s => Get<FrameworkService>(s).VersionsAsync(Tf1))).Count);
    }

    [Fact]
    public async Task A_family_can_never_be_claimed_twice_for_the_same_result()
    {
        await AttachedKnownFamilyAsync();
        var window = await WindowAsync();
        var batch = await InScope(s => Get<ClaimService>(s).CreateBatchAsync(Performance, window.Id, AsOf, seed: 7));
        var line = Assert.Single(batch.Lines);
        Assert.Equal(("a", 3900m, 1), (line.ResultKey, line.Amount, line.FrameworkVersion));
        Assert.Contains("60% reduction, threshold 60%: met", line.Computation);

        // The service: nothing is left to claim.
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ClaimService>(s).CreateBatchAsync(Performance, window.Id, AsOf)));
        Assert.Equal("AsOf: No attached family has an achieved, sustained and unclaimed result as of 2026-10-31", again.Message);
        var evaluated = Assert.Single(await InScope(s => Get<ResultsService>(s).EvaluateAsync(Performance, Tf1, AsOf)));
        Assert.Contains("a", evaluated.Claimed);

        // The database: a second line with the same claim key is refused.
        await Assert.ThrowsAsync<DbUpdateException>(() => InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            db.Add(new ClaimLine
            {
                BatchId = batch.Id, AttachmentId = line.AttachmentId, FamilyId = line.FamilyId, ResultKey = "a", Amount = 3900m, Computation = "copy",
                AchievedSince = line.AchievedSince, ClaimableFrom = line.ClaimableFrom, ClaimKey = line.ClaimKey,
            });
            await db.SaveChangesAsync(Performance);
        }));
    }

    [Fact]
    public async Task A_family_reference_that_starts_like_a_formula_reaches_the_claim_and_results_CSV_neutralised()
    {
        const string Hostile = "=HYPERLINK(\"http://x\")";
        await AttachedKnownFamilyAsync(Hostile);
        var window = await WindowAsync();
        var batch = await InScope(s => Get<ClaimService>(s).CreateBatchAsync(Performance, window.Id, AsOf));
        var view = await InScope(s => Get<ClaimService>(s).BatchAsync(ServiceManager, batch.Id));
        var claim = ClaimService.ExportCsv(view);
        Assert.StartsWith("family_ref,framework,framework_version,result,attached_on,achieved_since,claimable_from,amount,audit_sample\r\n"
            + "\"'=HYPERLINK(\"\"http://x\"\")\",troubled-families-1,1,a,2026-02-01,", claim, StringComparison.Ordinal);
        var claimRows = Exports.ExportCsvTests.Read(claim);
        Assert.Equal("'" + Hostile, claimRows[1][0]);
        Assert.Equal("3900.00", claimRows[1][7]);

        var evaluated = await InScope(s => Get<ResultsService>(s).EvaluateAsync(Performance, Tf1, AsOf));
        var results = Exports.ExportCsvTests.Read(ResultsExport.EvaluationCsv(evaluated));
        Assert.Equal(ResultsExport.Columns, results[0]);
        Assert.All(results.Skip(1), row => Assert.Equal("'" + Hostile, row[0]));
        Assert.Equal(evaluated.Sum(f => f.Results.Count), results.Count - 1);
    }

    [Fact]
    public async Task A_batch_moves_from_draft_to_paid_with_who_and_when_and_its_audit_sample_must_pass_first()
    {
        await AttachedKnownFamilyAsync();
        var window = await WindowAsync();
        var batch = await InScope(s => Get<ClaimService>(s).CreateBatchAsync(Performance, window.Id, AsOf, auditSharePercent: 10, seed: 42));
        var line = Assert.Single(batch.Lines);
        Assert.True(line.InAuditSample); // 10% of one line rounds up to one
        Assert.Equal((42, 10, ClaimStatus.Draft), (batch.AuditSeed, batch.AuditSharePercent, batch.Status));

        var unaudited = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ClaimService>(s).MoveAsync(Performance, batch.Id, batch.Version, ClaimStatus.Checked)));
        Assert.Equal("Status: 1 line(s) drawn for audit have not been audited", unaudited.Message);
        await InScope(s => Get<ClaimService>(s).RecordAuditAsync(Performance, line.Id, line.Version, new AuditChecklist(true, true, false, "Police extract missing")));
        var failed = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ClaimService>(s).MoveAsync(Performance, batch.Id, batch.Version, ClaimStatus.Checked)));
        Assert.Equal("Status: 1 audited line(s) did not pass the checklist: reject the batch or rebuild it", failed.Message);
        var audited = await InScope(s => Get<ClaimService>(s).RecordAuditAsync(Performance, line.Id, line.Version + 1, new AuditChecklist(true, true, true, "Extract seen")));
        Assert.Equal("Pat Performance", audited.AuditedBy);

        var checkedBatch = await InScope(s => Get<ClaimService>(s).MoveAsync(Performance, batch.Id, batch.Version, ClaimStatus.Checked));
        var submitted = await InScope(s => Get<ClaimService>(s).MoveAsync(Performance, batch.Id, checkedBatch.Version, ClaimStatus.Submitted));
        var paid = await InScope(s => Get<ClaimService>(s).MoveAsync(Performance, batch.Id, submitted.Version, ClaimStatus.Paid));
        Assert.Equal((ClaimStatus.Paid, "Pat Performance", "Pat Performance", "Pat Performance"), (paid.Status, paid.CheckedBy, paid.SubmittedBy, paid.PaidBy));
        Assert.Equal(Time.GetUtcNow(), paid.PaidAt);
        var backwards = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ClaimService>(s).MoveAsync(Performance, batch.Id, paid.Version, ClaimStatus.Rejected, "late")));
        Assert.Equal("Status: A paid batch cannot be marked rejected", backwards.Message);
        Assert.Equal(4, await InScope(s => Get<HearthDbContext>(s).AuditEvents.CountAsync(e => e.EntityType == nameof(ClaimBatch))));

        var view = await InScope(s => Get<ClaimService>(s).BatchAsync(ServiceManager, batch.Id));
        Assert.Equal(
            "family_ref,framework,framework_version,result,attached_on,achieved_since,claimable_from,amount,audit_sample\n"
            + "F-KNOWN,troubled-families-1,1,a,2026-02-01,2026-07-22,2026-07-22,3900.00,yes\n",
            ClaimService.ExportCsv(view).ReplaceLineEndings("\n"));
        var pack = Assert.Single(await InScope(s => Get<ClaimService>(s).EvidencePackAsync(Performance, batch.Id)));
        Assert.Equal(("F-KNOWN", 14), (pack.FamilyReference, pack.Evidence.Count));
    }

    [Fact]
    public async Task A_rejected_batch_frees_its_results_to_be_claimed_again()
    {
        await AttachedKnownFamilyAsync();
        var window = await WindowAsync();
        var batch = await InScope(s => Get<ClaimService>(s).CreateBatchAsync(Performance, window.Id, AsOf, auditSharePercent: 0));
        Assert.False(Assert.Single(batch.Lines).InAuditSample);
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ClaimService>(s).MoveAsync(Performance, batch.Id, batch.Version, ClaimStatus.Rejected)));
        Assert.Equal("Reason: Give the reason the batch was rejected", noReason.Message);
        var rejected = await InScope(s => Get<ClaimService>(s).MoveAsync(Performance, batch.Id, batch.Version, ClaimStatus.Rejected, "Wrong window"));
        Assert.Equal(("Pat Performance", "Wrong window"), (rejected.RejectedBy, rejected.RejectionReason));
        var rebuilt = await InScope(s => Get<ClaimService>(s).CreateBatchAsync(Performance, window.Id, AsOf));
        Assert.Equal("a", Assert.Single(rebuilt.Lines).ResultKey);
    }

    [Fact]
    public void The_audit_sample_is_reproducible_from_its_seed()
    {
        var first = ClaimService.DrawSample(100, 10, 1234);
        Assert.Equal(10, first.Count);
        Assert.Equal(first.Order(), ClaimService.DrawSample(100, 10, 1234).Order());
        Assert.NotEqual(first.Order(), ClaimService.DrawSample(100, 10, 4321).Order());
        Assert.Equal(3, ClaimService.DrawSample(21, 10, 1).Count); // 2.1 rounds up
        Assert.Empty(ClaimService.DrawSample(5, 0, 1));
    }

    [Fact]
    public async Task Finance_sets_the_grant_profile_beside_attachments_claims_payments_and_the_forecast()
    {
        await AttachedKnownFamilyAsync();
        await InScope(s => Get<FinanceService>(s).SetProfileAsync(Performance, new NewGrantProfileYear(Ifss.Id, Tf1, 2026, 10, 0m, 39_000m)));
        var before = await InScope(s => Get<FinanceService>(s).ReportAsync(ServiceManager, Tf1, AsOf));
        // Attached 2026-02-01, in 2025/26 (phase 1 paid no attachment fee that year); the result achieved by 2026-10-31 counts in 2026/27.
        Assert.Equal([("IFSS Site 1", "2025/26", 0, 0m, 1, 0m, 0m), ("IFSS Site 1", "2026/27", 10, 39_000m, 0, 3900m, 3900m)],
            before.Select(r => (r.Service, r.Year, r.ExpectedFamilies, r.ExpectedResults, r.FamiliesAttached, r.AchievedUnclaimed, r.Forecast)));
        var window = await WindowAsync();
        var batch = await InScope(s => Get<ClaimService>(s).CreateBatchAsync(Performance, window.Id, AsOf, auditSharePercent: 0));
        var submitted = await InScope(async s =>
        {
            var c = Get<ClaimService>(s);
            var checkedBatch = await c.MoveAsync(Performance, batch.Id, batch.Version, ClaimStatus.Checked);
            return await c.MoveAsync(Performance, batch.Id, checkedBatch.Version, ClaimStatus.Submitted);
        });
        var after = await InScope(s => Get<FinanceService>(s).ReportAsync(ServiceManager, Tf1, AsOf));
        var year = after.Single(r => r.FinancialYear == 2026);
        Assert.Equal((3900m, 0m, 0m, 3900m), (year.Claimed, year.Paid, year.AchievedUnclaimed, year.Forecast));
        await InScope(s => Get<ClaimService>(s).MoveAsync(Performance, batch.Id, submitted.Version, ClaimStatus.Paid));
        Assert.Equal(3900m, (await InScope(s => Get<FinanceService>(s).ReportAsync(ServiceManager, Tf1, AsOf))).Single(r => r.FinancialYear == 2026).Paid);
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<FinanceService>(s).ReportAsync(PartnerActor, Tf1, AsOf)));
    }

    [Fact]
    public async Task A_grant_profile_year_changed_by_someone_else_since_it_was_read_is_not_overwritten()
    {
        var first = await InScope(s => Get<FinanceService>(s).SetProfileAsync(Performance, new NewGrantProfileYear(Ifss.Id, Tf1, 2026, 10, 0m, 39_000m, null, CheckVersion: true)));
        // A form showing no profile for the year is stale once the year has one.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => InScope(s => Get<FinanceService>(s).SetProfileAsync(Performance, new NewGrantProfileYear(Ifss.Id, Tf1, 2026, 11, 0m, 1m, null, CheckVersion: true))));
        var changed = await InScope(s => Get<FinanceService>(s).SetProfileAsync(Performance, new NewGrantProfileYear(Ifss.Id, Tf1, 2026, 12, 0m, 46_800m, first.Version, CheckVersion: true)));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => InScope(s => Get<FinanceService>(s).SetProfileAsync(Performance, new NewGrantProfileYear(Ifss.Id, Tf1, 2026, 13, 0m, 1m, first.Version, CheckVersion: true))));
        var year = (await InScope(s => Get<FinanceService>(s).ReportAsync(ServiceManager, Tf1, AsOf))).Single(r => r.FinancialYear == 2026);
        Assert.Equal((12, 46_800m, changed.Version), (year.ExpectedFamilies, year.ExpectedResults, year.ProfileVersion));
        // Without the check (the API's upsert) the year is set whatever it was.
        await InScope(s => Get<FinanceService>(s).SetProfileAsync(Performance, new NewGrantProfileYear(Ifss.Id, Tf1, 2026, 14, 0m, 1m)));
        Assert.Equal(14, (await InScope(s => Get<FinanceService>(s).ReportAsync(ServiceManager, Tf1, AsOf))).Single(r => r.FinancialYear == 2026).ExpectedFamilies);
    }
}
