using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Imports;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Referrals;

/// <summary>One row of the journeys CSV (docs/import.md), as text; <see cref="Row"/> is the line in the file (the header is row 1).</summary>
public sealed record JourneyRow(
    int Row,
    string Service,
    string Team,
    string FamilyRef,
    string ChildRefs,
    string ChildBirthDates,
    string ReferralRef,
    string ReceivedOn,
    string ReferralSource,
    string Decision,
    string DecisionOn,
    string AssessmentStartedOn,
    string Phase1StartedOn,
    string Phase1CompletedOn,
    string Phase2CompletedOn,
    string ClosedOn,
    string ClosureReason,
    string UnmetNeed);

public sealed record JourneyImportOptions(bool DryRun = false, bool CreateMissing = false, string? ProgrammeCode = null);

/// <summary>What an import did (or, for a dry run or a refused file, would have done).</summary>
public sealed record JourneyImportResult(int Rows, int ReferralsCreated, int ReferralsUnchanged, int FamiliesCreated, int PeopleCreated, int EpisodesCreated, IReadOnlyList<ImportError> Errors, bool Written)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports a council's referral history, one row per referral. The whole file is validated before anything is written;
/// any error refuses the file whole. Rows whose referral_ref the service already has are left as they are, so importing
/// the same file twice changes nothing. Everything is written in one transaction through the same episode rules as casework.
/// </summary>
public sealed class JourneyImport(HearthDbContext db, ProgrammeService programmes)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "service", "team", "family_ref", "child_refs", "child_birth_dates", "referral_ref", "received_on", "referral_source",
        "decision", "decision_on", "assessment_started_on", "phase1_started_on", "phase1_completed_on", "phase2_completed_on",
        "closed_on", "closure_reason", "unmet_need",
    ];

    /// <summary>Reads the CSV. Header problems are returned as errors on row 1 and no rows.</summary>
    public static (IReadOnlyList<JourneyRow> Rows, IReadOnlyList<ImportError> Errors) Read(TextReader reader)
    {
        var (rows, errors) = CsvImportReader.Read(reader, Columns, "docs/import.md");
        return (rows.Select(r => { var v = r.Values; return new JourneyRow(r.Row, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16]); }).ToList(), errors);
    }

    private sealed record Parsed(
        JourneyRow Source, string FamilyRef, IReadOnlyList<(string Ref, DateOnly? BirthDate)> Children, string ReferralRef, DateOnly ReceivedOn,
        string ReferralSource, TriageOutcome? Decision, DateOnly? DecisionOn, DateOnly? AssessmentStartedOn, DateOnly? Phase1StartedOn,
        DateOnly? Phase1CompletedOn, DateOnly? Phase2CompletedOn, DateOnly? ClosedOn, ClosureReason? ClosureReason, bool UnmetNeed);

    public async Task<JourneyImportResult> ImportAsync(ActorContext actor, IReadOnlyList<JourneyRow> rows, JourneyImportOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.ImportData);
        var errors = new List<ImportError>();
        var today = db.Today();
        if (options.CreateMissing && (options.ProgrammeCode is null || ShippedProgrammes.All.All(p => p.Code != options.ProgrammeCode)))
        {
            errors.Add(new ImportError(0, nameof(JourneyImportOptions.ProgrammeCode),
                $"Creating missing services and teams needs the programme they run, one of: {string.Join(", ", ShippedProgrammes.All.Select(p => p.Code))}"));
        }
        var parsed = rows.Select(r => Parse(r, today, errors)).ToList();

        // Services and teams, matched by name (or code) without regard to case.
        var services = await db.Set<Service>().AsNoTracking().ToListAsync(ct);
        var teams = await db.Set<Team>().AsNoTracking().ToListAsync(ct);
        var serviceFor = new Dictionary<string, Service?>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var service = services.FirstOrDefault(s => Same(s.Name, row.Service) || Same(s.Code, row.Service));
            serviceFor[row.Service] = service;
            if (string.IsNullOrEmpty(row.Service))
            {
                errors.Add(new ImportError(row.Row, "service", "Enter the service"));
                continue;
            }
            if (service is null && !options.CreateMissing)
            {
                errors.Add(new ImportError(row.Row, "service", $"There is no service called \"{row.Service}\"") { Remedy = ImportRemedy.CreateMissing });
            }
            else if (service is { ProgrammeCode: null })
            {
                errors.Add(new ImportError(row.Row, "service", $"{service.Name} has no programme"));
            }
            if (string.IsNullOrEmpty(row.Team))
            {
                errors.Add(new ImportError(row.Row, "team", "Enter the team"));
                continue;
            }
            // Team names repeat across services (every site has "Team A"): prefer the service's own team.
            var team = teams.FirstOrDefault(t => t.ServiceId == service?.Id && (Same(t.Name, row.Team) || Same(t.Code, row.Team)))
                ?? teams.FirstOrDefault(t => Same(t.Name, row.Team) || Same(t.Code, row.Team));
            if (team is null && !options.CreateMissing)
            {
                errors.Add(new ImportError(row.Row, "team", $"There is no team called \"{row.Team}\"") { Remedy = ImportRemedy.CreateMissing });
            }
            else if (team is not null && (service is null || team.ServiceId != service.Id))
            {
                errors.Add(new ImportError(row.Row, "team", $"The team \"{row.Team}\" is not part of the service \"{row.Service}\""));
            }
        }

        // Refs must agree with each other across the file.
        foreach (var g in parsed.OfType<Parsed>().GroupBy(p => (p.Source.Service.ToLowerInvariant(), p.ReferralRef)).Where(g => g.Count() > 1))
        {
            foreach (var p in g.Skip(1))
            {
                errors.Add(new ImportError(p.Source.Row, "referral_ref", $"The referral {p.ReferralRef} appears more than once for this service (first on row {g.First().Source.Row})"));
            }
        }
        var births = new Dictionary<string, (DateOnly Date, int Row)>(StringComparer.Ordinal);
        foreach (var p in parsed.OfType<Parsed>())
        {
            foreach (var (childRef, birth) in p.Children.Where(c => c.BirthDate is not null))
            {
                if (births.TryGetValue(childRef, out var seen) && seen.Date != birth!.Value)
                {
                    errors.Add(new ImportError(p.Source.Row, "child_birth_dates", $"Child {childRef} has birth date {birth:yyyy-MM-dd} here but {seen.Date:yyyy-MM-dd} on row {seen.Row}"));
                }
                else
                {
                    births.TryAdd(childRef, (birth!.Value, p.Source.Row));
                }
            }
        }

        // Rows whose phase columns the programme cannot hold.
        var definitions = new Dictionary<(string, DateOnly), ProgrammeDefinition?>();
        foreach (var p in parsed.OfType<Parsed>())
        {
            var code = serviceFor.GetValueOrDefault(p.Source.Service)?.ProgrammeCode ?? (options.CreateMissing ? options.ProgrammeCode : null);
            if (code is null)
            {
                continue;
            }
            var on = p.DecisionOn ?? p.ReceivedOn;
            if (!definitions.TryGetValue((code, on), out var definition))
            {
                definition = (await programmes.InEffectAsync(code, on, ct))?.Definition
                    ?? ShippedProgrammes.All.Where(s => s.Code == code).Select(s => s.Definition).FirstOrDefault();
                definitions[(code, on)] = definition;
            }
            if (definition is null)
            {
                continue;
            }
            if (p.Phase1StartedOn is not null && definition.WorkPhases.Count == 0)
            {
                errors.Add(new ImportError(p.Source.Row, "phase1_started_on", $"The programme {code} has no phase after its assessment"));
            }
            if (p.Phase2CompletedOn is not null && definition.WorkPhases.Count < 2)
            {
                errors.Add(new ImportError(p.Source.Row, "phase2_completed_on", $"The programme {code} has no Phase 2"));
            }
            if (p.Phase1CompletedOn is not null && definition.WorkPhases.Count < 2 && p.ClosedOn is null)
            {
                errors.Add(new ImportError(p.Source.Row, "closed_on", $"Phase 1 is the last phase of {code}: a completed Phase 1 needs the closure date"));
            }
            if (p.Phase2CompletedOn is not null && p.ClosedOn is null)
            {
                errors.Add(new ImportError(p.Source.Row, "closed_on", "Phase 2 is completed when the episode closes: give the closure date"));
            }
        }

        var ordered = errors.OrderBy(e => e.Row).ThenBy(e => Columns.ToList().IndexOf(e.Column)).ToList();
        if (ordered.Count > 0)
        {
            return new JourneyImportResult(rows.Count, 0, 0, 0, 0, 0, ordered, false);
        }
        return await WriteAsync(actor, parsed.Cast<Parsed>().ToList(), options, progress, today, ct);
    }

    private async Task<JourneyImportResult> WriteAsync(ActorContext actor, List<Parsed> rows, JourneyImportOptions options, IProgress<int>? progress, DateOnly today, CancellationToken ct)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        // Thousands of rows: detect changes once, at the save, rather than on every Add.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var committed = false;
        try
        {
            var errors = new List<ImportError>();
            if (options.CreateMissing)
            {
                await programmes.EnsureShippedAsync(actor, ct);
            }
            var services = await db.Set<Service>().ToListAsync(ct);
            var teams = await db.Set<Team>().ToListAsync(ct);
            Service ServiceOf(Parsed p)
            {
                var s = services.FirstOrDefault(s => Same(s.Name, p.Source.Service) || Same(s.Code, p.Source.Service));
                if (s is null)
                {
                    s = new Service { Name = p.Source.Service, Code = UniqueCode(p.Source.Service, services.Select(x => x.Code)), ProgrammeCode = options.ProgrammeCode };
                    services.Add(s);
                    db.Add(s);
                }
                return s;
            }
            Team TeamOf(Parsed p, Service service)
            {
                var t = teams.FirstOrDefault(t => t.ServiceId == service.Id && (Same(t.Name, p.Source.Team) || Same(t.Code, p.Source.Team)));
                if (t is null)
                {
                    t = new Team { ServiceId = service.Id, Name = p.Source.Team, Code = UniqueCode(p.Source.Team, teams.Select(x => x.Code)) };
                    teams.Add(t);
                    db.Add(t);
                }
                return t;
            }

            var familyRefs = rows.Select(r => r.FamilyRef).Distinct().ToList();
            var families = await db.Set<Family>().Where(f => familyRefs.Contains(f.Reference)).ToDictionaryAsync(f => f.Reference, StringComparer.Ordinal, ct);
            var childRefs = rows.SelectMany(r => r.Children.Select(c => c.Ref)).Distinct().ToList();
            var people = (await db.Set<Person>().Where(p => p.CouncilChildId != null && childRefs.Contains(p.CouncilChildId) && p.MergedIntoId == null).ToListAsync(ct))
                .GroupBy(p => p.CouncilChildId!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var memberships = (await db.Set<FamilyMembership>().Where(m => db.Set<Family>().Any(f => f.Id == m.FamilyId && familyRefs.Contains(f.Reference)))
                .Select(m => new { m.FamilyId, m.PersonId }).ToListAsync(ct)).Select(m => (m.FamilyId, m.PersonId)).ToHashSet();
            var existingReferrals = (await db.Set<Referral>().Where(r => r.Reference != null).Select(r => new { r.ServiceId, r.Reference }).ToListAsync(ct))
                .Select(r => (r.ServiceId, r.Reference!)).ToHashSet();
            var programmeCache = new Dictionary<(string, DateOnly), ProgrammeVersion?>();

            int created = 0, unchanged = 0, familiesCreated = 0, peopleCreated = 0, episodesCreated = 0, done = 0;
            var touchedChildren = new HashSet<Guid>();
            foreach (var p in rows.OrderBy(r => r.ReceivedOn).ThenBy(r => r.Source.Row))
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(++done);
                var service = ServiceOf(p);
                var team = TeamOf(p, service);
                if (existingReferrals.Contains((service.Id, p.ReferralRef)))
                {
                    unchanged++;
                    continue;
                }
                if (!families.TryGetValue(p.FamilyRef, out var family))
                {
                    family = new Family { Reference = p.FamilyRef, TeamId = team.Id };
                    families[p.FamilyRef] = family;
                    db.Add(family);
                    familiesCreated++;
                }
                var referral = new Referral
                {
                    Reference = p.ReferralRef,
                    ServiceId = service.Id,
                    TeamId = team.Id,
                    FamilyId = family.Id,
                    ReceivedOn = p.ReceivedOn,
                    Channel = ReferralChannel.Other,
                    Source = p.ReferralSource,
                    // History does not say; the council's public task is the basis on which it holds its own records.
                    SharingBasis = SharingBasis.PublicTask,
                    Status = ReferralStatus.Received,
                };
                db.Add(referral);
                existingReferrals.Add((service.Id, p.ReferralRef));
                created++;
                foreach (var (childRef, birth) in p.Children)
                {
                    if (!people.TryGetValue(childRef, out var child))
                    {
                        // The file carries no names: the references stand in until the record is corrected.
                        child = new Person { GivenName = childRef, FamilyName = p.FamilyRef, CouncilChildId = childRef, DateOfBirth = birth, FamilyId = family.Id };
                        people[childRef] = child;
                        db.Add(child);
                        peopleCreated++;
                    }
                    if (memberships.Add((family.Id, child.Id)))
                    {
                        db.Add(new FamilyMembership { FamilyId = family.Id, PersonId = child.Id, Relationship = Relationship.Child, From = birth ?? p.ReceivedOn });
                    }
                    db.Add(new ReferralChild { ReferralId = referral.Id, PersonId = child.Id });
                    touchedChildren.Add(child.Id);
                }
                if (p.Decision is { } decision)
                {
                    ApplyDecision(referral, team, decision, p, actor);
                    if (decision == TriageOutcome.Accepted)
                    {
                        var key = (service.ProgrammeCode!, p.DecisionOn!.Value);
                        if (!programmeCache.TryGetValue(key, out var programme))
                        {
                            programme = await programmes.InEffectAsync(key.Item1, key.Item2, ct);
                            programmeCache[key] = programme;
                        }
                        if (programme is null)
                        {
                            errors.Add(new ImportError(p.Source.Row, "decision_on", $"{service.Name}'s programme {service.ProgrammeCode} is not in effect on {p.DecisionOn:yyyy-MM-dd}"));
                            continue;
                        }
                        ApplyJourney(referral, programme, p, actor.Name, today, errors);
                        episodesCreated++;
                    }
                }
            }
            if (errors.Count > 0)
            {
                await tx.RollbackAsync(ct);
                return new JourneyImportResult(rows.Count, 0, 0, 0, 0, 0, errors, false);
            }
            await db.SaveChangesAsync(actor, ct);
            await ReReferrals.RecomputeAsync(db, touchedChildren, ct);
            await db.SaveChangesAsync(actor, ct);
            if (options.DryRun)
            {
                await tx.RollbackAsync(ct);
            }
            else
            {
                await tx.CommitAsync(ct);
                committed = true;
            }
            return new JourneyImportResult(rows.Count, created, unchanged, familiesCreated, peopleCreated, episodesCreated, [], !options.DryRun);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            if (!committed)
            {
                // Nothing was written: forget the rows this context was holding for the transaction.
                db.ChangeTracker.Clear();
            }
        }
    }

    private void ApplyDecision(Referral referral, Team team, TriageOutcome decision, Parsed p, ActorContext actor)
    {
        TriageRules.Decide(referral, decision, p.DecisionOn!.Value, actor);
        if (decision == TriageOutcome.WaitingList)
        {
            // Imported waiting lists keep their order of arrival; managers reorder afterwards.
            db.Add(new WaitingListEntry
            {
                ReferralId = referral.Id, TeamId = team.Id, Since = p.DecisionOn!.Value, Priority = WaitingPriority.Medium,
                Reason = "Imported from history", Position = p.Source.Row,
            });
        }
    }

    private void ApplyJourney(Referral referral, ProgrammeVersion programme, Parsed p, string by, DateOnly today, List<ImportError> errors)
    {
        var definition = programme.Definition;
        var episode = EpisodeRules.Open(db, referral, programme, p.DecisionOn!.Value, by, null);
        var phases = episode.Phases;
        void Check(Validator v, string column)
        {
            errors.AddRange(v.Errors.Select(e => new ImportError(p.Source.Row, column, e.Message)));
        }
        var assessment = definition.AssessmentPhase;
        if (p.AssessmentStartedOn is { } assessed && assessment is not null)
        {
            if (definition.IndexOf(assessment.Key) == 0)
            {
                // The programme starts with its assessment: the phase began when the assessment did.
                phases[0].StartedOn = assessed;
                episode.CurrentPhaseStartedOn = assessed;
                episode.CurrentPhaseDueOn = assessment.ExpectedMaxDays > 0 ? assessed.AddDays(assessment.ExpectedMaxDays) : null;
            }
            else
            {
                var v = new Validator();
                EpisodeRules.MoveTo(db, episode, phases, definition, assessment.Key, assessed, by, today, p.ReceivedOn, v);
                Check(v, "assessment_started_on");
            }
        }
        var work = definition.WorkPhases;
        if (p.Phase1StartedOn is { } started && work.Count > 0)
        {
            var v = new Validator();
            if (assessment is not null)
            {
                EpisodeRules.RecordAssessmentDecision(episode, definition, AssessmentDecision.Proceed, started, today, p.ReceivedOn, v);
            }
            if (v.Errors.Count == 0)
            {
                EpisodeRules.MoveTo(db, episode, phases, definition, work[0].Key, started, by, today, p.ReceivedOn, v);
            }
            Check(v, "phase1_started_on");
        }
        if (p.Phase1CompletedOn is { } completed1 && work.Count > 1)
        {
            var v = new Validator();
            EpisodeRules.MoveTo(db, episode, phases, definition, work[1].Key, completed1, by, today, p.ReceivedOn, v);
            Check(v, "phase1_completed_on");
        }
        if (p.ClosedOn is { } closed)
        {
            if (assessment is not null && episode.AssessmentDecision is null && p.AssessmentStartedOn is not null)
            {
                var d = new Validator();
                EpisodeRules.RecordAssessmentDecision(episode, definition, AssessmentDecision.NoFurtherWork, closed, today, p.ReceivedOn, d);
                Check(d, "closed_on");
            }
            var v = new Validator();
            EpisodeRules.Close(db, episode, phases, [], definition, new ClosureInput(closed, p.ClosureReason, ClosureCodes.DefaultDestination(p.ClosureReason!.Value), p.UnmetNeed), by, today, p.ReceivedOn, v);
            Check(v, "closed_on");
        }
        // The file says which phases were completed; that overrides the programme's closure rule.
        if (work.Count > 0 && phases.FirstOrDefault(x => x.PhaseKey == work[0].Key) is { } phase1)
        {
            phase1.Completed = p.Phase1CompletedOn is not null;
            if (work.Count == 1 && p.Phase1CompletedOn is { } c)
            {
                phase1.EndedOn = c;
            }
        }
        if (work.Count > 1 && phases.FirstOrDefault(x => x.PhaseKey == work[1].Key) is { } phase2)
        {
            phase2.Completed = p.Phase2CompletedOn is not null;
            if (p.Phase2CompletedOn is { } c)
            {
                phase2.EndedOn = c;
            }
        }
    }

    private static Parsed? Parse(JourneyRow r, DateOnly today, List<ImportError> errors)
    {
        var before = errors.Count;
        void Error(string column, string message) => errors.Add(new ImportError(r.Row, column, message));
        DateOnly? Date(string column, string value, bool required = false)
        {
            if (string.IsNullOrEmpty(value))
            {
                if (required)
                {
                    Error(column, "Enter a date");
                }
                return null;
            }
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                Error(column, $"\"{value}\" is not a date in the form YYYY-MM-DD");
                return null;
            }
            if (d > today)
            {
                Error(column, $"{value} is in the future");
            }
            return d;
        }
        if (string.IsNullOrEmpty(r.FamilyRef))
        {
            Error("family_ref", "Enter the family reference");
        }
        else if (r.FamilyRef.Length > 100)
        {
            Error("family_ref", "The family reference must be 100 characters or fewer");
        }
        var childRefs = r.ChildRefs.Split(';', StringSplitOptions.TrimEntries).Where(c => c.Length > 0).ToList();
        if (childRefs.Count == 0)
        {
            Error("child_refs", "Enter at least one child reference");
        }
        if (childRefs.Any(c => c.Length > 50))
        {
            Error("child_refs", "Each child reference must be 50 characters or fewer");
        }
        if (childRefs.Distinct().Count() != childRefs.Count)
        {
            Error("child_refs", "A child is listed twice");
        }
        var birthTexts = string.IsNullOrEmpty(r.ChildBirthDates) ? [] : r.ChildBirthDates.Split(';', StringSplitOptions.TrimEntries).ToList();
        var births = new List<DateOnly?>();
        if (birthTexts.Count > 0 && birthTexts.Count != childRefs.Count)
        {
            Error("child_birth_dates", $"Give one birth date (or an empty entry) for each of the {childRefs.Count} child references");
        }
        else
        {
            births.AddRange(birthTexts.Select(t => Date("child_birth_dates", t)));
        }
        if (string.IsNullOrEmpty(r.ReferralRef))
        {
            Error("referral_ref", "Enter the referral reference");
        }
        else if (r.ReferralRef.Length > 100)
        {
            Error("referral_ref", "The referral reference must be 100 characters or fewer");
        }
        var received = Date("received_on", r.ReceivedOn, required: true);
        if (!ReferralSources.IsValid(r.ReferralSource))
        {
            Error("referral_source", $"\"{r.ReferralSource}\" is not a DfE referral source code (1A-1D, 2A-2B, 3A-3F, 4, 5A-5D, 6, 7, 8, 9, 10)");
        }
        TriageOutcome? decision = TriageRules.Codes.TryGetValue(r.Decision, out var outcome) ? outcome : null;
        if (decision is null && r.Decision.Length > 0)
        {
            Error("decision", $"\"{r.Decision}\" is not one of {string.Join(", ", TriageRules.Codes.Keys)}");
        }
        var decisionOn = Date("decision_on", r.DecisionOn, required: decision is not null);
        if (decision is null && decisionOn is not null && r.Decision.Length == 0)
        {
            Error("decision", "A decision date needs a decision");
        }
        var assessment = Date("assessment_started_on", r.AssessmentStartedOn);
        var phase1 = Date("phase1_started_on", r.Phase1StartedOn);
        var phase1Done = Date("phase1_completed_on", r.Phase1CompletedOn);
        var phase2Done = Date("phase2_completed_on", r.Phase2CompletedOn);
        var closed = Date("closed_on", r.ClosedOn);
        var reason = string.IsNullOrEmpty(r.ClosureReason) ? null : ClosureCodes.Parse(r.ClosureReason);
        if (r.ClosureReason.Length > 0 && reason is null)
        {
            Error("closure_reason", $"\"{r.ClosureReason}\" is not one of {string.Join(", ", Enum.GetValues<ClosureReason>().Select(ClosureCodes.Code))}");
        }
        if (closed is not null && r.ClosureReason.Length == 0)
        {
            Error("closure_reason", "A closed referral needs its closure reason");
        }
        if (closed is null && reason is not null)
        {
            Error("closed_on", "A closure reason needs the closure date");
        }
        var unmet = r.UnmetNeed.ToLowerInvariant() switch
        {
            "" or "no" or "n" => false,
            "yes" or "y" => true,
            _ => (bool?)null,
        };
        if (unmet is null)
        {
            Error("unmet_need", $"\"{r.UnmetNeed}\" is not yes or no");
        }
        if (decision != TriageOutcome.Accepted)
        {
            foreach (var (column, value) in new[] { ("assessment_started_on", assessment), ("phase1_started_on", phase1), ("phase1_completed_on", phase1Done), ("phase2_completed_on", phase2Done), ("closed_on", closed) })
            {
                if (value is not null)
                {
                    Error(column, "Only an accepted referral has assessment, phase or closure dates");
                }
            }
        }
        // Each date must follow the one before it in the journey.
        var chain = new (string Column, DateOnly? Date, string? Needs)[]
        {
            ("received_on", received, null), ("decision_on", decisionOn, null), ("assessment_started_on", assessment, null),
            ("phase1_started_on", phase1, "assessment_started_on"), ("phase1_completed_on", phase1Done, "phase1_started_on"),
            ("phase2_completed_on", phase2Done, "phase1_completed_on"), ("closed_on", closed, null),
        };
        for (var i = 1; i < chain.Length; i++)
        {
            var (column, date, needs) = chain[i];
            if (date is null)
            {
                continue;
            }
            if (needs is not null && chain.Single(c => c.Column == needs).Date is null)
            {
                Error(column, $"{column} needs {needs}");
            }
            var previous = chain.Take(i).LastOrDefault(c => c.Date is not null);
            if (previous.Date is { } p && date < p)
            {
                Error(column, $"{date:yyyy-MM-dd} is before {previous.Column} ({p:yyyy-MM-dd})");
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        var children = childRefs.Select((c, i) => (c, births.Count > i ? births[i] : null)).ToList();
        return new Parsed(r, r.FamilyRef, children, r.ReferralRef, received!.Value, r.ReferralSource.ToUpperInvariant(), decision, decisionOn,
            assessment, phase1, phase1Done, phase2Done, closed, reason, unmet!.Value);
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string UniqueCode(string name, IEnumerable<string> taken)
    {
        var stem = new string(name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        stem = stem.Length > 40 ? stem[..40] : stem;
        var set = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var code = stem;
        for (var i = 2; set.Contains(code); i++)
        {
            code = $"{stem}-{i}";
        }
        return code;
    }
}
