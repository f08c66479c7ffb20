using Hearth.Core.Returns.Census;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Census;

/// <summary>
/// One child's census issues for the current collection year, for any person or family page:
/// <c>@await Component.InvokeAsync("CensusIssues", new { personId })</c>. Renders nothing when the child is not in the
/// census, not in the user's scope, or has no issues. The Core query records the read of the child's record.
/// </summary>
public sealed class CensusIssuesViewComponent(CensusExport census) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var actor = UserClaimsPrincipal.ToActor();
        if (!actor.Has(Permission.ViewFamilies) && !actor.Has(Permission.ManageReturns))
        {
            // Partners and volunteers may be shown a shared record, but not its census issues.
            return Content("");
        }
        var issues = await census.ForChildAsync(actor, personId, HttpContext.RequestAborted);
        return View("/Pages/Census/_ChildIssues.cshtml", issues);
    }
}
