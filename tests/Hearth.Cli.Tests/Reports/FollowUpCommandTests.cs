using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Reports;

/// <summary>`hearth follow-ups` on the demo council: what is due, and a result recorded or refused per field.</summary>
public sealed class FollowUpCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    [Fact]
    public async Task A_due_follow_up_is_recorded_from_the_command_line_and_bad_values_are_refused_per_field()
    {
        var due = await CliRunner.RunAsync(demo.Db.Settings, "follow-ups", "due", "--team", "ifss-1-team");
        Assert.Equal(0, due.ExitCode);
        var first = due.Out.Trim().Split('\n')[0].Trim().Split(' ');
        var (id, months, dueOn) = (first[0], first[^2], first[^1]);

        var bad = await CliRunner.RunAsync(demo.Db.Settings, "follow-ups", "record", id, "--result", "maybe", "--on", dueOn, "--event", "party");
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(["error: Result: Choose one of: no_event, event, could_not_check", "error: Kind: Choose one of: re_referral, child_protection_plan, became_looked_after",
            "error: PersonId: Give the child's person id with --child"], bad.Error.Trim().Split('\n').Select(l => l.TrimEnd('\r')));

        var ok = await CliRunner.RunAsync(demo.Db.Settings, "follow-ups", "record", id, "--result", "no_event", "--on", dueOn, "--note", "School and social care checked");

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal($"Recorded the {months}-month follow-up: no_event on {dueOn}.", ok.Out.Trim());
        await using (var services = demo.Db.CreateServices())
        {
            using var scope = services.CreateScope();
            var saved = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<FollowUp>().SingleAsync(f => f.Id == Guid.Parse(id));
            Assert.Equal((FollowUpResult.NoEvent, "School and social care checked"), (saved.Result, saved.Note));
        }
        Assert.DoesNotContain(id, (await CliRunner.RunAsync(demo.Db.Settings, "follow-ups", "due", "--team", "ifss-1-team")).Out);
    }
}
