using System.Xml;
using System.Xml.Linq;

namespace Hearth.Core.Returns.Census;

/// <summary>Limits that keep a hostile or accidental file from exhausting the machine.</summary>
public sealed record CensusReaderOptions
{
    /// <summary>Largest file accepted, in bytes (and characters): 512 MiB, several times a large council's return.</summary>
    public long MaxBytes { get; init; } = 512L * 1024 * 1024;
    /// <summary>Most Child elements accepted.</summary>
    public int MaxChildren { get; init; } = 1_000_000;
}

/// <summary>The file cannot be read as a CIN census at all: not XML, not a census, too large or hostile.</summary>
public sealed class CensusReadException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The file's collection year could not be told from its header: the caller should name it (the CLI's option, the page's field).</summary>
    public bool NeedsYear { get; init; }
}

/// <summary>
/// Reads a CIN census file into <see cref="CensusFile"/>, one Child at a time so memory stays flat, checking the
/// collection year's schema as it goes. DTDs are prohibited outright (so external entities and entity expansion
/// attacks never start), no resolver is set and the document size is capped.
/// </summary>
public static class CensusReader
{
    public static CensusFile Read(string path, string? year = null, CensusReaderOptions? options = null)
    {
        options ??= new CensusReaderOptions();
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CensusReadException($"file not found: {path}");
        }
        if (info.Length > options.MaxBytes)
        {
            throw new CensusReadException($"the file is too large ({info.Length:N0} bytes; the limit is {options.MaxBytes:N0})");
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, year, options);
    }

    public static CensusFile Read(Stream stream, string? year = null, CensusReaderOptions? options = null)
    {
        options ??= new CensusReaderOptions();
        if (stream.CanSeek && stream.Length - stream.Position > options.MaxBytes)
        {
            throw new CensusReadException($"the file is too large ({stream.Length:N0} bytes; the limit is {options.MaxBytes:N0})");
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxBytes,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            // Whitespace between elements carries nothing; dropping it saves a text node per line of a pretty-printed file.
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            return Parse(reader, year, options);
        }
        catch (XmlException e)
        {
            throw new CensusReadException(Explain(e), e);
        }
    }

    private static string Explain(XmlException e)
    {
        if (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return "refused: the file declares a DTD (<!DOCTYPE>), which census files never use and which can carry external-entity or entity-expansion attacks";
        }
        if (e.Message.Contains("MaxCharacters", StringComparison.Ordinal))
        {
            return "refused: the file is larger than the size limit";
        }
        return $"not well-formed XML: {e.Message}";
    }

    private static CensusFile Parse(XmlReader reader, string? yearName, CensusReaderOptions options)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw new CensusReadException("not a CIN census file: it has no root element");
        }
        if (reader.LocalName != "Message")
        {
            throw new CensusReadException($"not a CIN census file: the root element is <{reader.LocalName}>, expected <Message>");
        }
        var issues = new List<StructuralIssue>();
        CensusFile? file = null;
        var sawChildren = false;
        if (reader.IsEmptyElement)
        {
            throw new CensusReadException("not a CIN census file: <Message> is empty");
        }
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                if (reader.NodeType == XmlNodeType.Text && !string.IsNullOrWhiteSpace(reader.Value))
                {
                    issues.Add(new StructuralIssue("Message", "Text is not allowed inside Message"));
                }
                reader.Read();
                continue;
            }
            switch (reader.LocalName)
            {
                case "Header" when file is null:
                    file = ReadHeader((XElement)XNode.ReadFrom(reader), yearName, issues);
                    break;
                case "Children" when file is not null && !sawChildren:
                    sawChildren = true;
                    ReadChildren(reader, file, options);
                    break;
                case "Children" when file is null:
                    throw new CensusReadException("not a CIN census file: <Children> comes before any <Header>");
                default:
                    issues.Add(new StructuralIssue($"Message/{reader.LocalName}", $"Element {reader.LocalName} is not expected here in Message"));
                    reader.Skip();
                    break;
            }
        }
        if (file is null)
        {
            throw new CensusReadException("not a CIN census file: there is no <Header>");
        }
        if (!sawChildren)
        {
            issues.Add(new StructuralIssue("Message/Children", "Required element Children is missing"));
        }
        file.StructuralIssues.InsertRange(0, issues);
        return file;
    }

    private static CensusFile ReadHeader(XElement element, string? yearName, List<StructuralIssue> issues)
    {
        var details = Child(element, "CollectionDetails");
        var source = Child(element, "Source");
        var header = new CensusHeader
        {
            Collection = Value(details, "Collection"),
            Year = Value(details, "Year"),
            ReferenceDateText = Value(details, "ReferenceDate"),
            SourceLevel = Value(source, "SourceLevel"),
            LEA = Value(source, "LEA"),
            SoftwareCode = Value(source, "SoftwareCode"),
            Release = Value(source, "Release"),
            SerialNo = Value(source, "SerialNo"),
            DateTime = Value(source, "DateTime"),
        };
        header.ReferenceDate = Date(header.ReferenceDateText);
        if (!string.Equals(header.Collection, "CIN", StringComparison.OrdinalIgnoreCase))
        {
            throw new CensusReadException(header.Collection is null
                ? "not a CIN census file: the header has no Collection"
                : $"not a CIN census file: the header's Collection is '{header.Collection}', not CIN");
        }
        CensusYear year;
        if (yearName is not null)
        {
            year = CensusYear.Find(yearName) ?? throw new CensusReadException(
                $"unknown collection year '{yearName}'; supported years are {string.Join(", ", CensusYear.All.Select(y => y.Name))}");
        }
        else
        {
            year = CensusYear.Infer(header) ?? throw new CensusReadException(
                $"cannot tell the collection year from the header (ReferenceDate '{header.ReferenceDateText}', Year '{header.Year}'); " +
                $"name the collection year, one of {string.Join(", ", CensusYear.All.Select(y => y.Name))}")
            {
                NeedsYear = true,
            };
        }
        CensusSchema.Check(element, year.HeaderSchema, "Message/Header", issues);
        return new CensusFile { Year = year, Header = header };
    }

    private static void ReadChildren(XmlReader reader, CensusFile file, CensusReaderOptions options)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }
        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                if (reader.NodeType == XmlNodeType.Text && !string.IsNullOrWhiteSpace(reader.Value))
                {
                    file.StructuralIssues.Add(new StructuralIssue("Message/Children", "Text is not allowed inside Children"));
                }
                reader.Read();
                continue;
            }
            if (reader.LocalName != "Child")
            {
                file.StructuralIssues.Add(new StructuralIssue($"Message/Children/{reader.LocalName}", $"Element {reader.LocalName} is not expected in Children"));
                reader.Skip();
                continue;
            }
            if (file.Children.Count >= options.MaxChildren)
            {
                throw new CensusReadException($"refused: the file has more than {options.MaxChildren:N0} children");
            }
            var element = (XElement)XNode.ReadFrom(reader);
            var child = MapChild(element, file.Children.Count + 1);
            CensusSchema.Check(element, file.Year.ChildSchema, child.Path, file.StructuralIssues, child.LAchildID);
            file.Children.Add(child);
        }
        reader.Read();
    }

    internal static CensusChild MapChild(XElement element, int number)
    {
        var ids = Child(element, "ChildIdentifiers");
        var characteristics = Child(element, "ChildCharacteristics");
        return new CensusChild
        {
            Number = number,
            LAchildID = Value(ids, "LAchildID"),
            UPN = Value(ids, "UPN"),
            FormerUPN = Value(ids, "FormerUPN"),
            UPNunknown = Value(ids, "UPNunknown"),
            PersonBirthDate = Date(Value(ids, "PersonBirthDate")),
            ExpectedPersonBirthDate = Date(Value(ids, "ExpectedPersonBirthDate")),
            GenderCurrent = Value(ids, "GenderCurrent"),
            Sex = Value(ids, "Sex"),
            PersonDeathDate = Date(Value(ids, "PersonDeathDate")),
            Ethnicity = Value(characteristics, "Ethnicity"),
            Disabilities = Children(Child(characteristics, "Disabilities"), "Disability").Select(Text).ToList(),
            CINdetails = Children(element, "CINdetails").Select(MapCin).ToList(),
        };
    }

    private static CinDetails MapCin(XElement e) => new()
    {
        CINreferralDate = Date(Value(e, "CINreferralDate")),
        ReferralSource = Value(e, "ReferralSource"),
        PrimaryNeedCode = Value(e, "PrimaryNeedCode"),
        CINclosureDate = Date(Value(e, "CINclosureDate")),
        ReasonForClosure = Value(e, "ReasonForClosure"),
        DateOfInitialCPC = Date(Value(e, "DateOfInitialCPC")),
        ReferralNFAText = Value(e, "ReferralNFA"),
        Assessments = Children(e, "Assessments").Select(a => new Assessment
        {
            AssessmentActualStartDate = Date(Value(a, "AssessmentActualStartDate")),
            AssessmentInternalReviewDate = Date(Value(a, "AssessmentInternalReviewDate")),
            AssessmentAuthorisationDate = Date(Value(a, "AssessmentAuthorisationDate")),
            AssessmentFactors = Children(Child(a, "FactorsIdentifiedAtAssessment"), "AssessmentFactors").Select(Text).ToList(),
        }).ToList(),
        CINPlanDates = Children(e, "CINPlanDates").Select(p => new CinPlan
        {
            CINPlanStartDate = Date(Value(p, "CINPlanStartDate")),
            CINPlanEndDate = Date(Value(p, "CINPlanEndDate")),
        }).ToList(),
        Section47 = Children(e, "Section47").Select(s => new Section47
        {
            S47ActualStartDate = Date(Value(s, "S47ActualStartDate")),
            InitialCPCtarget = Date(Value(s, "InitialCPCtarget")),
            DateOfInitialCPC = Date(Value(s, "DateOfInitialCPC")),
            ICPCnotRequiredText = Value(s, "ICPCnotRequired"),
        }).ToList(),
        ChildProtectionPlans = Children(e, "ChildProtectionPlans").Select(p => new ChildProtectionPlan
        {
            CPPstartDate = Date(Value(p, "CPPstartDate")),
            CPPendDate = Date(Value(p, "CPPendDate")),
            InitialCategoryOfAbuse = Value(p, "InitialCategoryOfAbuse"),
            LatestCategoryOfAbuse = Value(p, "LatestCategoryOfAbuse"),
            NumberOfPreviousCPPText = Value(p, "NumberOfPreviousCPP"),
            CPPreviewDates = Children(p, "Reviews").SelectMany(ReviewDates).ToList(),
        }).ToList(),
    };

    private static IEnumerable<DateOnly?> ReviewDates(XElement reviews)
    {
        var dates = Children(reviews, "CPPreviewDate").Select(d => Date(Text(d))).ToList();
        // A Reviews group with no usable date still counts once, so that 8842Q can report it.
        return dates.Count == 0 ? [null] : dates;
    }

    private static XElement? Child(XElement? parent, string name)
    {
        if (parent is null)
        {
            return null;
        }
        foreach (var e in parent.Elements())
        {
            if (e.Name.LocalName == name)
            {
                return e;
            }
        }
        return null;
    }

    private static IEnumerable<XElement> Children(XElement? parent, string name) =>
        parent is null ? [] : parent.Elements().Where(e => e.Name.LocalName == name);

    private static string? Value(XElement? parent, string name) => Text(Child(parent, name));

    private static string? Text(XElement? element)
    {
        if (element is null || element.HasElements)
        {
            return null;
        }
        var value = element.Value.Trim();
        return value.Length == 0 ? null : value;
    }

    private static DateOnly? Date(string? text) => CensusSchema.TryParseDate(text, out var d) ? d : null;
}
