using System.Globalization;
using System.Text;
using System.Xml;

namespace Hearth.Core.Returns.Census;

/// <summary>
/// Writes a <see cref="CensusFile"/> as CIN census XML in the element order of its year's schema (<see cref="CensusSchema"/>).
/// Absent values are left out rather than written empty, as the DfE's own files do.
/// </summary>
public static class CensusXmlWriter
{
    public static void Write(CensusFile file, Stream stream)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false };
        using var w = XmlWriter.Create(stream, settings);
        w.WriteStartDocument();
        w.WriteStartElement("Message");
        WriteHeader(w, file.Header);
        w.WriteStartElement("Children");
        foreach (var child in file.Children)
        {
            WriteChild(w, child, file.Year);
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void WriteHeader(XmlWriter w, CensusHeader h)
    {
        w.WriteStartElement("Header");
        w.WriteStartElement("CollectionDetails");
        Text(w, "Collection", h.Collection);
        Text(w, "Year", h.Year);
        Date(w, "ReferenceDate", h.ReferenceDate);
        w.WriteEndElement();
        w.WriteStartElement("Source");
        Text(w, "SourceLevel", h.SourceLevel);
        Text(w, "LEA", h.LEA);
        Text(w, "SoftwareCode", h.SoftwareCode);
        Text(w, "Release", h.Release);
        Text(w, "SerialNo", h.SerialNo);
        Text(w, "DateTime", h.DateTime);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteChild(XmlWriter w, CensusChild c, CensusYear year)
    {
        w.WriteStartElement("Child");
        w.WriteStartElement("ChildIdentifiers");
        Text(w, "LAchildID", c.LAchildID);
        Text(w, "UPN", c.UPN);
        Text(w, "FormerUPN", c.FormerUPN);
        Text(w, "UPNunknown", c.UPNunknown);
        Date(w, "PersonBirthDate", c.PersonBirthDate);
        Date(w, "ExpectedPersonBirthDate", c.ExpectedPersonBirthDate);
        if (year.UsesSex)
        {
            Text(w, "Sex", c.Sex);
        }
        else
        {
            Text(w, "GenderCurrent", c.GenderCurrent);
        }
        Date(w, "PersonDeathDate", c.PersonDeathDate);
        w.WriteEndElement();

        w.WriteStartElement("ChildCharacteristics");
        Text(w, "Ethnicity", c.Ethnicity);
        if (c.Disabilities.Count > 0)
        {
            w.WriteStartElement("Disabilities");
            foreach (var d in c.Disabilities)
            {
                Text(w, "Disability", d);
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();

        foreach (var cin in c.CINdetails)
        {
            WriteCin(w, cin);
        }
        w.WriteEndElement();
    }

    private static void WriteCin(XmlWriter w, CinDetails d)
    {
        w.WriteStartElement("CINdetails");
        Date(w, "CINreferralDate", d.CINreferralDate);
        Text(w, "ReferralSource", d.ReferralSource);
        Text(w, "PrimaryNeedCode", d.PrimaryNeedCode);
        Date(w, "CINclosureDate", d.CINclosureDate);
        Text(w, "ReasonForClosure", d.ReasonForClosure);
        Date(w, "DateOfInitialCPC", d.DateOfInitialCPC);
        foreach (var a in d.Assessments)
        {
            w.WriteStartElement("Assessments");
            Date(w, "AssessmentActualStartDate", a.AssessmentActualStartDate);
            Date(w, "AssessmentInternalReviewDate", a.AssessmentInternalReviewDate);
            Date(w, "AssessmentAuthorisationDate", a.AssessmentAuthorisationDate);
            if (a.AssessmentFactors.Count > 0)
            {
                w.WriteStartElement("FactorsIdentifiedAtAssessment");
                foreach (var f in a.AssessmentFactors)
                {
                    Text(w, "AssessmentFactors", f);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        foreach (var p in d.CINPlanDates)
        {
            w.WriteStartElement("CINPlanDates");
            Date(w, "CINPlanStartDate", p.CINPlanStartDate);
            Date(w, "CINPlanEndDate", p.CINPlanEndDate);
            w.WriteEndElement();
        }
        foreach (var s in d.Section47)
        {
            w.WriteStartElement("Section47");
            Date(w, "S47ActualStartDate", s.S47ActualStartDate);
            Date(w, "InitialCPCtarget", s.InitialCPCtarget);
            Date(w, "DateOfInitialCPC", s.DateOfInitialCPC);
            Text(w, "ICPCnotRequired", s.ICPCnotRequiredText);
            w.WriteEndElement();
        }
        Text(w, "ReferralNFA", d.ReferralNFAText);
        foreach (var p in d.ChildProtectionPlans)
        {
            w.WriteStartElement("ChildProtectionPlans");
            Date(w, "CPPstartDate", p.CPPstartDate);
            Date(w, "CPPendDate", p.CPPendDate);
            Text(w, "InitialCategoryOfAbuse", p.InitialCategoryOfAbuse);
            Text(w, "LatestCategoryOfAbuse", p.LatestCategoryOfAbuse);
            Text(w, "NumberOfPreviousCPP", p.NumberOfPreviousCPPText);
            if (p.CPPreviewDates.Count > 0)
            {
                w.WriteStartElement("Reviews");
                foreach (var r in p.CPPreviewDates)
                {
                    Date(w, "CPPreviewDate", r);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteElementString(name, value);
        }
    }

    private static void Date(XmlWriter w, string name, DateOnly? value)
    {
        if (value is { } d)
        {
            w.WriteElementString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }
}
