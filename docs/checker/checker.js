// The self-assessment page: talks to worker.js (Pyodide + the `checker` package)
// and renders its report. Python decides everything; this file only renders.
// User data only ever reaches the DOM through textContent / attributes, never as
// HTML, and never leaves the browser (no request carries it; drafts stay in
// localStorage).

const DRAFT_PREFIX = "cluster-checker/draft/v2/"; // + the tab's id
const LEGACY_DRAFT = "cluster-checker/draft/v1"; // one draft for every tab, before v2
const TAB_KEY = "cluster-checker/tab"; // in sessionStorage
const KEPT_DRAFTS = 10;
// What the note under the input says about drafts and checks.
const NOTE_WORDS = {
  not_saved: "草稿未能保存：浏览器的本地存储已满或已禁用，刷新或关闭本页后这些内容不会保留。请导出报告或另存数据。",
  other_tab: "另一个标签页修改了草稿：两个标签页现在各存各的草稿，互不覆盖。",
  cleared: "已清除：本标签页保存的草稿和结果已删除（其他标签页的草稿不受影响）。",
  rechecking: "已恢复草稿；草稿在上次校验之后改过，就绪后重新校验。",
  not_ready: "运行环境尚未就绪，请稍候再选择文件。",
  example_later: "示例随校验程序一起加载，请在就绪后再点一次。",
};
// What each input format is called comes with the page (api.page_meta: one place in Python).
function format_word(format) {
  return runtime.meta?.formats?.[format] || format;
}

// The pages' shared kit (assets/javascripts/, each at this build's ?v=, named by the
// page): the worker client (deadline, restart, one request at a time), the DOM helper,
// the report renderer and the start-up stages.
const app_root = document.querySelector("[data-checker-state]");
const kit = (name) => import(new URL(app_root.dataset[name], document.baseURI).href);
const [{ WorkerClient }, { el, q }, view, { show_stages }] = await Promise.all(
  ["kitUrl", "domUrl", "reportUrl", "stagesUrl"].map(kit),
);
// The 佐证材料清单 as a checklist (ticks kept with the draft, .docx/.xlsx downloads): evidence_list.js.
const { mount_evidence } = await import(new URL(app_root.dataset.evidenceUrl, document.baseURI).href);

// One worker per document: Material's instant navigation keeps the document,
// so coming back to this page reuses the already loaded runtime.
const runtime = {
  client: null,
  meta: null,
  listeners: new Set(),
};

function emit() {
  // The page's template (overrides/checker.html) holds Material's search index back
  // while Python loads; once it is ready (or has failed), search may have the CPU.
  if (runtime.client.state !== "loading" && typeof window.__checker_search_release === "function") {
    window.__checker_search_release();
  }
  for (const listener of runtime.listeners) listener();
}

function start_worker(url) {
  // The shared start-up (assets/javascripts/pyodide_start.js, loaded while the page
  // is parsed) has started it already and compiles the runtime for it.
  runtime.client = new WorkerClient(url, { on_change: emit, adopt: true });
  runtime.client.start();
}

function request(payload, transfer = []) {
  return runtime.client.request(payload, transfer);
}

// ---------------------------------------------------------------------------
// Drafts (localStorage): one per tab. The tab's id is kept in sessionStorage, so a
// reload finds this tab's draft and another tab never overwrites or clears it. A new
// tab continues the newest draft any tab left (saved under its own id once it
// changes). A duplicated tab starts with its original's id: the first time one of
// the two saves, the other hears the storage event, takes an id of its own and says
// so (NOTE_WORDS.other_tab). Only the newest KEPT_DRAFTS drafts are kept.

function random_id() {
  // crypto.randomUUID needs a secure context; a government intranet may serve http.
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
}

function stored(key) {
  try {
    const draft = JSON.parse(localStorage.getItem(key) || "null");
    return draft && typeof draft === "object" ? draft : null;
  } catch {
    return null;
  }
}

const drafts = {
  tab: null,

  key() {
    return DRAFT_PREFIX + this.tab;
  },

  // The draft this tab shows when it opens, or null.
  open() {
    let tab = null;
    try {
      tab = sessionStorage.getItem(TAB_KEY);
    } catch {
      // no sessionStorage: every load is a new tab
    }
    this.tab = tab || this.fork();
    if (tab) return stored(this.key());
    let all = [];
    try {
      all = Object.keys(localStorage).filter((key) => key.startsWith(DRAFT_PREFIX) || key === LEGACY_DRAFT);
    } catch {
      return null;
    }
    const found = all.map((key) => ({ key, draft: stored(key) })).filter((d) => d.draft);
    found.sort((x, y) => (Number(y.draft.saved) || 0) - (Number(x.draft.saved) || 0));
    for (const old of found.slice(KEPT_DRAFTS)) this.remove(old.key);
    return found.find((d) => typeof d.draft.text === "string" && d.draft.text.trim())?.draft || null;
  },

  // A new id for this tab (its later saves go there).
  fork() {
    this.tab = random_id();
    try {
      sessionStorage.setItem(TAB_KEY, this.tab);
    } catch {
      // the id lasts as long as the page
    }
    return this.tab;
  },

  // True when saved; false when the browser refused (storage full or disabled).
  save(draft) {
    try {
      localStorage.setItem(this.key(), JSON.stringify({ ...draft, saved: Date.now() }));
      return true;
    } catch {
      return false;
    }
  },

  remove(key = this.key()) {
    try {
      localStorage.removeItem(key);
    } catch {
      // nothing stored
    }
  },
};

// ---------------------------------------------------------------------------
// Rendering the report

// The report's links to the standard's clauses and the reading page.
function links_of(root) {
  return { standard: root.dataset.standardUrl, method: root.dataset.methodUrl };
}

function field_label(field) {
  if (field === "input") return "输入内容"; // a finding about the whole input
  const labels = runtime.meta?.labels || {};
  return labels[field] || field;
}

function select_in_input(root, texts) {
  const input = q(root, "data-checker-input");
  for (const text of texts) {
    if (!text) continue;
    const at = input.value.indexOf(text);
    if (at >= 0) {
      input.focus();
      input.setSelectionRange(at, at + text.length);
      return true;
    }
  }
  input.focus();
  return false;
}

function field_link(root, field, raw) {
  const link = el("a", { href: "#checker-input", class: "checker-field", title: field, text: field_label(field) });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const parts = field.split(".");
    select_in_input(root, [raw, field, parts.length > 2 ? parts.slice(0, -1).join(".") : null, field_label(field)]);
  });
  return link;
}

function render_list(root, hook, items, empty, make) {
  const box = q(root, hook);
  box.replaceChildren();
  if (!items || items.length === 0) {
    box.append(el("p", { class: "checker-empty", text: empty }));
    return;
  }
  box.append(el("ul", { class: "checker-list" }, ...items.map(make)));
}

// `info.name`: the file the report came from; `info.reveal`: scroll the verdict into
// view (after a file is read, a paste or an asked check; not while typing).
function render_report(root, report_json, info = {}) {
  let report;
  try {
    report = JSON.parse(report_json);
  } catch (error) {
    show_problem(root, "报告无法解析", String(error));
    return;
  }
  const meta = runtime.meta || {};
  const result = q(root, "data-checker-result");
  const verdict = q(root, "data-checker-verdict");
  verdict.dataset.verdict = report.verdict;
  q(root, "data-checker-header").replaceChildren(view.header_view(meta, report, info.name || "粘贴或输入的内容"));
  q(root, "data-checker-verdict-word").textContent = view.verdict_word(meta, report.verdict);
  q(root, "data-checker-verdict-text").textContent = view.verdict_note(meta, report.verdict);
  const score = report.score || {};
  q(root, "data-checker-verdict-meta").textContent =
    [`硬性指标通过 ${score.passed ?? 0} / ${score.total ?? 0} 项`, `识别为：${format_word(report.input_format)}`].join("　·　");
  q(root, "data-checker-failing").replaceChildren(view.failing_view(meta, report) || "");
  q(root, "data-checker-score").replaceChildren(...view.score_rows(meta, report));
  q(root, "data-checker-checks").replaceChildren(...view.checks_view(meta, report, links_of(root)));
  render_list(root, "data-checker-findings", report.findings, "没有发现数据问题。", (finding) =>
    el(
      "li",
      { "data-finding-id": finding.id, "data-field": finding.field || "" },
      finding.field ? field_link(root, finding.field, finding.raw) : el("strong", { text: "整体" }),
      finding.raw !== undefined && finding.raw !== null && finding.raw !== "" ? el("span", { class: "checker-raw" }, "（原文：", el("code", { text: finding.raw }), "）") : null,
      el("span", { text: `：${finding.message || ""}` }),
    ),
  );
  const normalised = report.normalised || [];
  const norm_box = q(root, "data-checker-normalised");
  norm_box.replaceChildren();
  if (normalised.length === 0) {
    norm_box.append(el("p", { class: "checker-empty", text: "没有需要规范的写法。" }));
  } else {
    const body = el("tbody");
    for (const item of normalised) {
      body.append(
        el(
          "tr",
          { "data-field": item.field || "" },
          el("td", { "data-label": "栏目" }, item.field ? field_link(root, item.field, item.raw) : "—"),
          el("td", { "data-label": "原文" }, el("code", { text: item.raw ?? "" })),
          el("td", { "data-label": "读作" }, el("code", { text: item.value ?? "" })),
          el("td", { "data-label": "处理", text: item.how || "" }),
          el("td", { "data-label": "位置", class: "checker-source", text: item.source || "—" }),
        ),
      );
    }
    norm_box.append(
      el(
        "div",
        { class: "checker-table-wrap" },
        el(
          "table",
          { class: "checker-normalised report-stack" },
          el("thead", {}, el("tr", {}, ...["栏目", "原文", "读作", "处理", "位置"].map((h) => el("th", { text: h })))),
          body,
        ),
      ),
    );
  }
  result.hidden = false;
  root.dataset.checkerReport = "shown";
  q(root, "data-checker-export").disabled = false;
  q(root, "data-checker-print").disabled = false;
  // The header first: the cluster's name, then the verdict (report.css keeps both
  // clear of Material's fixed header).
  if (info.reveal) q(root, "data-checker-header").scrollIntoView({ block: "start" });
}

function show_problem(root, message, cause) {
  const note = q(root, "data-checker-note");
  note.textContent = cause ? `${message}（${cause}）` : message;
  note.classList.add("is-problem");
}

// ---------------------------------------------------------------------------
// The page

function mount(root) {
  if (root.dataset.checkerMounted) return;
  root.dataset.checkerMounted = "true";
  // Labels, rule titles and the example come with the page (written at build
  // time from the checker package), so a restored draft renders complete at once.
  const meta_node = root.querySelector("script[data-app-meta]");
  if (!runtime.meta && meta_node) runtime.meta = JSON.parse(meta_node.textContent);
  const worker_url = new URL(root.dataset.workerUrl, document.baseURI).href;
  const input = q(root, "data-checker-input");
  const run = q(root, "data-checker-run");
  const example = q(root, "data-checker-example");
  const file = q(root, "data-checker-file");
  const note = q(root, "data-checker-note");
  const note_text = note.textContent;
  // `checked`: the text the report was made from (a file's report: the text area's
  // text then), so a draft whose text changed since is checked again, never shown
  // beside an old verdict.
  let current = { text: "", report: null, checked: "", source: "text", name: "" };
  mount_evidence(root, { drafts, request, report: () => current.report, el, words: runtime.meta?.words?.evidence }); // renders [data-checker-evidence]
  let latest = 0;
  let wanted = false; // a check was asked before the runtime was ready
  let shown_with_meta = Boolean(runtime.meta);
  let timer = 0;
  let save_failed = false;
  let reveal_next = false; // the next report was asked for (a paste, 开始校验, 填入示例): show its verdict

  function update_status() {
    if (runtime.meta && !shown_with_meta && current.report) {
      // A draft's report was shown before the rule titles and aspect names
      // arrived with the runtime: show it again, complete.
      render_report(root, current.report, { name: current.name });
    }
    shown_with_meta = Boolean(runtime.meta);
    const client = runtime.client;
    root.dataset.checkerState = client.state;
    // Time from navigation to ready, read by bench/browser_bench.py.
    if (client.ready_ms !== undefined) root.dataset.readyMs = client.ready_ms.toFixed(1);
    root.dataset.checkerRestarts = String(client.restarts);
    const stage = client.stage;
    show_stages(q(root, "data-app-stages"), client);
    const status = q(root, "data-checker-status");
    const error = q(root, "data-checker-error");
    if (client.state === "error") {
      status.textContent = "加载失败。";
      error.hidden = false;
      q(root, "data-checker-error-message").textContent = client.error?.message || "加载失败";
      q(root, "data-checker-error-cause").textContent = client.error?.cause || "未知原因";
    } else {
      error.hidden = true;
      // Never 就绪 while the worker works on a request.
      status.textContent =
        client.state === "ready"
          ? client.busy
            ? "正在校验……"
            : "就绪：粘贴或修改数据后自动校验，也可点“开始校验”。"
          : `${stage ? stage.label : "下载运行环境"}……可以先粘贴数据，就绪后自动校验。`;
    }
    if (client.state === "ready" && pending_html) {
      wanted = false;
      convert_html();
    } else if (client.state === "ready" && wanted) {
      wanted = false;
      check_now();
    }
  }

  // Saves this tab's draft; the note says so when the browser refuses.
  function store() {
    const saved = drafts.save({ text: input.value, report: current.report, checked: current.checked, source: current.source, name: current.name });
    root.dataset.checkerDraft = saved ? "saved" : "not-saved";
    if (!saved) {
      save_failed = true;
      note.classList.add("is-problem");
      note.textContent = NOTE_WORDS.not_saved;
    } else if (save_failed) {
      save_failed = false;
      note.classList.remove("is-problem");
      note.textContent = note_text;
    }
  }

  // Another tab wrote this tab's draft: a duplicated tab, which began with this
  // tab's id. This tab takes an id of its own, so neither overwrites the other.
  window.addEventListener("storage", (event) => {
    if (event.storageArea !== localStorage || event.key !== drafts.key()) return;
    drafts.fork();
    store();
    if (!save_failed) {
      note.classList.add("is-problem");
      note.textContent = NOTE_WORDS.other_tab;
    }
  });

  async function check_now() {
    if (runtime.client.state !== "ready") {
      wanted = true;
      return;
    }
    const text = input.value;
    if (!text.trim()) return;
    const id = ++latest;
    root.dataset.checkerBusy = "true";
    const answer = await request({ check: text });
    if (id !== latest) return; // a newer check was asked meanwhile
    if (accepted(answer)) {
      current = { text, report: answer.report, checked: text, source: "text", name: "" };
      store();
      render_report(root, answer.report, { reveal: reveal_next });
      reveal_next = false;
    }
  }

  // The worker's answer: a report is shown by the caller, anything else as a problem.
  function accepted(answer) {
    delete root.dataset.checkerBusy;
    if (!["report", "file", "html"].includes(answer.type)) {
      show_problem(root, answer.message, answer.cause);
      return false;
    }
    reset_note();
    root.dataset.checkerMs = answer.ms.toFixed(1);
    return true;
  }

  function reset_note() {
    note.classList.toggle("is-problem", save_failed);
    note.textContent = save_failed ? NOTE_WORDS.not_saved : note_text;
  }

  // Every file goes to the worker as bytes: Python sniffs it (Word 申报表, .xlsx, .csv,
  // JSON, text in any encoding) and says what it is; only a text file's decoded text
  // comes back for the text area, so a binary file never lands there nor in the draft.
  async function check_file(name, buffer) {
    if (runtime.client.state !== "ready") {
      show_problem(root, NOTE_WORDS.not_ready, "");
      return;
    }
    const id = ++latest;
    root.dataset.checkerBusy = "true";
    delete root.dataset.checkerRefused;
    note.classList.remove("is-problem");
    note.textContent = `正在读取 ${name}……`;
    const answer = await request({ file: buffer, name }, [buffer]);
    if (id !== latest) return;
    if (answer.type !== "file") {
      accepted(answer);
      return;
    }
    const result = JSON.parse(answer.result);
    if (result.refused) {
      delete root.dataset.checkerBusy;
      root.dataset.checkerRefused = result.refused;
      show_problem(root, `无法读取 ${name}：${result.refused}`, "");
      return;
    }
    delete root.dataset.checkerRefused;
    if (!accepted(answer)) return;
    if (typeof result.text === "string") {
      input.value = result.text;
      current = { text: result.text, report: result.report, checked: result.text, source: "text", name };
    } else {
      current = { text: input.value, report: result.report, checked: input.value, source: "file", name };
    }
    store();
    render_report(root, result.report, { name, reveal: true });
  }

  // Paste keeps the table: the clipboard's text/html flavour (Word, WPS, Excel,
  // LibreOffice, browsers) is read by Python, never inserted into the page. The plain
  // text shows at once; once Python has read the HTML, its tables replace it as
  // tab-separated rows (which read back alike) and the report is the table's.
  let pending_html = null;

  async function convert_html() {
    const job = pending_html;
    if (!job || runtime.client.state !== "ready") return;
    pending_html = null;
    const id = ++latest;
    root.dataset.checkerBusy = "true";
    const answer = await request({ html: job.html });
    if (id !== latest) return;
    const result = answer.type === "html" ? JSON.parse(answer.result) : null;
    if (!result || !result.report) {
      delete root.dataset.checkerBusy;
      check_now(); // no table in it: the plain text is what was pasted
      return;
    }
    if (!accepted(answer)) return;
    const here = input.value.slice(job.start, job.start + job.plain.length);
    if (here === job.plain) {
      input.value = input.value.slice(0, job.start) + result.text + input.value.slice(job.start + job.plain.length);
    }
    const whole = job.start === 0 && input.value === result.text;
    current = { text: input.value, report: whole ? result.report : null, checked: whole ? input.value : "", source: "text", name: "" };
    store();
    if (whole) {
      root.dataset.checkerPaste = "html";
      render_report(root, result.report, { reveal: true });
    } else {
      check_now(); // pasted into other text: check all of it
    }
  }

  // Every paste is asked for: show its verdict. A table (the text/html flavour) comes
  // from pyodide_start.js, which keeps it even when pasted before this script ran.
  input.addEventListener("paste", () => {
    reveal_next = true;
  });
  function table_pasted(job) {
    reveal_next = true;
    clearTimeout(timer);
    pending_html = job;
    current = { ...current, text: input.value };
    store();
    if (runtime.client && runtime.client.state === "ready") convert_html();
    else wanted = false; // convert_html runs once ready (update_status)
  }

  function schedule() {
    clearTimeout(timer);
    current = { ...current, text: input.value };
    store();
    timer = setTimeout(check_now, 250);
  }

  input.addEventListener("input", schedule);
  run.addEventListener("click", () => {
    clearTimeout(timer);
    reveal_next = true;
    check_now();
  });
  example.addEventListener("click", () => {
    if (!runtime.meta) {
      show_problem(root, NOTE_WORDS.example_later, "");
      return;
    }
    input.value = runtime.meta.example;
    reveal_next = true;
    schedule();
  });
  async function take_file(chosen) {
    if (!chosen) return;
    clearTimeout(timer); // the file's report, not a text check typed just before, is shown
    const started = performance.now();
    await check_file(chosen.name, await chosen.arrayBuffer());
    // From the file chosen to its report shown, read by bench/docx_bench.py.
    root.dataset.checkerFileMs = (performance.now() - started).toFixed(1);
  }
  file.addEventListener("change", async () => {
    const chosen = file.files && file.files[0];
    file.value = "";
    await take_file(chosen);
  });
  // Drag and drop a file onto the input area: read exactly as the picker reads it.
  const drop_zone = q(root, "data-checker-drop") || input;
  for (const type of ["dragenter", "dragover"]) {
    drop_zone.addEventListener(type, (event) => {
      if (![...(event.dataTransfer?.types || [])].includes("Files")) return;
      event.preventDefault();
      drop_zone.classList.add("is-over");
    });
  }
  drop_zone.addEventListener("dragleave", () => drop_zone.classList.remove("is-over"));
  drop_zone.addEventListener("drop", async (event) => {
    const files = event.dataTransfer?.files;
    if (!files || !files.length) return; // dropped text: the browser inserts it
    event.preventDefault();
    drop_zone.classList.remove("is-over");
    await take_file(files[0]);
  });
  q(root, "data-checker-clear").addEventListener("click", () => {
    clearTimeout(timer);
    latest++;
    drafts.remove(); // this tab's only
    input.value = "";
    file.value = "";
    current = { text: "", report: null, checked: "", source: "text", name: "" };
    q(root, "data-checker-result").hidden = true;
    q(root, "data-checker-verdict").dataset.verdict = "";
    for (const hook of ["data-checker-checks", "data-checker-findings", "data-checker-evidence", "data-checker-normalised", "data-checker-score"]) {
      q(root, hook).replaceChildren();
    }
    delete root.dataset.checkerReport;
    delete root.dataset.checkerBusy;
    q(root, "data-checker-export").disabled = true;
    q(root, "data-checker-print").disabled = true;
    save_failed = false;
    note.classList.remove("is-problem");
    note.textContent = NOTE_WORDS.cleared;
    input.focus();
  });
  q(root, "data-checker-export").addEventListener("click", () => {
    if (!current.report) return;
    const blob = new Blob([current.report], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "集群自评报告.json" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  q(root, "data-checker-print").addEventListener("click", () => window.print());
  // A fresh worker, so nothing half-loaded is reused.
  q(root, "data-checker-retry").addEventListener("click", () => runtime.client.restart());

  // Restore the draft before anything else, so a reload shows text and result at
  // once; unless something was already pasted before this script ran: keep that.
  const early = input.value;
  const draft = drafts.open();
  if (early) {
    current = { ...current, text: early };
    store();
    wanted = true;
  }
  // Tables pasted before this script ran first, as if pasted now, then each new one.
  window.pyodide_runtime?.on_table_paste(table_pasted);
  if (draft && !early) {
    input.value = typeof draft.text === "string" ? draft.text : "";
    const report = typeof draft.report === "string" ? draft.report : null;
    // A report is shown only beside the text it was made from: a draft saved after
    // an edit but before its check (within the 250 ms) is checked again once ready.
    const fresh = report !== null && draft.checked === input.value;
    current = {
      text: input.value,
      report: fresh ? report : null,
      checked: fresh ? input.value : "",
      source: draft.source === "file" || draft.source === "xlsx" ? "file" : "text",
      name: typeof draft.name === "string" ? draft.name : "",
    };
    if (fresh) {
      render_report(root, current.report, { name: current.name });
    } else if (input.value.trim()) {
      wanted = true;
      note.textContent = NOTE_WORDS.rechecking;
    }
  }

  const listener = () => {
    if (!root.isConnected) {
      runtime.listeners.delete(listener);
      return;
    }
    update_status();
  };
  runtime.listeners.add(listener);
  if (!runtime.client) start_worker(worker_url);
  update_status();
}

function mount_all() {
  for (const root of document.querySelectorAll("[data-checker-state]")) mount(root);
}

// Material's instant navigation swaps pages without reloading this module:
// document$ emits on every page change (and at once for the first page).
if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mount_all);
} else {
  mount_all();
}
