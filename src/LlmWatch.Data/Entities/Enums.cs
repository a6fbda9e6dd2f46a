using System.Text.Json;

namespace LlmWatch.Data.Entities;

public enum OrganizationKind { Startup, BigTech, AiCompany, ListedCompany, Investor, ResearchInstitute, Other }

public enum OrganizationStatus { Active, Acquired, Closed }

/// <summary>The article's strategy camps; None for investors, infrastructure, media.</summary>
public enum Camp { General, Vertical, BuiltOnOthers, Application, None }

public enum CampBasis { Stated, Inferred }

public enum DealKind { EquityRound, FounderCapital, Acquisition, IpoFiling, FailedRaise, ShareSale, Loan }

public enum DealStage { Angel, PreA, A, APlus, B, C, Strategic, Ipo, Acquisition, Other, Unknown }

public enum DealStatus { Completed, InProgress, Failed, Rumoured, Planned }

public enum ParticipantRole { Investor, Lead, Acquirer, Lender, Seller, Buyer }

public enum CommercialUse { Free, FreeWithRegistration, Paid, Unknown }

public enum EventKind { Founding, Funding, Acquisition, ModelRelease, ProductLaunch, IpoFiling, Personnel, Pivot, OpenSource, Licensing, Statement, Market, Other }

public enum Stance { For, Against, Mixed, Neutral }

public enum StatisticUnit { Count, Percent, CNY, USD, People, Tokens }

/// <summary>What a source is: an article quoted by substring, or a dataset (a table) quoted by row and column.</summary>
public enum SourceKind { Article, Dataset }

/// <summary>A dataset's confidence in a row's figures (Epoch AI's <c>Confidence</c> column).</summary>
public enum DatasetConfidence { Confident, Likely, Speculative, Unknown }

/// <summary>How a model can be used (Epoch AI's <c>Model accessibility</c> column).</summary>
public enum ModelAccessibility { OpenWeightsUnrestricted, OpenWeightsRestrictedUse, OpenWeightsNonCommercial, ApiAccess, HostedAccessNoApi, Unreleased }

public enum SubjectType { Organization, CampAssignment, Person, Role, Model, Deal, Event, Viewpoint, Statistic }

/// <summary>The API and seed spelling of every enum: kebab-case ("built-on-others", "a-plus"); currencies stay upper-case.</summary>
public static class ApiNames
{
    public static string ToApi<T>(this T value) where T : struct, Enum
    {
        var name = value.ToString();
        return typeof(T) == typeof(StatisticUnit) && name is "CNY" or "USD" ? name : JsonNamingPolicy.KebabCaseLower.ConvertName(name);
    }

    public static bool TryParseApi<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToApi(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static IReadOnlyList<string> AllApi<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => v.ToApi()).ToList();
}
