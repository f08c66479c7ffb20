using System.Net;
using Hearth.Web.Tests.Infrastructure;

namespace Hearth.Web.Tests.Measures;

/// <summary>Every "Record" the measures due list offers opens its form for the user it is offered to.</summary>
public sealed class MeasuresDueListRoleTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    [Theory]
    [InlineData("Practitioner")]
    [InlineData("Manager")]
    public async Task Each_record_link_on_the_due_list_opens_its_form(string role)
    {
        var client = await app.SignedInClientAsync(role);
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync("/measures"));
        var links = page.QuerySelectorAll("main a[href^='/measures/record']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);

        foreach (var link in links)
        {
            var response = await client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)response.StatusCode}");
        }
    }
}
