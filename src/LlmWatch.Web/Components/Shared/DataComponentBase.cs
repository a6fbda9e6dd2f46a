using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LlmWatch.Web.Components.Shared;

/// <summary>
/// How a page reads its data: reuse what the prerender persisted when it answers the same question (same key),
/// else query with a token cancelled when the page goes away, and turn a data failure into the "data unavailable" notice.
/// A static reader page keeps its state in a plain property, not a <c>[PersistentState]</c> one: no circuit ever renders the page,
/// yet Blazor wrote every persisted value into the HTML, encrypted (incompressible), and handed it to the page's island circuit,
/// which held it unused (138 KB of /timeline's 324 KB, 63 KB of /funding's; JSON and encryption on every render).
/// </summary>
public abstract class DataComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>The request, when the page renders statically or prerenders: its abort (the reader left, or the request timed out) stops the load too.</summary>
    [CascadingParameter] private HttpContext? RequestContext { get; set; }

    /// <summary>
    /// Interactive loads of costly addresses pass the client's request limits here (README, "Doors"); absent (a component made
    /// outside a renderer), loads are not limited.
    /// </summary>
    [Inject] private IServiceProvider Services { get; set; } = default!;

    private Hosting.CostlyWorkGate? CostlyWork => Services?.GetService(typeof(Hosting.CostlyWorkGate)) as Hosting.CostlyWorkGate;

    /// <summary>The view (asOf, recordedAt) of the page's address, which every load runs inside; today's outside a page.</summary>
    protected LlmWatch.Data.DataView View => Services?.GetService<Features.AsOf.AsOfView>()?.Current ?? LlmWatch.Data.DataView.Today;

    /// <summary>An internal href under the page's view: asOf (and recordedAt) kept, by <see cref="Features.AsOf.AsOfLinks.Href"/>.</summary>
    protected string Link(string href) => Features.AsOf.AsOfLinks.Href(href, View);

    // The view the last load ran in: a state loaded for another view is never reused (the prerender's is the same address's).
    private LlmWatch.Data.DataView? _loadedView;

    /// <summary>True when the last load failed for want of data (or was refused as one too many); <see cref="DataState"/> then shows its notice.</summary>
    protected bool Failed { get; private set; }

    /// <summary>Cancelled when the component is disposed (the reader left the page or closed the tab).</summary>
    protected CancellationToken Aborted => _disposed.Token;

    /// <summary>
    /// The state for <paramref name="key"/>: <paramref name="current"/> when it already answers that key (restored from the
    /// prerender or loaded before), else a fresh load. Null when the data is unavailable (and <see cref="Failed"/> is set)
    /// or when the load found nothing.
    /// </summary>
    protected async Task<T?> LoadAsync<T>(T? current, string key, Func<T, string> keyOf, Func<CancellationToken, Task<T?>> load)
        where T : class
    {
        if (current is not null && keyOf(current) == key && (_loadedView is null || _loadedView == View))
        {
            Failed = false;
            return current;
        }
        return await LoadAsync(load);
    }

    /// <summary>A load with no persisted state to reuse (or whose reuse the page decides itself).</summary>
    protected async Task<T?> LoadAsync<T>(Func<CancellationToken, Task<T>> load)
        where T : class?
    {
        try
        {
            Failed = false;
            var view = View;
            _loadedView = view;
            using var scope = LlmWatch.Data.AsOfScope.Enter(view);
            if (RequestContext is not { } http)
            {
                // Interactive: no HTTP request (so no request limit) stands before this load; the client's limits do.
                var gate = CostlyWork;
                using var lease = gate is null ? null : await gate.EnterAsync(_disposed.Token);
                if (gate is not null && lease is null)
                {
                    Failed = true;
                    return default;
                }
                return await load(_disposed.Token);
            }
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token, http.RequestAborted);
            return await load(linked.Token);
        }
        catch (Exception e) when (DataState.IsDataFailure(e))
        {
            Failed = true;
            return default;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
