using System.Text.RegularExpressions;

namespace Hearth.Core.People;

/// <summary>Checks for the identifiers in STANDARDS.md section 3, as pure functions.</summary>
public static partial class Identifiers
{
    /// <summary>The UPN check-letter table: the alphabet without I, O and S.</summary>
    public const string UpnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    /// <summary>
    /// The check letter for the last twelve characters of a UPN: sum of character times position (positions 2..13,
    /// digits at face value, a final letter as its index in <see cref="UpnLetters"/>), mod 23, looked up in the table.
    /// Null when the body is malformed.
    /// </summary>
    public static char? UpnCheckLetter(string body)
    {
        if (body.Length != 12)
        {
            return null;
        }
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            var c = body[i];
            int value;
            if (c is >= '0' and <= '9')
            {
                value = c - '0';
            }
            else if (i == 11 && UpnLetters.Contains(c, StringComparison.Ordinal))
            {
                value = UpnLetters.IndexOf(c, StringComparison.Ordinal);
            }
            else
            {
                return null;
            }
            sum += value * (i + 2);
        }
        return UpnLetters[sum % 23];
    }

    /// <summary>A letter and 12 digits, or a letter, 11 digits and a letter (temporary UPN), with the right check letter.</summary>
    public static bool IsValidUpn(string? upn)
    {
        if (upn is null || upn.Length != 13 || !UpnShape().IsMatch(upn))
        {
            return false;
        }
        return UpnCheckLetter(upn[1..]) == upn[0];
    }

    /// <summary>Modulus 11 with weights 10..2 on the first nine digits; a check of 11 is 0 and of 10 is never valid.</summary>
    public static bool IsValidNhsNumber(string? nhs)
    {
        if (nhs is null)
        {
            return false;
        }
        var digits = nhs.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }
        var check = 11 - sum % 11;
        if (check == 11)
        {
            check = 0;
        }
        return check != 10 && check == digits[9] - '0';
    }

    /// <summary>NHS number without spaces, or null when invalid.</summary>
    public static string? NormaliseNhsNumber(string? nhs) =>
        IsValidNhsNumber(nhs) ? nhs!.Replace(" ", "", StringComparison.Ordinal) : null;

    /// <summary>Upper case with one space before the inward code, or null when it is not a UK postcode.</summary>
    public static string? NormalisePostcode(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode))
        {
            return null;
        }
        var compact = postcode.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (!Postcode().IsMatch(compact))
        {
            return null;
        }
        return $"{compact[..^3]} {compact[^3..]}";
    }

    public static bool IsValidPostcode(string? postcode) => NormalisePostcode(postcode) is not null;

    [GeneratedRegex("^[A-Z][0-9]{11}[0-9A-Z]$")]
    private static partial Regex UpnShape();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", RegexOptions.IgnoreCase)]
    private static partial Regex Postcode();
}
