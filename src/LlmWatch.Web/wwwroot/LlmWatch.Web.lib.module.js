// Blazor's JS initializer for this app (found by its name, <assembly>.lib.module.js). Blazor awaits beforeServerStart just before
// it starts a circuit: on a page with an island (a picker) or in the editor area, never on a page of links and forms.
// MudBlazor's script serves only live components, so it is loaded here rather than by every page: evaluating it was one of the
// longest tasks of a static page's load on a phone (Lighthouse), for nothing. App.razor names its fingerprinted address.
let mudBlazor;

export function beforeServerStart() {
  mudBlazor ??= new Promise((resolve, reject) => {
    const src = document.querySelector('script[data-mudblazor]')?.dataset.mudblazor;
    if (!src) {
      reject(new Error('No data-mudblazor address on the page: MudBlazor\'s script cannot be loaded.'));
      return;
    }
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`MudBlazor's script did not load: ${src}`));
    document.head.appendChild(script);
  });
  return mudBlazor;
}
