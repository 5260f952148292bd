// Small enhancements for pages that work without JavaScript. No framework: a few hundred
// bytes instead of React on a slow rural link (docs/decisions/006).
const PREVIEW_DELAY_MS = 400;

for (const source of document.querySelectorAll("textarea[data-preview-source]")) {
  const section = document.getElementById(source.dataset.previewSource);
  const body = section && section.querySelector("[data-preview-body]");
  if (!body) continue;
  let timer;
  let last = "";
  source.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = source.value;
      if (text === last) return;
      last = text;
      if (!text.trim()) {
        section.hidden = true;
        return;
      }
      try {
        const response = await fetch("/preview", { method: "POST", body: new URLSearchParams({ body: text }) });
        if (!response.ok) return;
        const { html } = await response.json();
        // The server's Markdown renderer is the only source of this HTML (raw HTML off, sanitised).
        body.innerHTML = html;
        section.hidden = false;
      } catch {
        // Offline or slow: the Preview button still works.
      }
    }, PREVIEW_DELAY_MS);
  });
}
