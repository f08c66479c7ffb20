using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages;

/// <summary>Every error ends here: a plain explanation, never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    // From the route only: a refused form's own fields (an admin form's "Code") come along when a POST is re-executed here.
    public void OnGet([FromRoute] int? code) => Describe(code);

    public void OnPost([FromRoute] int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Heading, Message) = code switch
        {
            404 => (t["Page not found"], t["If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address."]),
            403 => (t["You do not have access to this page"], t["Ask your manager or system administrator if you need access."]),
            _ => (t["Sorry, there is a problem with the service"], t["Try again later. Nothing you entered has been saved unless you saw a confirmation."]),
        };
        Response.StatusCode = code ?? StatusCodes.Status500InternalServerError;
    }
}
