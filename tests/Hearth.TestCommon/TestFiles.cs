namespace Hearth.TestCommon;

/// <summary>Files the tests read, all inside the repository (tests/data), so a clone on its own passes.</summary>
public static class TestFiles
{
    /// <summary>The repository root: the folder holding Hearth.slnx, above the test's output folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hearth.slnx")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException($"No Hearth.slnx above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>A Data to Insight sample census file in tests/data/cin (see its README for source and licence).</summary>
    public static string CensusSample(string name)
    {
        var path = Path.Combine(RepositoryRoot, "tests", "data", "cin", name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"sample census file missing: {path}", path);
        }
        return path;
    }
}
