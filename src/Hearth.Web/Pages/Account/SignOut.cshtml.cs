using Microsoft.AspNetCore.Authorization;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignOutModel(SignInManager<HearthUser> signIn, HearthDbContext db) : HearthPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var actor = Actor;
            await signIn.SignOutAsync();
            await db.RecordSignInAsync(actor, actor.UserId, "signed out");
        }
        return RedirectToPage();
    }
}
