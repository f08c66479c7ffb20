using Hearth.Core;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>
/// A family's payment-by-results panel for its record: <c>@await Component.InvokeAsync("ResultsPanel", new { familyId })</c>.
/// Renders nothing for anyone without ViewResults (practitioners, partners, volunteers) or for a family not attached.
/// </summary>
public sealed class ResultsPanelViewComponent(ResultsService results, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid familyId)
    {
        var actor = UserClaimsPrincipal.ToActor();
        if (!actor.Has(Permission.ViewResults))
        {
            return Content("");
        }
        var today = time.TodayInUk();
        var attached = await results.ForFamilyAsync(actor, familyId, today, HttpContext.RequestAborted);
        return attached.Count == 0 ? Content("") : View("/Pages/Results/_ResultsPanel.cshtml", attached);
    }
}
