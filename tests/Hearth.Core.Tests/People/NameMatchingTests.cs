using Hearth.Core.People;

namespace Hearth.Core.Tests.People;

public sealed class NameMatchingTests
{
    [Theory]
    [InlineData("Kayleigh", "Jones", "Kayley", "Jones")]
    [InlineData("Jon", "Smith", "John", "Smith")]
    [InlineData("Mohammed", "Khan", "Muhammed", "Khan")]
    [InlineData("Siobhan", "O'Brien", "siobhan", "obrien")]
    [InlineData("Zoë", "Evans", "Zoe", "Evans")]
    [InlineData("Ava", "Jones", "Jones", "Ava")]
    [InlineData("Thomas", "Jonson", "Johnson", "Tomas")]
    public void Spelling_differences_and_transposed_names_match(string givenA, string familyA, string givenB, string familyB) =>
        Assert.True(NameMatching.SamePerson(givenA, familyA, givenB, familyB));

    [Theory]
    [InlineData("Ava", "Jones", "Eve", "Jones")]
    [InlineData("Oliver", "Smith", "Olivia", "Smythe-Brown")]
    [InlineData("Amy", "Lee", "Zoe", "Lee")]
    public void Different_people_do_not_match(string givenA, string familyA, string givenB, string familyB) =>
        Assert.False(NameMatching.SamePerson(givenA, familyA, givenB, familyB));

    // The published Soundex examples (US National Archives), then the spellings search must bring together.
    [Theory]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Honeyman", "H555")]
    [InlineData("Lee", "L000")]
    [InlineData("O'Brien", "O165")]
    [InlineData("123", "")]
    public void The_phonetic_key_is_soundex(string name, string key) => Assert.Equal(key, NameMatching.PhoneticKey(name));

    [Theory]
    [InlineData("Jonson", "Johnson")]
    [InlineData("Smtih", "Smith")]
    [InlineData("Kayley", "Kayleigh")]
    [InlineData("Steven", "Stephen")]
    [InlineData("Jackie", "Jacky")]
    public void Sound_alikes_share_a_phonetic_key(string a, string b) => Assert.Equal(NameMatching.PhoneticKey(a), NameMatching.PhoneticKey(b));
}
