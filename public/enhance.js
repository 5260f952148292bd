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

// Similar threads while a question's title is typed: the way out before asking again.
const SIMILAR_DELAY_MS = 400;
const similarSource = document.querySelector("[data-similar-source]");
const similarBox = document.querySelector("[data-similar-target]");
const similarList = similarBox && similarBox.querySelector("[data-similar-list]");
const confirmed = document.querySelector("[data-similar-confirmed]");
const titleInput = similarSource && similarSource.querySelector("input");
if (titleInput && similarList) {
  let timer;
  let last = "";
  titleInput.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const title = titleInput.value.trim();
      if (title === last || title.length < 3) return;
      last = title;
      try {
        const params = new URLSearchParams({ title, network: similarSource.dataset.similarSource });
        const response = await fetch(`/search/similar?${params}`);
        if (!response.ok) return;
        const similar = await response.json();
        similarList.replaceChildren(
          ...similar.map((s) => {
            const item = document.createElement("li");
            if (s.solved) {
              const badge = document.createElement("span");
              badge.className = "badge solved";
              badge.textContent = `✓ ${similarList.dataset.solvedLabel}`;
              item.append(badge, " ");
            }
            const link = document.createElement("a");
            link.href = s.url;
            link.textContent = s.title;
            const out = document.createElement("a");
            out.href = s.url;
            out.textContent = similarList.dataset.answersLabel;
            item.append(link, " — ", out);
            return item;
          }),
        );
        similarBox.hidden = similar.length === 0;
        // The teacher has seen the suggestions: publishing needs no second confirmation.
        if (confirmed && similar.length) confirmed.value = "1";
      } catch {
        // Search unavailable: asking still works.
      }
    }, SIMILAR_DELAY_MS);
  });
}

// The author's receipts refresh themselves: the same page is fetched again and only the receipts
// section is swapped. Paused while the tab is hidden, so a forgotten tab costs no data on a metered link.
const RECEIPTS_REFRESH_MS = 15_000;
const receipts = document.querySelector("[data-live-receipts]");
if (receipts) {
  setInterval(async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("[data-live-receipts]");
      const current = document.querySelector("[data-live-receipts]");
      // Our own server's page, parsed inertly (scripts in a DOMParser document never run).
      if (fresh && current) current.replaceWith(document.importNode(fresh, true));
    } catch {
      // Offline or slow: the "Refresh" link still works.
    }
  }, RECEIPTS_REFRESH_MS);
}
