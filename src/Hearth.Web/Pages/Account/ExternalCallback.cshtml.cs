using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Account;

/// <summary>Maps a single sign-on identity to a Hearth user and signs them in; a stranger is told to ask for an account.</summary>
[AllowAnonymous]
public sealed class ExternalCallbackModel(SignInManager<HearthUser> signIn, UserService users, HearthDbContext db) : HearthPageModel
{
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null)
        {
            return RedirectToPage("/Account/SignIn");
        }
        var subject = external.Principal.FindFirstValue(Infrastructure.SingleSignOn.SubjectClaim) ?? "";
        Email = external.Principal.FindFirstValue(ClaimTypes.Email);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var user = await users.FindForSingleSignOnAsync(subject, Email ?? "");
        if (user is null)
        {
            await db.RecordSignInAsync(ActorContext.System("single sign-on"), null, "refused: no Hearth account for the identity");
            return Page();
        }
        db.UseActor(ActorContext.System("single sign-on"));
        await signIn.SignInAsync(user, isPersistent: false, Infrastructure.SingleSignOn.Scheme);
        await db.RecordSignInAsync(ActorContext.ForUser(user.Id, user.DisplayName, user.Role, []), user.Id, "signed in with single sign-on");
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
