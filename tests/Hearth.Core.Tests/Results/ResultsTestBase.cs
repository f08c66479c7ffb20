using Hearth.Core.People;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;

namespace Hearth.Core.Tests.Results;

/// <summary>
/// Evidence for two households on the phase 1 criteria: a family the service knows (F-KNOWN: Ava, council child ID C100,
/// and her parent, NHS 9434765919) and one it does not (household H9: a child with UPN B801200005001 and an adult,
/// NHS 4010232137), plus one person who meets nothing. Today is 2026-11-02.
/// </summary>
public abstract class ResultsTestBase : JourneyTestBase
{
    protected const string Header = "source,evidence_ref,kind,from,to,council_child_id,upn,nhs_number,household_ref,date_of_birth,sessions_possible,authorised_absences,unauthorised_absences,hours_per_week,code";

    protected const string Evidence = Header + """

        school,A1,school_attendance,2025-01-06,2025-03-28,C100,,,,2014-03-01,100,2,20,,
        school,A2,school_attendance,2025-04-21,2025-07-18,C100,,,,2014-03-01,100,0,20,,
        school,A3,school_attendance,2025-09-03,2025-12-19,C100,,,,2014-03-01,100,1,20,,
        school,A4,school_attendance,2026-01-05,2026-03-27,C100,,,,,100,0,5,,
        school,A5,school_attendance,2026-04-13,2026-07-22,C100,,,,,100,0,5,,
        police,P1,asb_intervention,2025-10-01,,,,9434765919,,1985-01-01,,,,,
        police,P2,asb_incident,2025-09-10,,,,9434765919,,,,,,,
        police,P3,asb_incident,2025-10-10,,,,9434765919,,,,,,,
        police,P4,asb_incident,2025-11-10,,,,9434765919,,,,,,,
        police,P5,asb_incident,2025-12-10,,C100,,,,,,,,,
        police,P6,asb_incident,2026-01-10,,C100,,,,,,,,,
        police,P7,asb_incident,2026-06-10,,,,9434765919,,,,,,,
        police,P8,asb_incident,2026-09-10,,,,9434765919,,,,,,,
        dwp,D1,out_of_work_benefit,2024-01-01,,,,9434765919,,,,,,,
        school,U1,fixed_term_exclusion,2025-10-01,,,B801200005001,,H9,,,,,,
        school,U2,fixed_term_exclusion,2025-11-01,,,B801200005001,,H9,,,,,,
        school,U3,fixed_term_exclusion,2026-01-20,,,B801200005001,,H9,,,,,,
        police,U4,asb_intervention,2025-12-01,,,,4010232137,H9,1990-06-01,,,,,
        dwp,U5,out_of_work_benefit,2025-06-01,,,,4010232137,H9,,,,,,
        police,N1,asb_incident,2025-12-01,,C300,,,,,,,,,
        """;

    protected readonly ActorContext Performance = ActorContext.ForUser(Guid.CreateVersion7(), "Pat Performance", Role.Performance, []);
    protected readonly ActorContext ServiceManager = ActorContext.ForUser(Guid.CreateVersion7(), "Sol Service", Role.ServiceManager, []);
    protected readonly ActorContext PartnerActor = ActorContext.ForUser(Guid.CreateVersion7(), "Pip Partner", Role.Partner, []);
    protected readonly ActorContext VolunteerActor = ActorContext.ForUser(Guid.CreateVersion7(), "Val Volunteer", Role.Volunteer, []);

    protected Task<EvidenceImportResult> ImportAsync(string csv, bool dryRun = false) => InScope(s =>
    {
        var (rows, errors) = EvidenceImport.Read(new StringReader(csv));
        Assert.Empty(errors);
        return Get<EvidenceImport>(s).ImportAsync(Performance, "evidence.csv", rows, dryRun);
    });

    /// <summary>F-KNOWN in team A: Ava (C100) and her parent (NHS 9434765919).</summary>
    protected Task<Family> KnownFamilyAsync(string reference = "F-KNOWN") => InScope(async s =>
    {
        var people = Get<PeopleService>(s);
        var family = await people.CreateFamilyAsync(Practitioner, new NewFamily(reference, TeamA.Id));
        await people.AddPersonAsync(Practitioner, new NewPerson(family.Id, "Ava", "Known", new DateOnly(2014, 3, 1)) { CouncilChildId = "C100", NotADuplicate = true });
        await people.AddPersonAsync(Practitioner, new NewPerson(family.Id, "Robin", "Known", new DateOnly(1985, 1, 1))
        {
            NhsNumber = "9434765919", Relationship = Relationship.Parent, NotADuplicate = true,
        });
        return family;
    });
}
