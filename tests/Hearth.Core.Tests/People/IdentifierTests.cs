using Hearth.Core.People;

namespace Hearth.Core.Tests.People;

/// <summary>Every vector in STANDARDS.md section 3.</summary>
public sealed class IdentifierTests
{
    [Theory]
    [InlineData("J201000000000")]
    [InlineData("P201123456789")]
    [InlineData("B801200005001")]
    [InlineData("M80120000500A")]
    [InlineData("P207000016049")]
    public void Published_valid_UPNs_are_accepted(string upn) => Assert.True(Identifiers.IsValidUpn(upn));

    [Theory]
    [InlineData("A801200005001")]
    [InlineData("A201000000000")]
    [InlineData("B207000016049")]
    public void Published_invalid_UPNs_are_refused(string upn) => Assert.False(Identifiers.IsValidUpn(upn));

    [Theory]
    [InlineData("")]
    [InlineData("J20100000000")]
    [InlineData("J2010000000000")]
    [InlineData("j201000000000")]
    [InlineData("J2010000O0000")]
    [InlineData("I201000000000")]
    public void Malformed_UPNs_are_refused(string upn) => Assert.False(Identifiers.IsValidUpn(upn));

    [Fact]
    public void The_check_letter_is_computed_from_the_last_twelve_characters()
    {
        Assert.Equal('B', Identifiers.UpnCheckLetter("801200005001"));
        Assert.Equal('M', Identifiers.UpnCheckLetter("80120000500A"));
        Assert.Null(Identifiers.UpnCheckLetter("8012000050"));
    }

    [Theory]
    [InlineData("9434765919", true)]
    [InlineData("4010232137", true)]
    [InlineData("943 476 5919", true)]
    [InlineData("9434765918", false)]
    [InlineData("1234567890", false)]
    [InlineData("943476591", false)]
    [InlineData("94347659XX", false)]
    public void NHS_numbers_are_checked_modulus_11(string nhs, bool valid) => Assert.Equal(valid, Identifiers.IsValidNhsNumber(nhs));

    [Fact]
    public void An_NHS_number_whose_check_would_be_10_is_never_valid()
    {
        // First nine digits 000000006: 6 x 2 = 12, 12 mod 11 = 1, 11 - 1 = 10, so no check digit can make it valid.
        for (var last = 0; last <= 9; last++)
        {
            Assert.False(Identifiers.IsValidNhsNumber($"000000006{last}"));
        }
    }

    [Fact]
    public void An_NHS_number_whose_check_would_be_11_ends_in_0()
    {
        // 000000011: 1*3 + 1*2 = 5 -> 6. 000000000: sum 0 -> 11 -> 0.
        Assert.True(Identifiers.IsValidNhsNumber("0000000000"));
        Assert.False(Identifiers.IsValidNhsNumber("0000000001"));
    }

    [Theory]
    [InlineData("sw1a 1aa", "SW1A 1AA")]
    [InlineData("SW1A1AA", "SW1A 1AA")]
    [InlineData("  cf10 1ep ", "CF10 1EP")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("b338th", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("DN55 1PT", "DN55 1PT")]
    public void Postcodes_are_normalised_to_upper_case_with_one_space(string input, string expected) =>
        Assert.Equal(expected, Identifiers.NormalisePostcode(input));

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("SW1A 1A")]
    [InlineData("SW1A  1AAA")]
    [InlineData("ABC1 1AA")]
    public void Things_that_are_not_postcodes_are_refused(string input) => Assert.Null(Identifiers.NormalisePostcode(input));
}
