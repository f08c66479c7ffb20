using Microsoft.AspNetCore.Authorization;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<HearthUser> signIn, UserManager<HearthUser> users, HearthDbContext db, IStringLocalizer<SharedResource> t, SingleSignOnOptions sso) : HearthPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public SingleSignOnOptions SingleSignOn => sso;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors.Add(new FieldError(nameof(Email), t["Enter your email address"]));
        }
        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add(new FieldError(nameof(Password), t["Enter your password"]));
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Email!.Trim());
        var actor = ActorContext.System("sign-in");
        if (user is null || !user.IsActive)
        {
            await db.RecordSignInAsync(actor, null, "failed: unknown account");
            Errors.Add(new FieldError(nameof(Email), t["Enter a correct email address and password"]));
            return Page();
        }
        // Identity's stores save the failed-attempt count and lockout through our audited DbContext.
        db.UseActor(actor);
        var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await db.RecordSignInAsync(ActorContext.ForUser(user.Id, user.DisplayName, user.Role, []), user.Id, "signed in");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.IsLockedOut)
        {
            await db.RecordSignInAsync(actor, user.Id, "refused: locked out");
            Errors.Add(new FieldError(nameof(Email), t["Your account is locked because of too many failed attempts. Try again later or ask your administrator to unlock it."]));
            return Page();
        }
        await db.RecordSignInAsync(actor, user.Id, "failed: wrong password");
        Errors.Add(new FieldError(nameof(Email), t["Enter a correct email address and password"]));
        return Page();
    }

    public IActionResult OnPostSingleSignOn()
    {
        if (!sso.Enabled)
        {
            return NotFound();
        }
        var properties = new AuthenticationProperties { RedirectUri = Url.Page("/Account/ExternalCallback", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }) };
        return Challenge(properties, Infrastructure.SingleSignOn.Scheme);
    }
}
