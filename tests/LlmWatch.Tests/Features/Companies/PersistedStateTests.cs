using System.Text.Json;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Values;
using LlmWatch.Web.Features.Companies;
using LlmWatch.Web.Features.Overview;

namespace LlmWatch.Tests.Features.Companies;

/// <summary>Prerendered state travels as JSON to the circuit; what comes back must be what was rendered.</summary>
public sealed class PersistedStateTests
{
    [Fact]
    public void Dates_and_money_survive_the_round_trip()
    {
        var row = new CompanyRow("minimax", "MiniMax", "MiniMax", OrganizationKind.Startup, null, new PartialDate(2021, 11), OrganizationStatus.Active, Camp.General,
            new Money("USD", 1_000_000_000, null, "独角兽级别"), new PartialDate(2023), false, 1_000_000_000, null, 3);
        var events = new LatestEvent(new PartialDate(2023, 7, 19), EventKind.ModelRelease, "Meta发布Llama 2", "Meta releases Llama 2", []);

        var rowBack = JsonSerializer.Deserialize<CompanyRow>(JsonSerializer.Serialize(row, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;
        var eventBack = JsonSerializer.Deserialize<LatestEvent>(JsonSerializer.Serialize(events, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;

        Assert.Equal(row.FoundedOn, rowBack.FoundedOn);
        Assert.Equal(row.LatestValuationDate, rowBack.LatestValuationDate);
        Assert.Equal(row.LatestValuation, rowBack.LatestValuation);
        Assert.Equal(events.Date, eventBack.Date);
        Assert.Null(JsonSerializer.Deserialize<LatestEvent>(JsonSerializer.Serialize(events with { Date = null }))!.Date);
    }
}
