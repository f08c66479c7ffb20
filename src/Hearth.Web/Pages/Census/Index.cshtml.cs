using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Census;

/// <summary>The census area: readiness, export and checking any file.</summary>
public sealed class IndexModel : HearthPageModel
{
    public void OnGet()
    {
    }
}
