// The 佐证材料清单 of the 在线自评 page as a checklist: the report's evidence items
// (Python groups them by the 申报表's parts, each once, with a stable id) under their
// part, each with a box to tick; the ticks are kept with this tab's draft and
// restored with it, a cleared draft clears them; 下载清单 asks the worker for the
// same list as .docx or .xlsx (checker.judge.evidence_files), ticked items marked 已备齐.
//
// checker.js calls mount_evidence once per page root. It renders into
// [data-checker-evidence] whenever the page shows a report (root's
// data-checker-report set to "shown"), and keeps the ticks in the draft object by
// wrapping the page's `drafts` store (open / save / remove). Text only, never HTML.

const TICKS = "evidence_ticks"; // the draft's field: ids of the ticked items
// Every word the list shows is the round's pack's (words.evidence, api.page_meta: the
// page's data island), templates filled here: {done} / {total}, {needs}.
function filled(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
const MIME = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function stored_ticks(draft) {
  const ids = draft && Array.isArray(draft[TICKS]) ? draft[TICKS] : [];
  return new Set(ids.filter((id) => typeof id === "string"));
}

// drafts: checker.js's per-tab draft store; request(payload): its worker client;
// report(): the report JSON string the page shows (or null); el: its DOM helper (text only);
// words: the pack's words.evidence (a missing word shows as its key, never silently blank).
export function mount_evidence(root, { drafts, request, report, el, words = {} }) {
  const box = root.querySelector("[data-checker-evidence]");
  const word = (key, values) => filled(words[key] ?? key, values);
  let ticks = new Set();

  // The ticks travel inside the draft: whatever the page saves carries them, the
  // draft a tab opens (its own, or the newest another tab left) brings them back,
  // and removing this tab's draft (清除) drops them.
  const { open, save, remove } = drafts;
  drafts.open = function () {
    const draft = open.call(this);
    ticks = stored_ticks(draft);
    return draft;
  };
  drafts.save = function (draft) {
    return save.call(this, { ...draft, [TICKS]: [...ticks] });
  };
  drafts.remove = function (key = this.key()) {
    if (key === this.key()) ticks = new Set();
    return remove.call(this, key);
  };

  function keep() {
    let draft = null;
    try {
      draft = JSON.parse(localStorage.getItem(drafts.key()) || "null");
    } catch {
      // unreadable: the page's next save writes a whole draft again
    }
    const { saved, ...rest } = draft && typeof draft === "object" ? draft : {};
    root.dataset.evidenceSaved = drafts.save(rest) ? "saved" : "not-saved";
  }

  function download_file(name, bytes, mime) {
    const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function download(format, status) {
    const shown = report();
    if (!shown) return;
    status.textContent = word("working");
    const answer = await request({ evidence: format, report: shown, ticked: JSON.stringify([...ticks]) });
    if (answer.type !== "evidence") {
      status.textContent = `${word("failed")}：${answer.message || ""}${answer.cause ? `（${answer.cause}）` : ""}`;
      return;
    }
    status.textContent = "";
    root.dataset.evidenceDownloaded = format;
    download_file(answer.name, answer.bytes, MIME[format]);
  }

  function render() {
    const shown = report();
    let items = [];
    try {
      items = shown ? JSON.parse(shown).evidence || [] : [];
    } catch {
      items = [];
    }
    box.replaceChildren();
    if (!items.length) {
      box.append(el("p", { class: "checker-empty", text: word("empty") }));
      return;
    }
    const count = el("span", { class: "checker-evidence-count", "data-evidence-count": true });
    const status = el("span", { class: "checker-evidence-status", role: "status" });
    const update = () => {
      const done = items.filter((item) => ticks.has(item.id)).length;
      count.textContent = word("done", { done, total: items.length });
    };
    const tools = el("div", { class: "checker-actions checker-evidence-tools" });
    for (const format of ["docx", "xlsx"]) {
      const button = el("button", { type: "button", class: "md-button", "data-evidence-download": format, text: word(`download_${format}`) });
      button.addEventListener("click", () => download(format, status));
      tools.append(button);
    }
    tools.append(count, status);
    box.append(el("p", { class: "checker-evidence-intro", text: word("intro") }), tools);
    let list = null;
    let part = null;
    for (const item of items) {
      if (!list || item.part?.key !== part) {
        part = item.part?.key;
        list = el("ul", { class: "checker-evidence-list", "data-evidence-part": part || "" });
        box.append(el("h4", { class: "checker-evidence-part", text: item.part?.title || "" }), list);
      }
      const tick = el("input", { type: "checkbox", "data-evidence-tick": item.id });
      tick.checked = ticks.has(item.id);
      tick.addEventListener("change", () => {
        if (tick.checked) ticks.add(item.id);
        else ticks.delete(item.id);
        update();
        keep();
      });
      list.append(
        el(
          "li",
          { "data-evidence-id": item.id, "data-field": item.field || "" },
          el("label", {}, tick, el("span", { class: "checker-evidence-label", text: item.label }), el("span", { class: "checker-evidence-needs", text: word("needs", { needs: item.needs }) })),
        ),
      );
    }
    update();
  }

  new MutationObserver(() => {
    if (root.dataset.checkerReport === "shown") render();
  }).observe(root, { attributes: true, attributeFilter: ["data-checker-report"] });
}
