namespace LlmWatch.Web.Features.Funding;

/// <summary>The funding and valuation pages' strings (Resources/Features/Funding/FundingText*.resx).</summary>
public sealed class FundingText;
