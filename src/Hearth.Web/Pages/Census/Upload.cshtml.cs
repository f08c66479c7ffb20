using Hearth.Core.Security;
using System.Globalization;
using System.Text;
using Hearth.Core.Data;
using Hearth.Core.Returns.Census;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Census;

/// <summary>
/// Checks an uploaded census file and shows the report, or returns it as CSV in the same request. The file is held in
/// memory only: the form limits keep the whole upload below the in-memory buffer threshold, so ASP.NET Core never
/// spills it to a temporary file, and nothing is written to the database.
/// </summary>
[RequirePermission(Permission.ManageReturns)]
[RequestSizeLimit(MaxUploadBytes + FormOverheadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + FormOverheadBytes, MemoryBufferThreshold = MaxUploadBytes + FormOverheadBytes)]
public sealed class UploadModel(IConfiguration configuration) : HearthPageModel
{
    /// <summary>Largest census file accepted here (a 10,000-child return is around 15 MB).</summary>
    public const int MaxUploadBytes = 50 * 1024 * 1024;
    private const int FormOverheadBytes = 64 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Year { get; set; }
    [BindProperty] public string? Format { get; set; }

    public CensusValidationResult? Result { get; private set; }
    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        if (Upload is null || Upload.Length == 0)
        {
            Errors.Add(new FieldError(nameof(Upload), "Select a census XML file"));
            return Page();
        }
        var year = string.IsNullOrWhiteSpace(Year) ? null : Year.Trim();
        if (year is not null && CensusYear.Find(year) is null)
        {
            Errors.Add(new FieldError(nameof(Year), $"Enter a collection year Hearth knows: {string.Join(", ", CensusYear.All.Select(y => y.Name))}"));
            return Page();
        }
        FileName = Path.GetFileName(Upload.FileName);
        CensusFile file;
        try
        {
            using var stream = Upload.OpenReadStream();
            file = CensusReader.Read(stream, year, ReaderOptions());
        }
        catch (CensusReadException e)
        {
            Errors.Add(new FieldError(nameof(Upload), $"The file cannot be checked: {e.Message}"));
            return Page();
        }
        Result = CensusValidator.Validate(file);
        if (string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            CensusReportWriter.WriteCsv(writer, Result);
            var name = Path.GetFileNameWithoutExtension(FileName);
            return File(new UTF8Encoding(false).GetBytes(writer.ToString()), "text/csv", $"{(name.Length == 0 ? "census" : name)}-issues.csv");
        }
        return Page();
    }

    private CensusReaderOptions ReaderOptions()
    {
        // Census:MaxFileBytes (shared with the CLI) may lower the limit; it never raises it above the upload limit.
        var max = long.TryParse(configuration["Census:MaxFileBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var configured) && configured > 0
            ? Math.Min(configured, MaxUploadBytes)
            : MaxUploadBytes;
        return new CensusReaderOptions { MaxBytes = max };
    }
}
