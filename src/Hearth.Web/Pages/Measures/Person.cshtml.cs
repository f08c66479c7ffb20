using System.Globalization;
using System.Text;
using Hearth.Core.Measures;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Measures;

/// <summary>A person's measures: for each instrument a small chart of the primary score and the change table it summarises.</summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class PersonModel(PeopleService people, MeasureChangeQuery change, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Recorded { get; set; }

    public Person Person { get; private set; } = null!;
    public IReadOnlyList<MeasureTrajectory> Trajectories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Person = await people.ReadPersonAsync(Actor, Id, ct);
        Trajectories = Person.FamilyId is { } familyId ? await change.ForFamilyAsync(Actor, familyId, Person.Id, ct) : [];
        return Page();
    }

    public string Verdict(ChangeVerdict verdict) => t[verdict switch
    {
        ChangeVerdict.Improved => "Improved",
        ChangeVerdict.Deteriorated => "Deteriorated",
        ChangeVerdict.NoChange => "No change",
        _ => "Not available",
    }];

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    public static string Signed(decimal value) => value > 0 ? "+" + Number(value) : Number(value);

    /// <summary>
    /// A line chart of the primary score at each administration. It is an image with a title and description for
    /// screen readers; the table after it holds every figure.
    /// </summary>
    public static string Chart(MeasureTrajectory trajectory, int index)
    {
        static string E(string s) => System.Net.WebUtility.HtmlEncode(s);
        const double left = 50, top = 10, width = 560, height = 160;
        var points = trajectory.Points.Where(p => p.Score is not null).ToList();
        var span = (double)(trajectory.ScaleMax - trajectory.ScaleMin);
        double X(int i) => left + (points.Count == 1 ? width / 2 : width * i / (points.Count - 1));
        double Y(decimal v) => top + height - (span <= 0 ? 0 : height * (double)(v - trajectory.ScaleMin) / span);
        var id = $"chart-{index}";
        var sb = new StringBuilder();
        var description = string.Join("; ", points.Select(p => $"{p.TimePointLabel} {p.CompletedOn:d MMM yyyy}: {Number(p.Score)}"));
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"hearth-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" width=\"100%\" viewBox=\"0 0 640 210\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(trajectory.ScoreName)} over time</title><desc id=\"{id}-desc\">{E(description)}</desc>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + height}\" x2=\"{left + width}\" y2=\"{top + height}\" stroke=\"#505a5f\"></line>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + 5}\" font-size=\"14\" fill=\"#0b0c0c\">{Number(trajectory.ScaleMax)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + height}\" font-size=\"14\" fill=\"#0b0c0c\">{Number(trajectory.ScaleMin)}</text>");
        if (points.Count > 1)
        {
            sb.Append("<polyline fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"3\" points=\"");
            sb.AppendJoin(' ', points.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(p.Score!.Value):0.#}")));
            sb.Append("\"></polyline>");
        }
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(p.Score!.Value):0.#}\" r=\"5\" fill=\"#1d70b8\"></circle>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{top + height + 20}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#0b0c0c\">{E(p.TimePointLabel)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Y(p.Score.Value) - 10:0.#}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#0b0c0c\">{Number(p.Score)}</text>");
        }
        return sb.Append("</svg>").ToString();
    }
}
