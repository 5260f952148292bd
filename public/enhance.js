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

// Files: with JavaScript a chosen, dropped or pasted file is uploaded at once (the form's list
// shows it, a hidden input carries it to the publish); without, the file input goes with the form.
for (const field of document.querySelectorAll("[data-attachments]")) {
  const form = field.closest("form");
  const input = field.querySelector('input[type="file"]');
  const list = field.querySelector("[data-attached-list]");
  const zone = field.querySelector("[data-drop-zone]");
  if (!form || !input || !list) continue;
  const { uploadUrl, maxFiles, maxBytes, uploading, removeLabel, tooLarge, tooMany, failed } = field.dataset;
  field.querySelector("[data-drop-hint]")?.removeAttribute("hidden");
  field.querySelector("[data-upload-button]")?.setAttribute("hidden", "");
  const status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("aria-live", "polite");
  input.after(status);

  const showErrors = (messages) => {
    let box = field.querySelector(".field-errors");
    if (!messages.length) return box?.remove();
    if (!box) {
      box = document.createElement("ul");
      box.className = "field-errors";
      box.id = `${input.id}-error`;
      status.after(box);
      input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") ?? ""} ${box.id}`.trim());
    }
    box.replaceChildren(...messages.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
  };

  const addItem = (file) => {
    const item = document.createElement("li");
    if (file.thumb)
      item.append(
        Object.assign(document.createElement("img"), { src: file.thumb, alt: "", width: 48, height: 48, className: "attached-thumb" }),
      );
    const name = Object.assign(document.createElement("span"), { className: "attached-name", textContent: file.name });
    const facts = Object.assign(document.createElement("span"), { className: "muted", textContent: file.facts });
    const hidden = Object.assign(document.createElement("input"), { type: "hidden", name: "attachment", value: String(file.id) });
    const remove = Object.assign(document.createElement("button"), { type: "button", className: "link-button", textContent: removeLabel });
    remove.append(Object.assign(document.createElement("span"), { className: "visually-hidden", textContent: ` ${file.name}` }));
    item.append(name, " ", facts, hidden, " ", remove);
    list.append(item);
  };

  // A server-rendered "remove" submits the form without JavaScript; here it only takes the item off.
  list.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    event.preventDefault();
    button.closest("li")?.remove();
    input.focus();
  });

  const upload = async (files) => {
    // A screenshot pasted into an answer opens its closed file field, so the teacher sees it arrive.
    field.closest("details")?.setAttribute("open", "");
    const errors = [];
    const room = Number(maxFiles) - list.children.length;
    const chosen = [...files];
    if (chosen.length > room) errors.push(tooMany);
    for (const file of chosen.slice(0, Math.max(0, room))) {
      if (file.size > Number(maxBytes)) {
        errors.push(tooLarge.replace("{name}", file.name));
        continue;
      }
      status.textContent = uploading.replace("{name}", file.name);
      try {
        const body = new FormData();
        body.append("files", file, file.name || "image.png");
        const response = await fetch(uploadUrl, { method: "POST", body, credentials: "same-origin" });
        const answer = response.ok ? await response.json() : null;
        if (!answer) {
          errors.push(failed.replace("{name}", file.name));
          continue;
        }
        answer.attachments.forEach(addItem);
        errors.push(...answer.errors);
      } catch {
        // Offline: the file stays chosen and goes with the form when it is sent.
        status.textContent = "";
        return showErrors([...errors, failed.replace("{name}", file.name)]);
      }
    }
    status.textContent = "";
    input.value = "";
    showErrors(errors);
  };

  input.addEventListener("change", () => void upload(input.files));
  if (zone) {
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("dragging");
      if (event.dataTransfer?.files.length) void upload(event.dataTransfer.files);
    });
  }
  // A screenshot pasted into the text becomes an attachment; pasted text stays text.
  for (const area of form.querySelectorAll("textarea")) {
    area.addEventListener("paste", (event) => {
      const files = event.clipboardData?.files;
      if (!files?.length) return;
      event.preventDefault();
      void upload(files);
    });
  }
}
