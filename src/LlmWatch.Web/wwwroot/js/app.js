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

// Before the circuit starts (or without it), a page opened at a cited sentence (/sources/…?q=) scrolls it into view at once.
document.addEventListener('DOMContentLoaded', () => {
  const target = document.querySelector('.lw-sentence-target');
  if (target) target.scrollIntoView({ block: 'center' });
});
