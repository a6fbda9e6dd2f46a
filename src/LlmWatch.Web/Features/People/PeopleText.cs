namespace LlmWatch.Web.Features.People;

/// <summary>The people pages' strings (Resources/Features/People/PeopleText*.resx).</summary>
public sealed class PeopleText;
