namespace Hearth.Web;

/// <summary>
/// Marker for the shared resource files (Resources/SharedResource.*.resx). Every user-facing string goes through
/// IStringLocalizer&lt;SharedResource&gt; keyed by its English text, so a Welsh file (SharedResource.cy.resx) can be added
/// without touching a page.
/// </summary>
public sealed class SharedResource;
