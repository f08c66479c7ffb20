using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Demo;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using GoalRating = Hearth.Core.Casework.GoalRating;

namespace Hearth.Synthetic;

/// <summary>How far a synthetic seed has got, for a progress bar.</summary>
public sealed record SyntheticProgress(int FamiliesDone, int Families, long RowsWritten);

/// <summary>What a synthetic seed wrote.</summary>
public sealed record SyntheticSummary(int Families, int Seed, DateOnly Until, int Teams, int Workers, IReadOnlyDictionary<string, long> Rows, long TotalRows);

/// <summary>
/// A synthetic council of any size for benchmarks and load tests: services on each shipped programme, one team of
/// eight workers per 500 families, and for each family three years of journeys ending on <c>until</c> (today unless
/// given), with the demo's proportions: referrals (some inappropriate, advice, referred on, waiting), episodes
/// through their programme's phases, closures of every kind, allocations, sessions, reviews, scored measures for
/// children and a parent, later child protection plans and care, and workers' other time.
/// <para>
/// Deterministic: the same seed, size and end date give the same rows, identifiers included. Rows are written in
/// chunks by <see cref="BulkWriter"/> inside one transaction, without per-row change tracking or per-row audit
/// events (millions of them would double the database and the time); instead one audit event records the whole
/// seed: who ran it, the seed, the size and how many rows of each kind were written.
/// </para>
/// <para>
/// Two guards keep it out of a council's database: it writes only to a database that is empty or holds nothing but
/// synthetic councils, and only when the caller confirms, every time, that fake families are wanted
/// (<c>--i-understand-this-writes-fake-families</c> on the command line).
/// </para>
/// </summary>
public sealed class SyntheticCouncil(HearthDbContext db, ProgrammeService programmes, OrganisationService organisation)
{
    public const int FamiliesPerTeam = 500;
    public const int WorkersPerTeam = 8;
    private const int ChunkFamilies = 2_000;

    private static readonly (string Code, string Name, string Programme)[] Services =
    [
        ("syn-ifss", "Synthetic IFSS", ShippedProgrammes.Ifss),
        ("syn-ifit", "Synthetic edge of care", ShippedProgrammes.Ifit),
        ("syn-tf", "Synthetic family service", ShippedProgrammes.TroubledFamilies),
        ("syn-cin", "Synthetic CIN pods", ShippedProgrammes.CinPod),
    ];

    private static readonly string[] Ethnicities = ["WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "MOTH", "APKN", "ABAN", "BAFR", "CHNE", "OOTH", "NOBT"];
    private static readonly string[] Disabilities = ["AUT", "BEH", "COMM", "LD", "MOB", "HEAR", "VIS", "CON"];
    private static readonly string[] Sources = ["1A", "1C", "2A", "2A", "3A", "3B", "3F", "4", "5A", "5A", "5D", "5D", "6", "6", "8"];

    /// <summary>The command-line flag that confirms a run; the refusal names it.</summary>
    public const string ConfirmFlag = "--i-understand-this-writes-fake-families";

    public async Task<SyntheticSummary> SeedAsync(ActorContext actor, int families, int seed, bool iUnderstandThisWritesFakeFamilies, DateOnly? until = null,
        IProgress<SyntheticProgress>? progress = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        // Asked on every run, before the database is read, and never remembered: a shell left pointing at a council's
        // new, still empty database must not be enough to fill it with fake families.
        if (!iUnderstandThisWritesFakeFamilies)
        {
            throw new ValidationFailedException("Confirm", $"This writes fake families into the configured database; pass {ConfirmFlag} if that is what you want");
        }
        var v = new Validator();
        if (families is < 1 or > 10_000_000)
        {
            v.Add("Families", "Give between 1 and 10,000,000 families");
        }
        // Only an empty database, or one holding nothing but synthetic councils, is written: a bulk load with no per-row
        // audit must never land among a council's real records.
        if (await db.Set<Family>().AnyAsync(f => !f.Reference.StartsWith("SYN"), ct) || await db.Set<Service>().AnyAsync(s => !s.Code.StartsWith("syn-"), ct))
        {
            v.Add("Database", "This database holds services or families that are not synthetic; a synthetic council is only written to an empty database");
        }
        var prefix = $"SYN{seed}-";
        if (await db.Set<Family>().AnyAsync(f => f.Reference.StartsWith(prefix), ct))
        {
            v.Add("Seed", $"A synthetic council with seed {seed} is already in this database; use another seed");
        }
        v.ThrowIfAny();
        var today = until ?? db.Today();

        await programmes.EnsureShippedAsync(actor, ct);
        var versions = await db.Set<ProgrammeVersion>().AsNoTracking().ToListAsync(ct);
        var services = new List<(Service Service, ProgrammeVersion Programme)>();
        foreach (var (code, name, programme) in Services)
        {
            var service = await db.Set<Service>().AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct)
                ?? await organisation.CreateServiceAsync(actor, new NewService(name, code, "Generated for benchmarks; not real families", programme), ct);
            services.Add((service, versions.Where(p => p.Code == programme).OrderByDescending(p => p.Number).First()));
        }
        db.ChangeTracker.Clear();

        var random = new Random(seed);
        var ids = new Ids(seed);
        var writer = new BulkWriter(db);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var teamCount = (families + FamiliesPerTeam - 1) / FamiliesPerTeam;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsSqlite())
        {
            // A larger page cache for this connection (about 256 MB) keeps the growing indexes in memory.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
        }

        var teams = new List<(Team Team, Service Service, ProgrammeVersion Programme, Worker[] Workers)>();
        for (var t = 0; t < teamCount; t++)
        {
            var (service, programme) = services[t % services.Count];
            var team = new Team { Id = ids.Next(), ServiceId = service.Id, Name = $"{service.Name} team {prefix}{t + 1}", Code = $"{prefix}{service.Code}-{t + 1}", Patch = $"Patch {t % 12 + 1}" };
            var workers = Enumerable.Range(1, WorkersPerTeam).Select(w => new Worker
            {
                Id = ids.Next(), TeamId = team.Id, Name = $"Worker {w} ({team.Code})", JobTitle = w == 1 ? "Senior practitioner" : "Family practitioner",
                Fte = w % 4 == 0 ? 0.5m : 1m, MaxIntensiveCases = w % 4 == 0 ? 1 : 2, Patch = team.Patch,
            }).ToArray();
            teams.Add((team, service, programme, workers));
        }
        await Write(teams.Select(t => t.Team).ToList());
        await Write(teams.SelectMany(t => t.Workers).ToList());
        // Workers' other time: a few entries a month for three years.
        var other = new List<WorkerTime>();
        foreach (var (team, _, _, workers) in teams)
        {
            foreach (var worker in workers)
            {
                for (var month = today.AddMonths(-36); month <= today; month = month.AddMonths(1))
                {
                    foreach (var activity in Enum.GetValues<NonFamilyActivity>())
                    {
                        other.Add(new WorkerTime { Id = ids.Next(), WorkerId = worker.Id, TeamId = team.Id, Date = month.AddDays(random.Next(28)) is var d && d <= today ? d : today, Minutes = 30 * random.Next(2, 17), Activity = activity });
                    }
                }
            }
            if (other.Count > 20_000)
            {
                await Write(other);
                other.Clear();
            }
        }
        await Write(other);

        var generator = new FamilyGenerator(random, ids, today, prefix);
        for (var start = 0; start < families; start += ChunkFamilies)
        {
            var chunk = new Chunk();
            for (var f = start; f < Math.Min(families, start + ChunkFamilies); f++)
            {
                var (team, service, programme, workers) = teams[f / FamiliesPerTeam];
                generator.Family(chunk, f + 1, team, service, programme, workers);
            }
            // Parents before children: foreign keys are checked row by row.
            await Write(chunk.Families);
            await Write(chunk.People);
            await Write(chunk.Memberships);
            await Write(chunk.Episodes);
            await Write(chunk.Phases);
            await Write(chunk.Referrals);
            await Write(chunk.ReferralChildren);
            await Write(chunk.Waiting);
            await Write(chunk.Allocations);
            await Write(chunk.Sessions);
            await Write(chunk.Reviews);
            await Write(chunk.Goals);
            await Write(chunk.Ratings);
            await Write(chunk.Measures);
            await Write(chunk.Scores);
            await Write(chunk.Outcomes);
            progress?.Report(new SyntheticProgress(Math.Min(families, start + ChunkFamilies), families, writer.RowsWritten));
        }

        var summary = new SyntheticSummary(families, seed, today, teams.Count, teams.Sum(t => t.Workers.Length), counts, writer.RowsWritten);
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = db.Time.GetUtcNow(),
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Action = AuditAction.Created,
            EntityType = "SyntheticCouncil",
            EntityId = $"seed {seed}",
            Changes = JsonSerializer.Serialize(new { families, seed, until = today.ToString("yyyy-MM-dd"), rows = counts, totalRows = writer.RowsWritten }),
            Reason = "Bulk seed of generated data: one event for the whole load instead of one per row",
        });
        await db.SaveChangesAsync(actor, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return summary;

        async Task Write<T>(List<T> rows) where T : class
        {
            await writer.WriteAsync(rows, ct);
            counts[typeof(T).Name] = counts.GetValueOrDefault(typeof(T).Name) + rows.Count;
        }
    }

    /// <summary>
    /// Identifiers in creation order, like the version 7 Guids the entities get by default (so rows are appended to
    /// the indexes rather than scattered through them), and the same for every run with one seed.
    /// </summary>
    internal sealed class Ids(int seed)
    {
        private long _next;

        public Guid Next()
        {
            var n = ++_next;
            Span<byte> tail = stackalloc byte[8];
            BitConverter.TryWriteBytes(tail, (long)seed);
            tail[0] = (byte)(tail[0] & 0x3F | 0x80);
            return new Guid((int)(n >> 16), (short)(n & 0xFFFF), 0x4000, tail.ToArray());
        }
    }

    internal sealed class Chunk
    {
        public List<Family> Families { get; } = [];
        public List<Person> People { get; } = [];
        public List<FamilyMembership> Memberships { get; } = [];
        public List<Referral> Referrals { get; } = [];
        public List<ReferralChild> ReferralChildren { get; } = [];
        public List<WaitingListEntry> Waiting { get; } = [];
        public List<Episode> Episodes { get; } = [];
        public List<EpisodePhase> Phases { get; } = [];
        public List<Allocation> Allocations { get; } = [];
        public List<Session> Sessions { get; } = [];
        public List<Review> Reviews { get; } = [];
        public List<Goal> Goals { get; } = [];
        public List<GoalRating> Ratings { get; } = [];
        public List<MeasureAdministration> Measures { get; } = [];
        public List<MeasureScore> Scores { get; } = [];
        public List<OutcomeEvent> Outcomes { get; } = [];
    }

    /// <summary>One family's three years, with the demo journeys' proportions (see <see cref="DemoJourneys"/>).</summary>
    private sealed class FamilyGenerator(Random random, Ids ids, DateOnly today, string prefix)
    {
        private const string By = "synthetic seed";
        private static readonly string[] Given = ["Ava", "Oliver", "Amelia", "Noah", "Isla", "Jack", "Freya", "Harry", "Ffion", "Dylan", "Aisha", "Yusuf", "Maja", "Jakub", "Ruby", "Kai"];
        private static readonly string[] Surnames = ["Jones", "Williams", "Davies", "Evans", "Smith", "Brown", "Khan", "Ahmed", "Kowalski", "Murphy", "Walker", "Green"];

        private static string SyntheticPostcode(int number) =>
            $"SY{number % 23 + 1} {number / 23 % 9 + 1}{(char)('A' + number / 207 % 26)}{(char)('A' + number / 5382 % 26)}";

        /// <summary>A number in the 9xx range the NHS keeps for tests (999 0xx xxxx), with its modulus 11 check digit; null when that check would be 10.</summary>
        private static string? SyntheticNhsNumber(int number, int child)
        {
            var body = $"999{(number * 3L + child) % 1_000_000:D6}";
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += (body[i] - '0') * (10 - i);
            }
            var check = (11 - sum % 11) % 11;
            return check == 10 ? null : body + check;
        }

        public void Family(Chunk chunk, int number, Team team, Service service, ProgrammeVersion programme, Worker[] workers)
        {
            var definition = programme.Definition;
            var family = new Family { Id = ids.Next(), Reference = $"{prefix}F{number:D7}", TeamId = team.Id, Patch = team.Patch };
            chunk.Families.Add(family);
            var surname = Surnames[random.Next(Surnames.Length)];
            var received = today.AddDays(-random.Next(5, 3 * 365));
            var parent = new Person
            {
                Id = ids.Next(), FamilyId = family.Id, GivenName = Given[random.Next(Given.Length)], FamilyName = surname,
                DateOfBirth = received.AddDays(-random.Next(20 * 365, 45 * 365)), Sex = random.Next(4) == 0 ? Sex.Male : Sex.Female,
                EthnicityCode = Ethnicities[random.Next(Ethnicities.Length)],
            };
            var children = Enumerable.Range(0, 1 + random.Next(3)).Select(c => new Person
            {
                Id = ids.Next(), FamilyId = family.Id, GivenName = Given[random.Next(Given.Length)], FamilyName = surname,
                DateOfBirth = received.AddDays(-random.Next(60, 16 * 365)), Sex = random.Next(2) == 0 ? Sex.Female : Sex.Male,
                EthnicityCode = random.Next(20) == 0 ? null : Ethnicities[random.Next(Ethnicities.Length)],
                DisabilityCodes = random.Next(8) == 0 ? [Disabilities[random.Next(Disabilities.Length)]] : [],
                CouncilChildId = $"{prefix}C{number:D7}-{c + 1}",
            }).ToList();
            // Identifiers derived from the family's number, not drawn from the random stream, so every other value stays as
            // before: a postcode per household (real ones are shared by a street) and a valid NHS number per child.
            parent.Postcode = SyntheticPostcode(number);
            foreach (var (child, c) in children.Select((child, c) => (child, c)))
            {
                child.Postcode = parent.Postcode;
                child.NhsNumber = SyntheticNhsNumber(number, c);
            }
            // Bulk writes bypass SaveChanges, which keeps the search columns and the family's sort name: fill them as it would.
            PersonSearchKeys.Fill(parent);
            children.ForEach(PersonSearchKeys.Fill);
            family.SortName = children.Select(c => c.FamilyName).Append(parent.FamilyName).Min(StringComparer.Ordinal);
            chunk.People.Add(parent);
            chunk.People.AddRange(children);
            chunk.Memberships.Add(new FamilyMembership { Id = ids.Next(), FamilyId = family.Id, PersonId = parent.Id, Relationship = Relationship.Parent, From = received });
            chunk.Memberships.AddRange(children.Select(c => new FamilyMembership { Id = ids.Next(), FamilyId = family.Id, PersonId = c.Id, Relationship = Relationship.Child, From = received }));

            var earlier = new List<DateOnly>();
            for (var n = 1; received <= today; n++)
            {
                var ended = Journey(chunk, $"{family.Reference}-R{n}", family, team, service, programme, definition, workers, parent, children, received, earlier.Any(e => ReReferralRule.Counts(e, received)));
                earlier.Add(received);
                // About one family in four comes back: soon after closure (a re-referral) or a year or more later.
                if (ended is null || random.NextDouble() > 0.25 || n >= 3)
                {
                    break;
                }
                received = ended.Value.AddDays(random.NextDouble() < 0.6 ? random.Next(20, 300) : random.Next(370, 500));
            }
        }

        private DateOnly? Journey(Chunk chunk, string reference, Family family, Team team, Service service, ProgrammeVersion programme, ProgrammeDefinition definition,
            Worker[] workers, Person parent, List<Person> children, DateOnly received, bool reReferral)
        {
            var decidedOn = Min(received.AddDays(random.Next(0, 8)), today);
            var roll = random.NextDouble();
            var status = roll switch
            {
                < 0.10 => ReferralStatus.Inappropriate,
                < 0.17 => ReferralStatus.Advice,
                < 0.21 => ReferralStatus.ReferredOn,
                _ => ReferralStatus.Accepted,
            };
            // Recent acceptances often wait first; some are still waiting.
            DateOnly? waitedUntil = null;
            if (status == ReferralStatus.Accepted && random.NextDouble() < 0.3)
            {
                waitedUntil = decidedOn.AddDays(random.Next(7, 120));
                if (waitedUntil > today)
                {
                    status = ReferralStatus.WaitingList;
                }
            }
            var referral = new Referral
            {
                Id = ids.Next(), Reference = reference, ServiceId = service.Id, TeamId = team.Id, FamilyId = family.Id, ReceivedOn = received,
                Channel = (ReferralChannel)random.Next(5), Source = Sources[random.Next(Sources.Length)], ConsentToShare = true, SharingBasis = SharingBasis.Consent,
                IsReReferral = reReferral, Status = status, DecidedOn = decidedOn, DecidedBy = By,
            };
            chunk.Referrals.Add(referral);
            chunk.ReferralChildren.AddRange(children.Select(c => new ReferralChild { Id = ids.Next(), ReferralId = referral.Id, PersonId = c.Id }));
            if (waitedUntil is { } until)
            {
                chunk.Waiting.Add(new WaitingListEntry
                {
                    Id = ids.Next(), ReferralId = referral.Id, TeamId = team.Id, Since = decidedOn, Priority = (WaitingPriority)(1 + random.Next(3)), Reason = "No free intensive place",
                    Position = chunk.Waiting.Count + 1, RemovedOn = until <= today ? until : null, Outcome = until <= today ? WaitingOutcome.Accepted : null,
                });
            }
            if (status != ReferralStatus.Accepted)
            {
                return status == ReferralStatus.WaitingList ? null : decidedOn;
            }
            return Episode(chunk, referral, programme, definition, workers, parent, children, waitedUntil ?? decidedOn);
        }

        private DateOnly? Episode(Chunk chunk, Referral referral, ProgrammeVersion programme, ProgrammeDefinition definition, Worker[] workers, Person parent, List<Person> children, DateOnly opened)
        {
            var episode = new Episode
            {
                Id = ids.Next(), ServiceId = referral.ServiceId, TeamId = referral.TeamId, FamilyId = referral.FamilyId, ProgrammeVersionId = programme.Id,
                ReferralId = referral.Id, OpenedOn = opened, CurrentPhase = definition.Phases[0].Key, CurrentPhaseStartedOn = opened,
            };
            referral.EpisodeId = episode.Id;
            chunk.Episodes.Add(episode);
            var phases = new List<EpisodePhase>();
            void Enter(PhaseDefinition phase, DateOnly on)
            {
                if (phases.LastOrDefault() is { } current)
                {
                    current.EndedOn = on;
                    current.EndedBy = By;
                    current.Completed = definition.Phase(current.PhaseKey)?.CompletedByMovingOn ?? false;
                }
                phases.Add(new EpisodePhase { Id = ids.Next(), EpisodeId = episode.Id, PhaseKey = phase.Key, StartedOn = on, StartedBy = By });
                episode.CurrentPhase = phase.Key;
                episode.CurrentPhaseStartedOn = on;
                episode.CurrentPhaseDueOn = phase.ExpectedMaxDays > 0 ? on.AddDays(phase.ExpectedMaxDays) : null;
            }
            Enter(definition.Phases[0], opened);

            DateOnly? closed = null;
            ClosureReason? reason = null;
            var assessment = definition.AssessmentPhase;
            var work = definition.WorkPhases;
            var assessedOn = opened.AddDays(random.Next(0, 4));
            if (assessment is not null && assessedOn <= today && definition.IndexOf(assessment.Key) > 0)
            {
                Enter(assessment, assessedOn);
            }
            var phase1 = assessedOn.AddDays(random.Next(2, 10));
            if (assessedOn <= today && phase1 <= today)
            {
                if (random.NextDouble() < 0.2)
                {
                    episode.AssessmentDecision = AssessmentDecision.NoFurtherWork;
                    episode.AssessmentDecidedOn = phase1;
                    (closed, reason) = (phase1, random.NextDouble() < 0.6 ? ClosureReason.SteppedDownEarlyHelp : ClosureReason.SteppedDownUniversal);
                }
                else if (work.Count > 0)
                {
                    episode.AssessmentDecision = AssessmentDecision.Proceed;
                    episode.AssessmentDecidedOn = phase1;
                    Enter(work[0], phase1);
                    var twoPhases = work.Count > 1;
                    var length = twoPhases ? random.Next(28, 50) : random.Next(90, 380);
                    var phase1Done = phase1.AddDays(length);
                    if (random.NextDouble() < 0.15)
                    {
                        var early = phase1.AddDays(random.Next(7, length));
                        if (early <= today)
                        {
                            (closed, reason) = (early, Pick(ClosureReason.Disengaged, ClosureReason.Disengaged, ClosureReason.SteppedUpCp, ClosureReason.LookedAfter, ClosureReason.MovedAway, ClosureReason.Other));
                        }
                    }
                    else if (phase1Done <= today)
                    {
                        if (!twoPhases)
                        {
                            (closed, reason) = (phase1Done, Pick(ClosureReason.GoalsAchieved, ClosureReason.GoalsAchieved, ClosureReason.SteppedDownEarlyHelp, ClosureReason.SteppedDownUniversal));
                        }
                        else
                        {
                            Enter(work[1], phase1Done);
                            var phase2Done = phase1Done.AddDays(random.Next(120, 366));
                            if (phase2Done <= today)
                            {
                                (closed, reason) = (phase2Done, random.NextDouble() < 0.8
                                    ? Pick(ClosureReason.GoalsAchieved, ClosureReason.GoalsAchieved, ClosureReason.SteppedDownEarlyHelp, ClosureReason.SteppedDownUniversal)
                                    : Pick(ClosureReason.Disengaged, ClosureReason.SteppedUpCp, ClosureReason.MovedAway));
                            }
                        }
                    }
                }
            }
            var definitionIndex = definition.LastIntensiveIndex;
            episode.IsIntensive = closed is null && definitionIndex >= 0 && definition.IndexOf(episode.CurrentPhase) <= definitionIndex;
            if (closed is { } c && reason is { } r)
            {
                var current = phases[^1];
                current.EndedOn = c;
                current.EndedBy = By;
                current.Completed = definition.Phase(current.PhaseKey)?.CompletedByClosureReasons.Contains(r) ?? false;
                var assessmentIndex = assessment is null ? -1 : definition.IndexOf(assessment.Key);
                episode.ClosedOn = c;
                episode.ClosureReason = r;
                episode.ClosureDestination = ClosureCodes.DefaultDestination(r);
                episode.UnmetNeed = random.NextDouble() < 0.15;
                episode.DfeReasonForClosure = ClosureCodes.ToDfeReasonForClosure(r, assessmentIndex >= 0 && phases.All(p => definition.IndexOf(p.PhaseKey) <= assessmentIndex));
                episode.CurrentPhaseDueOn = null;
            }
            episode.Phases = phases;
            chunk.Phases.AddRange(phases);

            var worker = workers[random.Next(workers.Length)];
            var allocatedOn = Min(opened.AddDays(random.Next(0, 15)), closed ?? today);
            chunk.Allocations.Add(new Allocation { Id = ids.Next(), EpisodeId = episode.Id, WorkerId = worker.Id, From = allocatedOn, To = closed, EndReason = closed is null ? null : AllocationEndReason.EpisodeClosed, IsLead = true });

            Casework(chunk, episode, definition, phases, worker, parent, children);
            Measures(chunk, episode, definition, parent, children);
            if (closed is { } end)
            {
                foreach (var child in children)
                {
                    var roll = random.NextDouble();
                    var kind = roll < 0.06 ? OutcomeKind.ChildProtectionPlan : roll < 0.09 ? OutcomeKind.BecameLookedAfter : (OutcomeKind?)null;
                    var on = end.AddDays(random.Next(1, 900));
                    if (kind is { } k && on <= today)
                    {
                        chunk.Outcomes.Add(new OutcomeEvent { Id = ids.Next(), PersonId = child.Id, EpisodeId = episode.Id, TeamId = episode.TeamId, Kind = k, OccurredOn = on });
                    }
                }
            }
            return closed;
        }

        private void Casework(Chunk chunk, Episode episode, ProgrammeDefinition definition, List<EpisodePhase> phases, Worker worker, Person parent, List<Person> children)
        {
            var people = children.Select(c => c.Id).Append(parent.Id).ToList();
            List<Goal>? goals = null;
            var rated = 0;
            foreach (var stay in phases)
            {
                var phase = definition.Phase(stay.PhaseKey)!;
                if (phase.IsAssessment || definition.IndexOf(stay.PhaseKey) == 0 && definition.AssessmentPhase is not null && definition.IndexOf(definition.AssessmentPhase.Key) > 0)
                {
                    continue;
                }
                var end = stay.EndedOn ?? today;
                var span = Math.Max(1, end.DayNumber - stay.StartedOn.DayNumber);
                for (var i = 0; i < (phase.Intensive ? 6 : 3); i++)
                {
                    var type = phase.Intensive ? (random.Next(4) == 0 ? SessionType.CommunityActivity : SessionType.HomeVisit) : (random.Next(3) == 0 ? SessionType.Phone : SessionType.HomeVisit);
                    chunk.Sessions.Add(new Session
                    {
                        Id = ids.Next(), EpisodeId = episode.Id, TeamId = episode.TeamId, PhaseKey = stay.PhaseKey, Date = stay.StartedOn.AddDays(random.Next(span)),
                        Start = new TimeOnly(9 + random.Next(8), random.Next(2) * 30), Minutes = type == SessionType.Phone ? 20 : 60 + 30 * random.Next(4), Type = type,
                        PersonIds = people, WorkerIds = [worker.Id], Place = type == SessionType.HomeVisit ? "Family home" : null,
                    });
                }
                var sequence = 0;
                foreach (var point in phase.Reviews)
                {
                    foreach (var due in point.DueDates(stay.StartedOn, end))
                    {
                        var held = due.AddDays(random.Next(0, 6));
                        var review = new Review
                        {
                            Id = ids.Next(), EpisodeId = episode.Id, TeamId = episode.TeamId, PhaseKey = stay.PhaseKey, Sequence = ++sequence, DueOn = due,
                            HeldOn = held <= today ? held : null, Decision = held <= today ? ReviewDecision.Continue : null, Progress = held <= today ? "Steady progress" : null,
                        };
                        chunk.Reviews.Add(review);
                        if (review.HeldOn is not null)
                        {
                            goals ??= Goals(chunk, episode);
                            Rate(chunk, goals, review, rated++);
                        }
                    }
                }
            }
        }

        /// <summary>GAS as the demo records it: two goals with their levels per episode, rated at every held review.</summary>
        private List<Goal> Goals(Chunk chunk, Episode episode)
        {
            var goals = new[] { "School every day", "Calmer evenings" }.Select(title => new Goal
            {
                Id = ids.Next(), EpisodeId = episode.Id, TeamId = episode.TeamId, Title = title, Owner = "Parent", LevelMinus2 = "Much less than expected",
                LevelMinus1 = "Less than expected", Level0 = "As expected", LevelPlus1 = "More than expected", LevelPlus2 = "Much more than expected",
                LevelsSetOn = episode.OpenedOn, CreatedOn = episode.OpenedOn,
            }).ToList();
            chunk.Goals.AddRange(goals);
            return goals;
        }

        /// <summary>Ratings rising a little with each review; their own random stream keeps the rest of the council as it was.</summary>
        private void Rate(Chunk chunk, List<Goal> goals, Review review, int earlier)
        {
            var gas = new Random(review.Id.GetHashCode());
            foreach (var goal in goals)
            {
                chunk.Ratings.Add(new GoalRating { Id = ids.Next(), ReviewId = review.Id, GoalId = goal.Id, Level = Math.Clamp(earlier - 1 + gas.Next(-1, 2), -2, 2) });
            }
        }

        /// <summary>Baseline and closure (or latest review) forms, as the demo makes them.</summary>
        private void Measures(Chunk chunk, Episode episode, ProgrammeDefinition definition, Person parent, List<Person> children)
        {
            var points = DemoMeasures.Points(episode, definition, today);
            if (points.Count == 0)
            {
                return;
            }
            foreach (var person in children.Prepend(parent))
            {
                foreach (var form in DemoMeasures.Forms(episode, definition, points, person.Id, person.DateOfBirth, random, By))
                {
                    form.Id = ids.Next();
                    foreach (var score in form.Scores)
                    {
                        score.Id = ids.Next();
                        score.AdministrationId = form.Id;
                    }
                    chunk.Measures.Add(form);
                    chunk.Scores.AddRange(form.Scores);
                }
            }
        }

        private T Pick<T>(params T[] options) => options[random.Next(options.Length)];

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    }
}
