using System.Text.Json;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.People;

namespace LlmWatch.Tests.Features.People;

/// <summary>Issue 12: a person is found under any order of their name, and a career claims no order the source does not give.</summary>
[Collection(AppCollection.Name)]
public sealed class PeopleNamesTests(LlmWatchFactory app)
{
    [Theory]
    [InlineData("Si Luo", "si-luo")]
    [InlineData("luo si", "si-luo")]
    [InlineData("Zhou Jingren", "zhou-jingren")]
    [InlineData("Robin Li", "li-yanhong")]
    [InlineData("Li Yanhong", "li-yanhong")]
    public async Task The_api_finds_a_person_under_any_name_they_are_known_by(string q, string slug)
    {
        using var client = app.CreateClient();
        var page = JsonDocument.Parse(await client.GetStringAsync($"/api/people?q={Uri.EscapeDataString(q)}")).RootElement;

        var person = Assert.Single(page.GetProperty("items").EnumerateArray(), p => p.GetProperty("slug").GetString() == slug);
        Assert.NotEmpty(person.GetProperty("aliases").EnumerateArray());
    }

    [Theory]
    [InlineData("Si Luo")]
    [InlineData("Luo Si")]
    [InlineData("司罗")]
    public async Task The_people_page_searches_names_and_aliases(string q)
    {
        var (_, html) = await app.GetPageAsync($"/people?q={Uri.EscapeDataString(q)}");

        Assert.Contains("data-person=\"si-luo\"", html);
        Assert.DoesNotContain("data-person=\"jin-rong\"", html);
    }

    [Fact]
    public async Task An_undated_career_has_no_arrows_and_is_not_drawn_as_a_sequence()
    {
        var (_, list) = await app.GetPageAsync("/people?q=Wang%20Huiwen");
        var (_, person) = await app.GetPageAsync("/people/wang-huiwen");

        Assert.Contains("data-person=\"wang-huiwen\"", list);
        Assert.DoesNotContain("lw-chain-arrow", list);
        Assert.Contains("data-ordered=\"none\"", person);
    }

    [Fact]
    public void A_career_orders_dated_roles_by_date_and_leaves_undated_ones_where_the_source_tells_them()
    {
        static PersonRoleRow Role(int id, int told, PartialDate? from) =>
            new(id, 1, $"o{id}", "", "", Camp.None, "", "", from, null, told, []);
        var later = Role(1, 10, new PartialDate(2023));
        var undated = Role(2, 20, null);
        var earlier = Role(3, 30, new PartialDate(2019, 9));

        var career = PeopleQueries.Career([later, undated, earlier]);

        Assert.Equal([3, 2, 1], career.Select(r => r.Id));
        Assert.False(PeopleQueries.IsDatedStep(career, 1));
        Assert.True(PeopleQueries.IsDatedStep(PeopleQueries.Career([later, earlier]), 1));
    }

    [Fact]
    public async Task A_person_page_shows_the_aliases_with_the_names_basis()
    {
        var (_, html) = await app.GetPageAsync("/people/si-luo");

        Assert.Contains("Luo Si", html);
        Assert.Matches(@"data-testid=""person-aliases""[^>]*>Also written Si Luo", html);
        Assert.Contains("data-field=\"nameEn\" data-basis=\"outside-knowledge\"", html);
    }
}
