using System.Globalization;

namespace Hearth.Web.Pages.Shared;

/// <summary>One bar: its label, its length in the drawing, and its figure as the table beside it writes it.</summary>
public sealed record Bar(string Label, double Width, string Text);

public sealed record BarChart(string Title, IReadOnlyList<Bar> Bars)
{
    /// <summary>Bars scaled to the largest figure; an unknown figure draws no bar and reads "n/a".</summary>
    public static BarChart Scaled(string title, IReadOnlyList<(string Label, double? Value, string Text)> points)
    {
        var max = Math.Max(1, points.Max(p => p.Value ?? 0));
        return new BarChart(title, points.Select(p => new Bar(p.Label, p.Value is { } v ? 340.0 * Math.Max(0, v) / max : 0, p.Text)).ToList());
    }

    /// <summary>
    /// A horizontal bar chart; its title names it for screen readers and the table below holds the figures. A long
    /// label wraps onto more lines beside its bar rather than being cut short.
    /// </summary>
    public string Svg()
    {
        static string E(string s) => System.Net.WebUtility.HtmlEncode(s);
        var rows = Bars.Select(b => (Bar: b, Lines: Wrap(b.Label, 28))).ToList();
        var height = rows.Sum(r => RowHeight(r.Lines.Count)) + 10;
        var sb = new System.Text.StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"chart-title\" width=\"100%\" viewBox=\"0 0 640 {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-title\">{E(Title)}</title>");
        var y = 0;
        foreach (var (b, lines) in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 20}\" font-size=\"14\" fill=\"#0b0c0c\">");
            for (var l = 0; l < lines.Count; l++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tspan x=\"0\" dy=\"{(l == 0 ? 0 : 17)}\">{E(lines[l])}</tspan>");
            }
            sb.Append("</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"220\" y=\"{y + 6}\" width=\"{b.Width:0.#}\" height=\"20\" fill=\"#1d70b8\"></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{226 + b.Width:0.#}\" y=\"{y + 20}\" font-size=\"14\" fill=\"#0b0c0c\">{E(b.Text)}</text>");
            y += RowHeight(lines.Count);
        }
        return sb.Append("</svg>").ToString();
    }

    private static int RowHeight(int lines) => 28 + (lines - 1) * 17;

    /// <summary>Words onto lines of at most <paramref name="width"/> characters (a longer word has a line to itself).</summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }
        lines.Add(line);
        return lines;
    }
}
