using System.Globalization;
using System.Xml.Linq;
using Bunit;
using LlmWatch.Data.Entities;
using LlmWatch.Web.Components.Shared;
using LlmWatch.Web.Features.Changes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LlmWatch.Tests.Features.Changes;

public sealed class ChangeListTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public ChangeListTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        SetRendererInfo(new RendererInfo("Server", true));
    }

    private static ChangeRow Row(FactKind kind, string key, string? org, string? zh = null, string? en = null, string? source = "huxiu") => new(
        7, new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc), ChangeAction.Changed, kind, key, org, zh, en, source, "Erin", "Rui", "why", null,
        [new FieldChange("amount", null, "USD 60M")]);

    [Fact]
    public void A_change_names_its_fact_by_organisation_in_the_readers_language_and_links_fact_and_source()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var cut = Render<ChangeList>(p => p.Add(x => x.Changes, [Row(FactKind.Deal, "baichuan-a", "baichuan", "百川智能", "Baichuan")]));

        var fact = cut.Find(".lw-change-fact");
        Assert.Equal("baichuan-a · 百川智能", fact.TextContent);
        Assert.Equal("/companies/baichuan", fact.GetAttribute("href"));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/sources/huxiu");
        Assert.Contains("修改", cut.Find(".lw-change-action").TextContent);
        Assert.Equal(["amount", "—", "USD 60M"], cut.FindAll(".lw-change-fields tbody td").Select(td => td.TextContent));
        Assert.DoesNotContain(cut.FindAll(".lw-change-reason strong"), s => s.TextContent.Contains("审核", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FactKind.Organization, "new-lab", null, "/companies/new-lab")]
    [InlineData(FactKind.Person, "li-si", "baichuan", "/people/li-si")]
    [InlineData(FactKind.Model, "baichuan-13b", "baichuan", "/models/baichuan-13b")]
    [InlineData(FactKind.Source, "huxiu-2023", null, "/sources/huxiu-2023")]
    [InlineData(FactKind.Statistic, "stat-1", "baichuan", "/companies/baichuan")]
    [InlineData(FactKind.Deal, "deal-1", null, "/funding")]
    [InlineData(FactKind.Event, "event-1", null, "/timeline")]
    [InlineData(FactKind.Viewpoint, "view-1", null, "/changes")]
    public void Each_kind_of_fact_links_the_page_that_shows_it(FactKind kind, string key, string? org, string href) =>
        Assert.Equal(href, ChangeLinks.Fact(kind, key, org));

    [Fact]
    public void The_feed_drops_characters_XML_cannot_carry_but_keeps_every_letter()
    {
        var row = Row(FactKind.Organization, "lab-\u0001x", null, en: "Lab") with { ApprovedBy = "Rui 𠀋\u0007", ProposerReason = "a\u001Fb" };

        var xml = ChangesFeed.Write([row], new ChangeFilter(null, null, null, 1, 20), "https://llmwatch.example", row.RecordedAt);

        var feed = XDocument.Parse(xml).Root!;
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Element(atom + "entry")!;
        Assert.Equal("Rui 𠀋", entry.Element(atom + "author")!.Element(atom + "name")!.Value);
        Assert.Equal("changed organization lab-x", entry.Element(atom + "title")!.Value);
        Assert.Equal("https://llmwatch.example/changes#change-7", entry.Element(atom + "id")!.Value);
        Assert.Equal("2026-12-01T09:30:00Z", feed.Element(atom + "updated")!.Value);
    }

    [Fact]
    public void The_filter_reads_its_parameters_once_and_names_what_it_did_not_understand()
    {
        var q = new FilterQuery([new("kind", "deal"), new("org", "ghost"), new("source", "huxiu"), new("page", "2")]);

        var filter = ChangeFilter.Parse(q, organization: null, source: "huxiu");

        Assert.Equal(new ChangeFilter(null, FactKind.Deal, "huxiu", 2, ChangeFilter.DefaultPageSize), filter);
        Assert.Equal(["org"], q.Ignored);
        Assert.Equal("kind=deal&source=huxiu&page=2", filter.ToQueryString());
        Assert.All(["org", "kind", "source", "page", "pageSize"], p => Assert.Contains(p, ChangeFilter.Parameters));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _previous;
        await base.DisposeAsync();
    }
}
