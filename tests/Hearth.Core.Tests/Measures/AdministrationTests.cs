using System.Globalization;
using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Measures;

/// <summary>Recording measures in episodes: scored on save, refused per item, scoped and versioned.</summary>
public sealed class AdministrationTests : JourneyTestBase
{
    private static readonly DateOnly Received = new(2026, 9, 1);

    private static string?[] Same(int count, string? value) => Enumerable.Repeat(value, count).ToArray();

    /// <summary>The 25 SDQ items with one value, impact supplement (items 26-29e) blank.</summary>
    private static string?[] Sdq(string value) => [.. Same(25, value), .. Same(InstrumentCatalog.Find("sdq-parent") is ItemInstrument i ? i.Definition.Items.Count - 25 : 0, null)];

    private async Task<(Episode Episode, Person Child, Person Parent)> EpisodeWithFamilyAsync(string reference)
    {
        var episode = await AcceptedEpisodeAsync(reference, Received);
        var child = await InScope(s => Get<HearthDbContext>(s).Set<Person>().SingleAsync(p => p.FamilyId == episode.FamilyId));
        var parent = await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner,
            new NewPerson(episode.FamilyId, "Jo", reference, new DateOnly(1990, 3, 1)) { Relationship = Relationship.Parent, NotADuplicate = true }));
        return (episode, child, parent);
    }

    private Task<MeasureAdministration> Record(NewAdministration input, ActorContext? actor = null) =>
        InScope(s => Get<MeasureService>(s).RecordAsync(actor ?? Practitioner, input));

    private Task<int> CountAsync() => InScope(s => Get<HearthDbContext>(s).Set<MeasureAdministration>().CountAsync());

    [Fact]
    public async Task A_form_is_scored_on_save_and_the_scores_bands_and_instrument_version_are_stored()
    {
        var (episode, child, _) = await EpisodeWithFamilyAsync("M-1");

        var saved = await Record(new NewAdministration(episode.Id, child.Id, "sdq-parent", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), Sdq("1")));

        var stored = await InScope(s => Get<MeasureService>(s).ReadAsync(Practitioner, saved.Id));
        // All items 1: each scale 5 (reverse-scored items stay 1), total difficulties 4 x 5 = 20, parent 3-band 17-40 = Abnormal.
        Assert.Equal(20m, stored.PrimaryScore);
        Assert.Equal(20m, stored.Scores.Single(x => x.Key == "total").Value);
        Assert.Equal(5m, stored.Scores.Single(x => x.Key == "emotional").Value);
        Assert.Equal("Abnormal", stored.Scores.Single(x => x.Key == "parent3_total").Band);
        Assert.Equal("4-17 single-sided with impact supplement", stored.InstrumentVersion);
        Assert.Equal(10, stored.AgeYears);
        Assert.True(stored.IsViable);
        Assert.Equal(episode.TeamId, stored.TeamId);
        Assert.Equal(episode.FamilyId, stored.FamilyId);
        Assert.Equal("Sam Practitioner", stored.RecordedBy);
        Assert.Equal(Sdq("1"), MeasureService.ResponsesOf(stored));
        // Reports aggregate in SQL on the stored score rows.
        var average = await InScope(s => Get<HearthDbContext>(s).Set<MeasureScore>().Where(x => x.Key == "total").AverageAsync(x => x.Value));
        Assert.Equal(20m, average);
    }

    [Fact]
    public async Task Recording_a_form_audits_each_score_with_its_value()
    {
        var (episode, child, _) = await EpisodeWithFamilyAsync("M-A");

        var saved = await Record(new NewAdministration(episode.Id, child.Id, "sdq-parent", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), Sdq("1")));

        // A score is not a secret: the audit trail shows what was recorded (total difficulties 20, emotional 5).
        var scores = await InScope(s => Get<HearthDbContext>(s).Set<MeasureScore>().AsNoTracking().Where(x => x.AdministrationId == saved.Id).ToListAsync());
        var events = await InScope(s => Get<HearthDbContext>(s).AuditEvents.AsNoTracking().Where(a => a.EntityType == nameof(MeasureScore)).ToListAsync());
        Assert.Equal(scores.Count, events.Count);
        string? AuditedValue(string key) => JsonSerializer.Deserialize<List<FieldChange>>(events.Single(e => e.EntityId == scores.Single(x => x.Key == key).Id.ToString()).Changes!,
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!.Single(c => c.Field == nameof(MeasureScore.Value)).To;
        Assert.Equal(20m, decimal.Parse(AuditedValue("total")!, CultureInfo.InvariantCulture));
        Assert.Equal(5m, decimal.Parse(AuditedValue("emotional")!, CultureInfo.InvariantCulture));
        Assert.DoesNotContain(events, e => e.Changes!.Contains("(set)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_entries_are_refused_per_item_with_the_engines_reasons_and_nothing_is_saved()
    {
        var (episode, _, parent) = await EpisodeWithFamilyAsync("M-2");
        var responses = Same(14, "3");
        responses[2] = "7";
        responses[4] = "x";

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), responses)));

        Assert.Equal(["item3", "item5"], e.Errors.Select(x => x.Field));
        Assert.Equal("Item 3 must be 1, 2, 3, 4 or 5", e.Errors[0].Message);
        Assert.Equal("Item 5 must be a whole number", e.Errors[1].Message);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_blank_item_is_kept_as_missing_and_the_form_is_prorated_not_refused()
    {
        var (episode, child, _) = await EpisodeWithFamilyAsync("M-3");
        var responses = Sdq("1");
        responses[2] = null; // item 3, emotional: 4 of 5 answered, mean 1 x 5 = 5

        var saved = await Record(new NewAdministration(episode.Id, child.Id, "sdq-parent", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), responses));

        Assert.False(saved.IsComplete);
        Assert.True(saved.IsViable);
        Assert.Equal(20m, saved.PrimaryScore);
    }

    [Fact]
    public async Task An_entirely_blank_form_is_refused()
    {
        var (episode, _, parent) = await EpisodeWithFamilyAsync("M-3b");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), Same(14, " "))));
        Assert.Equal("item1", Assert.Single(e.Errors).Field);
    }

    [Fact]
    public async Task Dates_cannot_be_in_the_future_or_before_the_episode_opened()
    {
        var (episode, _, parent) = await EpisodeWithFamilyAsync("M-4");

        var future = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Baseline, null, Respondent.Parent, Today.AddDays(1), Same(14, "3"))));
        Assert.Equal("CompletedOn", Assert.Single(future.Errors).Field);
        var early = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(-1), Same(14, "3"))));
        Assert.Contains("before the episode opened", Assert.Single(early.Errors).Message);

        var onToday = await Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Baseline, null, Respondent.Parent, Today, Same(14, "3")));
        Assert.Equal(42m, onToday.PrimaryScore);
    }

    [Fact]
    public async Task The_person_must_be_in_the_episodes_family()
    {
        var (episode, _, _) = await EpisodeWithFamilyAsync("M-5");
        var (_, stranger) = await FamilyWithChildAsync("M-5-other");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Record(new NewAdministration(episode.Id, stranger.Id, "sdq-parent", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), Sdq("1"))));
        Assert.Equal("PersonId", Assert.Single(e.Errors).Field);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_version_published_for_children_is_refused_for_an_adult()
    {
        var (episode, _, parent) = await EpisodeWithFamilyAsync("M-6");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Record(new NewAdministration(episode.Id, parent.Id, "sdq-parent", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), Sdq("1"))));
        Assert.Equal("PersonId", Assert.Single(e.Errors).Field);
    }

    [Fact]
    public async Task Review_measures_need_their_number_and_baselines_take_none()
    {
        var (episode, _, parent) = await EpisodeWithFamilyAsync("M-7");

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Review, null, Respondent.Parent, Received.AddDays(3), Same(14, "3"))));
        Assert.Equal("TimePointNumber", Assert.Single(missing.Errors).Field);
        var extra = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Baseline, 2, Respondent.Parent, Received.AddDays(3), Same(14, "3"))));
        Assert.Equal("TimePointNumber", Assert.Single(extra.Errors).Field);
    }

    [Fact]
    public async Task Another_teams_practitioner_can_neither_record_nor_read()
    {
        var (episode, _, parent) = await EpisodeWithFamilyAsync("M-8");
        var saved = await Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), Same(14, "3")));

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Closure, null, Respondent.Parent, Received.AddDays(3), Same(14, "3")), Outsider));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<MeasureService>(s).ReadAsync(Outsider, saved.Id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<MeasureService>(s).ForEpisodeAsync(Outsider, episode.Id)));
        Assert.Single(await InScope(s => Get<MeasureService>(s).ForEpisodeAsync(Manager, episode.Id)));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task An_edit_rescores_and_replaces_the_stored_scores_and_a_stale_edit_is_refused()
    {
        var (episode, _, parent) = await EpisodeWithFamilyAsync("M-9");
        var saved = await Record(new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), Same(14, "3")));
        var corrected = new NewAdministration(episode.Id, parent.Id, "wemwbs", TimePoint.Baseline, null, Respondent.Parent, Received.AddDays(3), Same(14, "4"));

        var updated = await InScope(s => Get<MeasureService>(s).UpdateAsync(Practitioner, saved.Id, saved.Version, corrected));
        Assert.Equal(56m, updated.PrimaryScore);
        var rows = await InScope(s => Get<HearthDbContext>(s).Set<MeasureScore>().Where(x => x.AdministrationId == saved.Id && x.Key == "total").ToListAsync());
        Assert.Equal(56m, Assert.Single(rows).Value);

        var moved = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            InScope(s => Get<MeasureService>(s).UpdateAsync(Practitioner, saved.Id, updated.Version, corrected with { EpisodeId = Guid.NewGuid() })));
        Assert.Equal("EpisodeId", Assert.Single(moved.Errors).Field);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            InScope(s => Get<MeasureService>(s).UpdateAsync(Practitioner, saved.Id, saved.Version, corrected with { Responses = Same(14, "5") })));
        Assert.Equal(56m, (await InScope(s => Get<MeasureService>(s).ReadAsync(Practitioner, saved.Id))).PrimaryScore);
    }
}
