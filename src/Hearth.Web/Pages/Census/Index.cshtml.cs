using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Census;

/// <summary>The census area: readiness, export and checking any file.</summary>
[RequirePermission(Permission.ManageReturns)]
public sealed class IndexModel : HearthPageModel
{
    public void OnGet()
    {
    }
}
