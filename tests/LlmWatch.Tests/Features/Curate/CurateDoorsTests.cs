using System.Net;
using System.Reflection;
using LlmWatch.Tests.Infrastructure;
using LlmWatch.Web.Features.Curate;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlmWatch.Tests.Features.Curate;

[Collection(AppCollection.Name)]
public sealed class CurateDoorsTests(LlmWatchFactory app)
{
    public static IEnumerable<object[]> CurationPages() => new[]
    {
        ("/curate/sources/new", typeof(AddSourcePage), Policies.Editor),
        ("/curate/sources/huxiu-2023-08-02", typeof(ProposePage), Policies.Editor),
        ("/curate/mine", typeof(MyProposalsPage), Policies.Editor),
        ("/curate/proposals", typeof(ProposalsPage), Policies.Reviewer),
        ("/curate/proposals/1", typeof(ProposalPage), Policies.Curator),
    }.Select(p => new object[] { p.Item1, p.Item2, p.Item3 });

    [Theory]
    [MemberData(nameof(CurationPages))]
    public async Task A_signed_out_reader_is_sent_to_sign_in(string url, Type page, string policy)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        // The page names the narrowest policy that admits its people: an editor cannot open the review queue.
        var policies = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Policy).ToList();
        Assert.Contains(policy, policies);
        Assert.Contains(url.Split('/')[2], page.GetCustomAttribute<RouteAttribute>()!.Template);
    }
}
