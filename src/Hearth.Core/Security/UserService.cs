using System.Net.Mail;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Security;

public sealed record NewUser(string Name, string Email, string Role, IReadOnlyList<string> TeamCodes, string Password, string? JobTitle = null);

/// <summary>A user account as administrators see it: never its password hash or security stamps.</summary>
public sealed record UserListing(Guid Id, string Name, string Email, string Role, IReadOnlyList<string> TeamCodes, bool Active, Guid? WorkerId);

/// <summary>Creates and changes user accounts. Identity hashes the password and enforces the password rules.</summary>
public sealed class UserService(HearthDbContext db, UserManager<HearthUser> users)
{
    public async Task<HearthUser> CreateAsync(ActorContext actor, NewUser input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var v = new Validator()
            .Require("Name", input.Name, "Enter the user's name")
            .Require("Email", input.Email, "Enter the user's email address")
            .MaxLength("Name", input.Name, 200, "Name");
        var email = input.Email?.Trim() ?? "";
        if (email.Length > 0 && !IsEmail(email))
        {
            v.Add("Email", "Enter an email address in the correct format, like name@example.org");
        }
        else if (email.Length > 0 && await users.FindByEmailAsync(email) is not null)
        {
            v.Add("Email", $"A user with email {email} already exists");
        }
        if (!Enum.TryParse<Role>(input.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(input.Role, out _))
        {
            v.Add("Role", $"Role \"{input.Role}\" is not known. Choose one of: {string.Join(", ", Enum.GetNames<Role>())}");
        }
        var teams = new List<Team>();
        foreach (var code in input.TeamCodes.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var team = await db.Set<Team>().SingleOrDefaultAsync(t => t.Code == code.Trim() || t.Name == code.Trim(), ct);
            if (team is null)
            {
                v.Add("Team", $"There is no team called {code}");
            }
            else
            {
                teams.Add(team);
            }
        }
        if (v.Errors.Count == 0 && role is Role.Practitioner or Role.Manager && teams.Count == 0)
        {
            v.Add("Team", "A practitioner or manager must belong to at least one team");
        }
        var user = new HearthUser
        {
            DisplayName = input.Name?.Trim() ?? "",
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Role = role,
            CreatedAt = db.Time.GetUtcNow(),
            LockoutEnabled = true,
            Teams = teams.Select(t => new UserTeam { TeamId = t.Id }).ToList(),
        };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, input.Password ?? "");
            foreach (var error in result.Errors)
            {
                v.Add("Password", error.Description);
            }
        }
        v.ThrowIfAny();

        if (role is Role.Practitioner or Role.Manager or Role.Volunteer && teams.Count > 0)
        {
            var jobTitle = input.JobTitle ?? role switch
            {
                Role.Manager => "Team manager",
                Role.Volunteer => "Volunteer",
                _ => "Family practitioner",
            };
            var worker = OrganisationService.BuildWorker(teams[0], new NewWorker(teams[0].Code, user.DisplayName, jobTitle, 1m, role == Role.Practitioner ? 2 : 0, [], teams[0].Patch));
            db.Add(worker);
            user.WorkerId = worker.Id;
        }

        db.UseActor(actor);
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            throw new ValidationFailedException(created.Errors.Select(e => new FieldError(e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email", e.Description)).ToList());
        }
        return user;
    }

    /// <summary>Every user account, by name, with the codes of the teams it may see.</summary>
    public async Task<IReadOnlyList<UserListing>> UsersAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var users = await db.Users.AsNoTracking().Include(u => u.Teams).OrderBy(u => u.DisplayName).ToListAsync(ct);
        var teamCodes = await db.Set<Team>().AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        return users.Select(u => new UserListing(u.Id, u.DisplayName, u.Email ?? "", u.Role.ToString(),
            u.Teams.Select(t => teamCodes[t.TeamId]).Order(StringComparer.Ordinal).ToList(), u.IsActive, u.WorkerId)).ToList();
    }

    public static bool IsEmail(string value)
    {
        try
        {
            var address = new MailAddress(value);
            return address.Address == value && value.Contains('.', StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The Hearth user for a single sign-on identity: the one already linked to the subject, or the active user with
    /// the same email, which is then linked (audited). Null when the council has not given the person an account.
    /// </summary>
    public async Task<HearthUser?> FindForSingleSignOnAsync(string subject, string email, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }
        var linked = await db.Users.SingleOrDefaultAsync(u => u.ExternalSubject == subject && u.IsActive, ct);
        if (linked is not null || string.IsNullOrWhiteSpace(email))
        {
            return linked;
        }
        var normalised = email.Trim().ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalised && u.IsActive && u.ExternalSubject == null, ct);
        if (user is not null)
        {
            user.ExternalSubject = subject;
            await db.SaveChangesAsync(ActorContext.System("single sign-on first use").WithReason($"linked to {email}"), ct);
        }
        return user;
    }
}
