using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using LlmWatch.Data.Entities;
using LlmWatch.Tests.Features.Account;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Features.Changes;

/// <summary>The audit trail's read side over rows written straight into the app's database: /changes, /changes.atom, /api/changes and a profile's History.</summary>
public sealed class ChangesTests(ChangesTests.TrailFactory app) : IClassFixture<ChangesTests.TrailFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The app with three changes recorded: two on Alibaba's facts, one on a new organisation, from two sources.</summary>
    public sealed class TrailFactory : AccountsFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            await using var db = await DbAsync();
            var source = db.Sources.Select(s => s.Id).First();
            db.ChangeRecords.AddRange(
                Change(1, ChangeAction.Changed, FactKind.Deal, "alibaba-deal-x", "alibaba", source, "A second article gives a range <script>alert(1)</script>",
                    [new FieldChange("amount", "USD 50M", "USD 50M–60M")]),
                Change(2, ChangeAction.Added, FactKind.CampAssignment, "alibaba-camp-2", "alibaba", source, "Stated in the new source\u0007",
                    [new FieldChange("camp", null, "general")]),
                Change(3, ChangeAction.Added, FactKind.Organization, "new-lab", "new-lab", "other-source", "A new player", [new FieldChange("nameEn", null, "New Lab")]));
            await db.SaveChangesAsync();
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        private static ChangeRecord Change(int day, ChangeAction action, FactKind kind, string key, string org, string source, string reason, List<FieldChange> fields) => new()
        {
            RecordedAt = new DateTime(2026, 12, day, 9, 0, 0, DateTimeKind.Utc), Action = action, FactKind = kind, FactKey = key, OrganizationSlug = org,
            SourceId = source, ProposalId = day, ProposedById = "id-of-editor", ProposedByName = "Erin Editor", ApprovedById = "id-of-reviewer",
            ApprovedByName = "Rui Reviewer", ProposerReason = reason, ReviewerReason = "Checked", Fields = fields,
        };
    }

    [Fact]
    public async Task The_page_lists_changes_newest_first_with_names_reasons_and_fields_but_no_account_ids()
    {
        var (status, html) = await app.GetPageAsync("/changes");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("3 results", html);
        Assert.True(html.IndexOf("new-lab", StringComparison.Ordinal) < html.IndexOf("alibaba-deal-x", StringComparison.Ordinal));
        Assert.Contains("Proposed by Erin Editor, approved by Rui Reviewer", html);
        Assert.Contains("USD 50M–60M", html);
        Assert.DoesNotContain("id-of-editor", html);
        using var client = app.CreateClient("en");
        var raw = await client.GetStringAsync("/changes");
        Assert.DoesNotContain("<script>alert(1)", raw);
        Assert.Contains("&lt;script&gt;alert(1)", raw);
    }

    [Theory]
    [InlineData("?org=alibaba", 2)]
    [InlineData("?kind=organization", 1)]
    [InlineData("?kind=deal&org=alibaba", 1)]
    [InlineData("?source=other-source", 1)]
    public async Task The_filters_narrow_the_list(string query, int count)
    {
        var (status, html) = await app.GetPageAsync("/changes" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        // One change is "1 result", not "1 results".
        Assert.Contains(count == 1 ? "1 result<" : $"{count} results<", html);

        using var client = app.CreateClient("en");
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/changes" + query));
        Assert.Equal(count, json.RootElement.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?kind=company", "kind")]
    [InlineData("?org=no-such-org", "org")]
    [InlineData("?source=no-such-source", "source")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=5000", "pageSize")]
    public async Task A_value_not_understood_is_a_400_from_the_API_and_the_feed_and_a_notice_on_the_page(string query, string parameter)
    {
        using var client = app.CreateClient("en");
        foreach (var url in new[] { "/api/changes" + query, "/changes.atom" + query })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
        }
        var (status, html) = await app.GetPageAsync("/changes" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"query-notice\"", html);
    }

    [Fact]
    public async Task The_API_answers_pages_of_display_names_with_fields_and_links()
    {
        using var client = app.CreateClient("en");
        var text = await client.GetStringAsync("/api/changes?pageSize=2&page=2");
        using var json = JsonDocument.Parse(text);

        var root = json.RootElement;
        Assert.Equal((3, 2, 2), (root.GetProperty("total").GetInt32(), root.GetProperty("page").GetInt32(), root.GetProperty("pageSize").GetInt32()));
        var item = Assert.Single(root.GetProperty("items").EnumerateArray());
        Assert.Equal("alibaba-deal-x", item.GetProperty("factKey").GetString());
        Assert.Equal("changed", item.GetProperty("action").GetString());
        Assert.Equal("Erin Editor", item.GetProperty("proposedBy").GetString());
        Assert.Equal("/companies/alibaba", item.GetProperty("factHref").GetString());
        Assert.Equal("USD 50M–60M", item.GetProperty("fields")[0].GetProperty("after").GetString());
        Assert.DoesNotContain("id-of-", text);
    }

    [Fact]
    public async Task The_feed_is_Atom_with_one_entry_per_change_linking_its_fact_and_source()
    {
        using var client = app.CreateClient("en");
        using var response = await client.GetAsync("/changes.atom");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var required in new[] { "id", "title", "updated" }) Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + required)?.Value), required);
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "author")?.Element(Atom + "name")?.Value));
        Assert.Equal("2026-12-03T09:00:00Z", feed.Element(Atom + "updated")!.Value);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(3, entries.Count);
        foreach (var entry in entries)
        {
            Assert.True(Uri.IsWellFormedUriString(entry.Element(Atom + "id")!.Value, UriKind.Absolute));
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")?.Value));
            Assert.True(DateTimeOffset.TryParse(entry.Element(Atom + "updated")!.Value, out _));
            var links = entry.Elements(Atom + "link").ToDictionary(l => (string)l.Attribute("rel")!, l => new Uri((string)l.Attribute("href")!));
            Assert.True(links["alternate"].IsAbsoluteUri);
            Assert.StartsWith("/sources/", links["related"].AbsolutePath);
        }
        Assert.Equal("/companies/new-lab", new Uri((string)entries[0].Elements(Atom + "link").First(l => (string)l.Attribute("rel")! == "alternate").Attribute("href")!).AbsolutePath);
        Assert.Equal(3, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
        Assert.Single(XDocument.Parse(await client.GetStringAsync("/changes.atom?kind=deal")).Root!.Elements(Atom + "entry"));
    }

    [Fact]
    public async Task A_profile_shows_its_own_history_only()
    {
        var (_, alibaba) = await app.GetPageAsync("/companies/alibaba");
        var history = alibaba[alibaba.IndexOf("data-testid=\"profile-history\"", StringComparison.Ordinal)..];

        Assert.Contains("alibaba-deal-x", history);
        Assert.Contains("alibaba-camp-2", history);
        Assert.DoesNotContain("new-lab", history);
        var (_, other) = await app.GetPageAsync("/companies/alibaba-cloud");
        Assert.Contains("data-testid=\"history-none\"", other);
    }

    [Fact]
    public async Task The_app_offers_no_way_to_change_or_delete_a_record()
    {
        using var client = app.CreateClient("en");
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Post })
        foreach (var url in new[] { "/api/changes", "/api/changes/1", "/changes", "/changes.atom" })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, url));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {url} answered {(int)response.StatusCode}");
        }
        await using var db = await app.DbAsync();
        Assert.Equal(3, db.ChangeRecords.Count());
    }
}
