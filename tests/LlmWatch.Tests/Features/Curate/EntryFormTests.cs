using System.Globalization;
using System.Text.Json.Nodes;
using Bunit;
using LlmWatch.Data;
using LlmWatch.Data.Curation;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Web.Features.Curate;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace LlmWatch.Tests.Features.Curate;

public sealed class EntryFormTests : BunitContext, IAsyncLifetime
{
    public EntryFormTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddDbContextFactory<LlmWatchDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        Services.AddSingleton<CurateLookups>();
        SetRendererInfo(new RendererInfo("Server", true));
    }

    [Fact]
    public void The_form_asks_for_every_field_of_the_seed_record_and_nothing_else()
    {
        Assert.Equal(["slug", "organization", "kind", "stage", "stageText", "date", "status", "amount", "valuation", "valuationIsRaisingAt", "participants", "noteZh", "noteEn"],
            EntryFields.For(SubjectType.Deal).Select(f => f.Name));
        Assert.Equal(ApiNames.AllApi<DealStage>(), EntryFields.For(SubjectType.Deal).Single(f => f.Name == "stage").Choices);
        Assert.Equal(EntryFieldType.Reference, EntryFields.For(SubjectType.Deal).Single(f => f.Name == "organization").Type);
        Assert.Equal(EntryFieldType.Money, EntryFields.For(SubjectType.Deal).Single(f => f.Name == "amount").Type);
    }

    [Fact]
    public void Each_message_of_the_validator_shows_under_the_field_it_names()
    {
        var entry = EntryFields.Blank(SubjectType.Deal);
        entry["amount"] = new JsonObject { ["currency"] = "CNY", ["min"] = 900L, ["max"] = 100L, ["text"] = "数亿元", ["approximate"] = false };
        var check = new ProposalCheck([new SeedError("deal", "$.amount.max", "The upper bound (100) is below the lower bound (900)."),
            new SeedError("deal", "$.slug", "'X' is not a slug.")], [], null);

        Render<MudPopoverProvider>();
        var cut = Render<EntryForm>(p => p.Add(x => x.Entry, entry).Add(x => x.Kind, SubjectType.Deal).Add(x => x.Check, check));

        Assert.Contains("below the lower bound", cut.Find("[data-testid=amount-amount]").TextContent);
        Assert.Contains("is not a slug", cut.Find("[data-field=slug]").TextContent);
        Assert.DoesNotContain("is not a slug", cut.Find("[data-field=organization]").TextContent);
    }

    [Fact]
    public async Task Adding_an_amount_writes_an_open_range_into_the_entry()
    {
        var entry = EntryFields.Blank(SubjectType.Deal);
        var changed = 0;
        Render<MudPopoverProvider>();
        var cut = Render<EntryForm>(p => p.Add(x => x.Entry, entry).Add(x => x.Kind, SubjectType.Deal).Add(x => x.Changed, () => changed++));

        await cut.InvokeAsync(() => cut.Find("[data-testid=add-amount]").Click());

        Assert.Equal(1, changed);
        var amount = FactDocuments.Deserialize(SubjectType.Deal, entry.ToJsonString().Replace("\"stage\":\"\"", "\"stage\":\"a\""), out _) as SeedDeal;
        Assert.Equal(new SeedMoney("CNY", 0, null, ""), amount!.Amount);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
