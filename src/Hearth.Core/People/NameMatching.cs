using System.Globalization;
using System.Text;

namespace Hearth.Core.People;

/// <summary>Whether two names are probably the same person's, allowing for spelling differences and swapped names.</summary>
public static class NameMatching
{
    public static bool SamePerson(string givenA, string familyA, string givenB, string familyB)
    {
        var (ga, fa, gb, fb) = (Normalise(givenA), Normalise(familyA), Normalise(givenB), Normalise(familyB));
        return (Similar(ga, gb) && Similar(fa, fb)) || (Similar(ga, fb) && Similar(fa, gb));
    }

    /// <summary>Equal, or within one edit for short names and two for longer ones (Kayleigh/Kayley, Jonson/Johnson).</summary>
    public static bool Similar(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }
        if (a == b || Sound(a) == Sound(b))
        {
            return true;
        }
        var allowed = Math.Min(a.Length, b.Length) <= 4 ? 1 : 2;
        return Math.Abs(a.Length - b.Length) <= allowed && Distance(a, b) <= allowed;
    }

    /// <summary>Common English spellings of one sound made the same: Kayleigh/Kayley, Stephen/Stefan's "ph", Jackie/Jacky.</summary>
    internal static string Sound(string name)
    {
        var s = name.Replace("eigh", "ey", StringComparison.Ordinal).Replace("ph", "f", StringComparison.Ordinal).Replace("ck", "k", StringComparison.Ordinal);
        return s.EndsWith("ie", StringComparison.Ordinal) ? s[..^2] + "y" : s;
    }

    /// <summary>Lower case letters only, accents removed: "O'Brien" and "obrien" compare equal.</summary>
    public static string Normalise(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The phonetic key stored and indexed for search: American Soundex (the US National Archives' published rules: first
    /// letter kept, consonants coded 1-6, vowels separate equal codes, H and W do not) of the name after <see cref="Sound"/>,
    /// so Jonson/Johnson, Smtih/Smith, Steven/Stephen and Kayleigh/Kayley share a key. Empty for a name with no letters a-z.
    /// </summary>
    public static string PhoneticKey(string name)
    {
        var s = Sound(Normalise(name));
        var key = new StringBuilder(4);
        var previous = '\0';
        foreach (var c in s)
        {
            if (c is < 'a' or > 'z')
            {
                continue;
            }
            var code = SoundexCode(c);
            if (key.Length == 0)
            {
                key.Append(char.ToUpperInvariant(c));
                previous = code;
                continue;
            }
            if (code is 'h')
            {
                // H and W do not separate two letters with the same code (Ashcraft is A261).
                continue;
            }
            if (code != '0' && code != previous)
            {
                key.Append(code);
                if (key.Length == 4)
                {
                    break;
                }
            }
            previous = code;
        }
        return key.Length == 0 ? "" : key.ToString().PadRight(4, '0');
    }

    private static char SoundexCode(char c) => c switch
    {
        'b' or 'f' or 'p' or 'v' => '1',
        'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
        'd' or 't' => '3',
        'l' => '4',
        'm' or 'n' => '5',
        'r' => '6',
        'h' or 'w' => 'h',
        _ => '0',
    };

    /// <summary>Damerau-Levenshtein (optimal string alignment), so a swapped pair of letters costs one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
