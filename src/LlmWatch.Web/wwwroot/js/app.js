// This file runs before Blazor's script (App.razor) and starts Blazor itself (at the end): Blazor reads autostart from its own
// script element when it runs, so the attribute is set here rather than written into the markup, where it is not valid HTML.
document.querySelector('script[src*="_framework/blazor.web"]')?.setAttribute('autostart', 'false');

// Small helpers the components call through JS interop; no inline script, so a strict CSP can stay on.
window.llmwatch = {
  setCookie(name, value) {
    document.cookie = `${encodeURIComponent(name)}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
  },
  // Brings a source sentence into view and flashes it; restarting the animation makes a second visit flash again.
  scrollToSentence(id) {
    const el = document.getElementById(id);
    if (!el) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
    el.classList.remove('lw-sentence-flash');
    void el.offsetWidth;
    el.classList.add('lw-sentence-flash');
    el.focus({ preventScroll: true });
  },
};

// A page opened at a cited sentence (/sources/…?q=) brings it into view and flashes it: on a full load and after every
// enhanced navigation (Blazor swaps the page in place, so DOMContentLoaded does not fire again).
function showSentenceTarget() {
  const target = document.querySelector('.lw-sentence-target');
  if (target && target.id) window.llmwatch.scrollToSentence(target.id);
}
document.addEventListener('DOMContentLoaded', showSentenceTarget);

// A citation's card opens below its number, starting at its left edge (CSS only, widgets.css). A number near the right edge of
// the screen would open a card that runs off it, cut where the page ends: as it opens (hover, or keyboard focus), the card moves
// back inside the window. Without this script it opens as before.
const cardMargin = 8;
function keepCardOnScreen(event) {
  const item = event.target instanceof Element ? event.target.closest('.lw-citation-item') : null;
  const card = item?.querySelector('.lw-citation-card');
  if (!card) return;
  requestAnimationFrame(() => {
    card.style.left = '';
    const box = card.getBoundingClientRect();
    if (box.width === 0) return;   // not open (the pointer left before the frame)
    const right = document.documentElement.clientWidth - cardMargin;
    let shift = box.right > right ? right - box.right : 0;
    if (box.left + shift < cardMargin) shift = cardMargin - box.left;
    if (shift !== 0) card.style.left = `${shift}px`;
  });
}
document.addEventListener('mouseover', keepCardOnScreen);
document.addEventListener('focusin', keepCardOnScreen);

// A filter form marked data-lw-autosubmit applies a changed field at once: a select or box when picked, a text field when the
// reader leaves it or presses Enter. requestSubmit goes through Blazor's enhanced navigation, so the page does not reload.
// The pickers' own inputs (MudBlazor islands) have no name and navigate themselves.
let lastSubmit = 0;
document.addEventListener('submit', (event) => {
  lastSubmit = Date.now();
  // Sending a filter form that asks for the page already shown (Enter pressed twice) changes nothing: no second history entry,
  // so Back leaves this view in one step.
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-lw-autosubmit') || form.method.toLowerCase() !== 'get') return;
  const target = new URL(form.action, location.href);
  target.search = new URLSearchParams(new FormData(form)).toString();
  if (target.href === new URL(location.href).href) event.preventDefault();
}, true);
document.addEventListener('change', (event) => {
  const field = event.target;
  if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement) || !field.name) return;
  const form = field.closest('form[data-lw-autosubmit]');
  if (!form) return;
  const changedAt = Date.now();
  // Enter in a text field fires change and then submits the form itself: one navigation, not two history entries.
  setTimeout(() => {
    if (lastSubmit >= changedAt || !form.checkValidity()) return;
    submitFilter(form);
  }, 0);
});

// While Blazor is starting, a plain submission would be cancelled by the history entry Blazor writes as it starts (the address
// would not change): a choice made then waits for the start and goes through enhanced navigation. Without Blazor (its script
// failed or is absent) requestSubmit is the browser's own submission.
const waiting = new Set();
function submitFilter(form) {
  if (started || !blazorStarting) form.requestSubmit();
  else waiting.add(form);
}
function submitWaiting() {
  for (const form of waiting) if (form.isConnected) form.requestSubmit();
  waiting.clear();
}

// Empty fields of a filter form stay out of the address, so a shared link holds only the filters that are set.
document.addEventListener('formdata', (event) => {
  if (!(event.target instanceof HTMLFormElement) || !event.target.hasAttribute('data-lw-autosubmit')) return;
  for (const [name, value] of [...event.formData.entries()]) {
    if (value === '') event.formData.delete(name);
  }
});

// Blazor (marked autostart="false" above) starts here once the deferred scripts after this one (Blazor's, MudBlazor's) have run,
// as it would by itself.
let started = false;
let blazorStarting = false;
document.addEventListener('DOMContentLoaded', () => {
  if (!window.Blazor || typeof window.Blazor.start !== 'function') return;
  blazorStarting = true;
  window.Blazor.start().then(() => {
    started = true;
    window.Blazor.addEventListener('enhancedload', showSentenceTarget);
    submitWaiting();
  }, () => {
    blazorStarting = false;
    submitWaiting();
  });
});
