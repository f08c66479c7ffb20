using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Referrals;

/// <summary>Confirmation that a referral was saved; a re-referral shows the earlier referrals it follows.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class ReceivedModel(ReferralService referrals) : HearthPageModel
{
    public Referral Referral { get; private set; } = null!;
    public IReadOnlyList<EarlierReferral> Earlier { get; private set; } = [];
    public bool CanTriage => User.Has(Permission.ManageCases);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Referral = await referrals.ReadAsync(Actor, id, ct);
        Earlier = Referral.IsReReferral ? await referrals.EarlierReferralsAsync(Actor, id, ct) : [];
        return Page();
    }
}
