using Hearth.Core;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

/// <summary>`hearth follow-ups`: the follow-ups due for a team, and recording what one found, as the follow-up page does.</summary>
internal static class FollowUpCommands
{
    public static Command Build(CliEnvironment env)
    {
        var team = new Option<string>("--team") { Description = "Team code, e.g. ifss-1-team.", Required = true };
        var due = new Command("due", "List the team's follow-ups due and not done: id, family, months after closure, due date.") { team };
        due.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var code = parse.GetValue(team)!;
            var found = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Team>().Where(t => t.Code == code).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
            if (found is not { } teamId)
            {
                throw new ValidationFailedException("Team", $"There is no team with code {code}");
            }
            var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().TodayInUk();
            foreach (var f in await scope.ServiceProvider.GetRequiredService<EpisodeService>().FollowUpsDueAsync(env.Actor, teamId, today, ct))
            {
                await env.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{f.FollowUpId} {f.FamilyReference} {f.MonthsAfterClosure} {f.DueOn:yyyy-MM-dd}"));
            }
            return CliEnvironment.Ok;
        }));

        var id = new Argument<Guid>("FOLLOW-UP") { Description = "The follow-up's id (see `follow-ups due`)." };
        var result = new Option<string>("--result") { Description = "no_event, event or could_not_check.", Required = true };
        var on = new Option<DateOnly>("--on") { Description = "Date of the follow-up (yyyy-mm-dd), on or after its due date.", Required = true };
        var child = new Option<Guid?>("--child") { Description = "For an event: the child's person id." };
        var kind = new Option<string?>("--event") { Description = "For an event: re_referral, child_protection_plan or became_looked_after." };
        var eventOn = new Option<DateOnly?>("--event-on") { Description = "For an event: the date it happened (yyyy-mm-dd)." };
        var note = new Option<string?>("--note") { Description = "A note." };
        var version = new Option<int?>("--version") { Description = "The follow-up version you read; by default the current one." };
        var record = new Command("record", "Record what a follow-up found. Refused whole, one line per field, when any value is wrong.") { id, result, on, child, kind, eventOn, note, version };
        record.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            var v = new Validator();
            var parsed = Parse(parse.GetValue(result), "Result", Enum.GetValues<FollowUpResult>(), v);
            var events = new List<NewOutcomeEvent>();
            if (parse.GetValue(kind) is not null || parse.GetValue(child) is not null || parse.GetValue(eventOn) is not null)
            {
                var eventKind = Parse(parse.GetValue(kind), "Kind", OutcomeKinds.AfterClosureEvents, v);
                if (parse.GetValue(child) is not { } person)
                {
                    v.Add("PersonId", "Give the child's person id with --child");
                }
                else if (parse.GetValue(eventOn) is not { } occurred)
                {
                    v.Add("OccurredOn", "Give the date the event happened with --event-on");
                }
                else if (eventKind is { } ek)
                {
                    events.Add(new NewOutcomeEvent(person, Guid.Empty, ek, occurred, parse.GetValue(note)));
                }
            }
            v.ThrowIfAny();
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var followUpId = parse.GetValue(id);
            var current = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<FollowUp>().AsNoTracking().Where(f => f.Id == followUpId)
                .Select(f => (int?)f.Version).SingleOrDefaultAsync(ct);
            if (current is null)
            {
                throw new ValidationFailedException("FollowUp", $"There is no follow-up {followUpId}");
            }
            var saved = await scope.ServiceProvider.GetRequiredService<EpisodeService>().RecordFollowUpAsync(env.Actor, followUpId, parse.GetValue(version) ?? current.Value,
                new FollowUpFinding(parse.GetValue(on), parsed, parse.GetValue(note), events), ct);
            await env.Out.WriteLineAsync($"Recorded the {saved.MonthsAfterClosure}-month follow-up: {JsonNamingPolicy.SnakeCaseLower.ConvertName(saved.Result!.Value.ToString())} on {saved.CompletedOn:yyyy-MM-dd}.");
            return CliEnvironment.Ok;
        }));
        return new Command("follow-ups", "Follow-ups after closure: what is due and what each found.") { due, record };
    }

    /// <summary>One of <paramref name="allowed"/>, written in snake_case or as named; otherwise an error naming the field and the choices.</summary>
    private static T? Parse<T>(string? value, string field, IReadOnlyList<T> allowed, Validator v) where T : struct, Enum
    {
        var compact = value?.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        foreach (var choice in allowed)
        {
            if (string.Equals(choice.ToString(), compact, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }
        v.Add(field, $"Choose one of: {string.Join(", ", allowed.Select(c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString())))}");
        return null;
    }
}
