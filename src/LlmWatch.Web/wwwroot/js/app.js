// Small helpers the components call through JS interop; no inline script, so a strict CSP can stay on.
window.llmwatch = {
  setCookie(name, value) {
    document.cookie = `${encodeURIComponent(name)}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
  },
};
