using Hearth.CensusDifferential;

// generate YEAR DIR [--seed N] [--clean N] | compare HEARTH.csv D2I.csv [--divergences FILE] [--year Y --file NAME] [--emit FILE]
return args switch
{
    ["generate", var year, var dir, .. var rest] => Generator.Run(year, dir, Option(rest, "--seed", 18), Option(rest, "--clean", 40)),
    ["compare", var hearth, var d2i, .. var rest] => Comparison.Run(hearth, d2i, Text(rest, "--divergences"), Text(rest, "--year"), Text(rest, "--file"), Text(rest, "--emit")),
    _ => Usage(),
};

static int Option(string[] rest, string name, int fallback)
{
    var at = Array.IndexOf(rest, name);
    return at >= 0 && at + 1 < rest.Length ? int.Parse(rest[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

static string? Text(string[] rest, string name)
{
    var at = Array.IndexOf(rest, name);
    return at >= 0 && at + 1 < rest.Length ? rest[at + 1] : null;
}

static int Usage()
{
    Console.Error.WriteLine("usage: generate YEAR DIR [--seed N] [--clean N]");
    Console.Error.WriteLine("       compare HEARTH.csv D2I.csv [--divergences FILE] [--year YEAR --file NAME] [--emit FILE]");
    return 2;
}
