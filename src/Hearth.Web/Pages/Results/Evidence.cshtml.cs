using Hearth.Core.Security;
using Hearth.Core.Data;
using Hearth.Core.Imports;
using Hearth.Core.Results;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>
/// Uploads the evidence CSV: checking it is a dry run of the import (the same Core reader and checks as
/// <c>hearth import evidence</c>), and the checked file is then imported as it was checked, carried in the form.
/// </summary>
[RequirePermission(Permission.ManageClaims)]
[RequestSizeLimit(2 * MaxUploadBytes + FormOverheadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * MaxUploadBytes + FormOverheadBytes, ValueLengthLimit = 2 * MaxUploadBytes)]
public sealed class EvidenceModel(EvidenceImport import) : HearthPageModel
{
    /// <summary>Largest evidence file taken here (about 40,000 rows); bigger files go through <c>hearth import evidence</c>.</summary>
    public const int MaxUploadBytes = 4 * 1024 * 1024;
    private const int FormOverheadBytes = 64 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>The checked file's text, posted back to import it without uploading it again.</summary>
    [BindProperty] public string? CheckedFile { get; set; }
    [BindProperty] public string? FileName { get; set; }

    public EvidenceImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Errors.Add(new FieldError(nameof(Upload), "Select an evidence CSV file"));
            return Page();
        }
        if (Upload.Length > MaxUploadBytes)
        {
            Errors.Add(new FieldError(nameof(Upload), $"The file must be smaller than {MaxUploadBytes / (1024 * 1024)} MB: import bigger files with hearth import evidence"));
            return Page();
        }
        FileName = Path.GetFileName(Upload.FileName);
        using (var reader = new StreamReader(Upload.OpenReadStream()))
        {
            CheckedFile = await reader.ReadToEndAsync(ct);
        }
        await RunAsync(dryRun: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(CheckedFile))
        {
            Errors.Add(new FieldError(nameof(Upload), "Select an evidence CSV file"));
            return Page();
        }
        await RunAsync(dryRun: false, ct);
        return Page();
    }

    private async Task RunAsync(bool dryRun, CancellationToken ct)
    {
        var (rows, readErrors) = EvidenceImport.Read(new StringReader(CheckedFile!));
        Result = readErrors.Count > 0
            ? new EvidenceImportResult(0, 0, 0, 0, 0, readErrors, [], false)
            : await import.ImportAsync(Actor, string.IsNullOrWhiteSpace(FileName) ? "evidence.csv" : FileName, rows, dryRun, ct);
        if (!Result.Succeeded)
        {
            Errors.Add(new FieldError(nameof(Upload), $"The file has {Result.Errors.Count} error(s) and nothing was imported: correct them and check the file again"));
        }
    }

    public static IReadOnlyList<string> ErrorRow(ImportError e) => [e.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Column, e.Message];
}
