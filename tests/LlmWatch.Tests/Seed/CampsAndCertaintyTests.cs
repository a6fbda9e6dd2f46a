using System.Text.RegularExpressions;
using LlmWatch.Data;
using LlmWatch.Data.Entities;
using LlmWatch.Data.Seed;
using LlmWatch.Data.Values;
using LlmWatch.Tests.Infrastructure;

namespace LlmWatch.Tests.Seed;

/// <summary>Issue 12 on the product's own data/: every player in a camp, "since" apart from "as of", figures as certain as the article.</summary>
public sealed partial class CampsAndCertaintyTests
{
    private static readonly Lazy<SeedSet> Set = new(() =>
    {
        var (set, errors) = SeedReader.Read(RepositoryData.Directory);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return set;
    });

    private static SeedSet S => Set.Value;

    [Fact]
    public void Every_camp_has_a_member_and_no_camp_is_kept_for_organisations_the_article_gives_no_route()
    {
        var camps = S.Camps.ToLookup(c => c.Camp);
        foreach (var camp in ApiNames.AllApi<Camp>()) Assert.NotEmpty(camps[camp]);

        var placed = S.Camps.Select(c => c.Organization).ToHashSet();
        // The article's organisations (a dataset's have no camp: camps are the article's judgement).
        var article = S.Organizations.Where(o => o.Dataset is null).ToList();
        var unplaced = article.Where(o => !placed.Contains(o.Slug)).ToList();
        Assert.True(unplaced.Count * 4 < article.Count, $"{unplaced.Count} of {article.Count} have no camp");
        // The article shows each of these training, adopting or building on models.
        foreach (var slug in new[] { "baichuan", "tencent", "meituan", "kuaishou", "ctrip", "eleme", "mobvoi", "kunlun-tech", "baai", "damo-academy", "huawei-cloud" })
            Assert.Contains(slug, placed);
    }

    [Fact]
    public void Baichuan_is_in_a_camp_with_its_basis_and_reason()
    {
        var camp = Assert.Single(S.Camps, c => c.Organization == "baichuan");

        Assert.Equal("general", camp.Camp);
        Assert.Equal("inferred", camp.Basis);
        Assert.Contains("Baichuan-13B", camp.ReasonZh);
        Assert.Contains(camp.Notes, n => n.En.Contains("vertical band", StringComparison.Ordinal));
    }

    [Fact]
    public void The_pure_application_examples_are_entries_named_after_their_products_marked_maker_not_named()
    {
        foreach (var slug in new[] { "miaoya-camera", "lensa" })
        {
            var organization = Assert.Single(S.Organizations, o => o.Slug == slug);
            Assert.Contains(organization.Notes, n => n.En.Contains("Maker not named in the source", StringComparison.Ordinal));
            Assert.Equal("application", Assert.Single(S.Camps, c => c.Organization == slug).Camp);
        }
    }

    [Fact]
    public void Investors_media_and_infrastructure_are_outside_the_routes_by_inference_with_a_reason()
    {
        foreach (var slug in new[] { "hillhouse", "meihua-venture", "tiger-global", "yunqi-partners", "mihoyo", "huxiu", "ai-jingxuanshe", "oneflow", "alibaba-cloud" })
        {
            var camp = Assert.Single(S.Camps, c => c.Organization == slug);
            Assert.Equal(("none", "inferred"), (camp.Camp, camp.Basis));
            Assert.False(string.IsNullOrWhiteSpace(camp.ReasonEn));
        }
        Assert.All(S.Organizations.Where(o => o.Kind == "investor"), o => Assert.Equal("none", S.Camps.Single(c => c.Organization == o.Slug).Camp));
    }

    [Fact]
    public void A_camp_is_as_of_its_source_and_starts_only_where_the_source_dates_the_start()
    {
        var dated = new Dictionary<string, string>
        {
            ["alibaba-general"] = "2019-09",
            ["minimax-general"] = "2021-11",
            ["li-ming-startup-built-on-others"] = "2023-06",
            ["guangnian-zhiwai-general"] = "2023",
            ["baichuan-general"] = "2023",
        };
        Assert.All(S.Camps, c =>
        {
            Assert.Equal("2023-08-02", c.AsOf);
            Assert.Equal(dated.GetValueOrDefault(c.Slug), c.From);
        });
    }

    [Fact]
    public void The_latest_camp_orders_by_start_then_as_of()
    {
        var since2019 = (From: (PartialDate?)new PartialDate(2019, 9), AsOf: (PartialDate?)new PartialDate(2023, 8, 2), Camp.General);
        var undatedLaterReport = (From: (PartialDate?)null, AsOf: (PartialDate?)new PartialDate(2024, 1), Camp.Application);
        var undatedEarlierReport = (From: (PartialDate?)null, AsOf: (PartialDate?)new PartialDate(2022, 1), Camp.Vertical);

        Assert.Equal(Camp.General, OrganizationFigures.LatestCamp([undatedLaterReport, since2019]));
        Assert.Equal(Camp.Application, OrganizationFigures.LatestCamp([undatedLaterReport, undatedEarlierReport]));
        Assert.Equal(Camp.Application, OrganizationFigures.LatestCamp([undatedEarlierReport, undatedLaterReport]));
    }

    [Fact]
    public void Hedged_figures_are_approximate_and_as_high_as_is_an_upper_bound()
    {
        var approximate = S.Statistics.Where(s => s.Value.Approximate).Select(s => s.Slug)
            .Concat(S.Models.Where(m => m.Parameters?.Approximate == true).Select(m => m.Slug))
            .Concat(S.Deals.Where(d => d.Amount?.Approximate == true || d.Valuation?.Approximate == true).Select(d => d.Slug))
            .ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "kunlun-tech-li-qiong-share-sale", "kunlun-tech-li-qiong-planned-sale-value", "chatgpt-midjourney-valuation", "caozhi",
            "vertical-model-parameter-scale", "ai-company-shareholder-divorces-2023", "li-ming-startup-headcount", "tongyi-project-headcount",
        }, approximate);
        var salary = S.Statistics.Single(s => s.Slug == "meituan-llm-director-salary").Value;
        Assert.Equal((0, 3_000_000L, "高达300万元", false), (salary.Min, salary.Max, salary.Text, salary.Approximate));
        Assert.Equal("≤ 300万元", new Money("CNY", salary.Min, salary.Max, salary.Text).Format(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
    }

    [GeneratedRegex(@"-(\d+)B$")]
    private static partial Regex SizeInName();

    [Fact]
    public void A_model_whose_name_states_its_size_carries_it_with_basis_name()
    {
        // The article's models (a dataset's carry the dataset's own count, with its confidence as the basis).
        var named = S.Models.Where(m => m.Dataset is null && SizeInName().IsMatch(m.Name)).ToList();
        Assert.Equal(["baichuan-13b", "chatglm-6b", "chatglm2-6b"], named.Select(m => m.Slug).Order());
        Assert.All(named, m =>
        {
            var size = long.Parse(SizeInName().Match(m.Name).Groups[1].Value) * 1_000_000_000;
            Assert.Equal((size, (long?)size), (m.Parameters!.Min, m.Parameters.Max));
            Assert.Equal("name", Assert.Single(m.Bases, b => b.Field == "parameters").Basis);
        });
    }

    [Fact]
    public void Foundings_the_article_places_by_context_carry_the_date_with_its_reason()
    {
        foreach (var slug in new[] { "baichuan", "guangnian-zhiwai" })
        {
            var organization = S.Organizations.Single(o => o.Slug == slug);
            Assert.Equal("2023", organization.FoundedOn);
            var basis = Assert.Single(organization.Bases, b => b.Field == "foundedOn");
            Assert.Equal("inferred", basis.Basis);
            Assert.False(string.IsNullOrWhiteSpace(basis.ReasonEn));
        }
    }

    [Theory]
    [InlineData("wang-xiaochuan", "baichuan")]
    [InlineData("ru-liyun", "baichuan")]
    [InlineData("wang-huiwen", "guangnian-zhiwai")]
    [InlineData("yuan-jinhui", "guangnian-zhiwai")]
    [InlineData("yang-hongtao", "wang-xiaochuan-hardware-startup")]
    [InlineData("yang-hongxia", "bytedance")]
    [InlineData("wang-xing", "meituan")]
    [InlineData("zhou-yahui", "kunlun-tech")]
    public void Founders_and_those_who_follow_them_have_a_role_there(string person, string organization) =>
        Assert.Contains(S.Roles, r => r.Person == person && r.Organization == organization);

    [Fact]
    public void A_role_said_in_passing_says_it_is_inferred()
    {
        var role = S.Roles.Single(r => r.Slug == "ru-liyun-baichuan");

        Assert.Equal("inferred", Assert.Single(role.Bases, b => b.Field == "organization").Basis);
        Assert.Contains(role.Citations, c => c.Quote == "追随王小川的大模型创业");
    }

    [Theory]
    [InlineData("si-luo", "Luo Si", "Si Luo")]
    [InlineData("jin-rong", "Rong Jin", "Jin Rong")]
    [InlineData("zhou-jingren", "Jingren Zhou", "Zhou Jingren")]
    [InlineData("yang-hongxia", "Hongxia Yang", "Yang Hongxia")]
    public void People_are_named_as_they_publish_with_the_other_order_as_an_alias(string slug, string nameEn, string alias)
    {
        var person = S.People.Single(p => p.Slug == slug);

        Assert.Equal(nameEn, person.NameEn);
        Assert.Contains(alias, person.Aliases);
        Assert.Equal("outside-knowledge", Assert.Single(person.Bases, b => b.Field == "nameEn").Basis);
    }
}
