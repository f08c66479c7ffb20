using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.SharedWithMe;

/// <summary>Partners and volunteers see only what is shared with them; sharing arrives with the casework issue.</summary>
[RequirePermission(Permission.ViewSharedRecords)]
public sealed class IndexModel : HearthPageModel
{
    public void OnGet()
    {
    }
}
