using Hearth.Core.Security;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Admin.Users;

[RequirePermission(Permission.Administer)]
public sealed class IndexModel(HearthDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? Created { get; set; }
    public TableModel Table { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        Table = new TableModel(t["Accounts"], [t["Name"], t["Email"], t["Role"], t["Status"]],
            users.Select(u => (IReadOnlyList<string>)[u.DisplayName, u.Email ?? "", u.Role.ToString(),
                !u.IsActive ? t["Inactive"] : u.LockoutEnd > time.GetUtcNow() ? t["Locked"] : t["Active"]]).ToList());
    }
}
