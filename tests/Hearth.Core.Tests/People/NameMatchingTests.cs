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
}
