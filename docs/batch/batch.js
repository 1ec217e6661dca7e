// The 批量初审 page: talks to worker.js (Pyodide + `checker.batch`) and renders the
// comparison. Python screens, orders and exports; this file only renders, sorts
// columns on request and hands files to the browser. User data reaches the DOM
// through textContent and attributes only, never as HTML, and never leaves the
// browser: the session (the dropped files and the last result) is kept in this
// browser's IndexedDB and removed by 清除全部.

const DB_NAME = "cluster-batch";
const DB_STORE = "session";
const DB_KEY = "current";
const VERDICT_RANK = { eligible: 0, incomplete: 1, not_eligible: 2 };
const STATUS_RANK = { fail: 0, missing: 1, warn: 2, pass: 3, info: 4 };
// What the page says when the browser does not keep the session (IndexedDB).
const STORAGE_WORDS = {
  full: "浏览器存储空间已满，本次结果不会保存：本页照常初审和导出，刷新或关闭页面后需要重新添加材料。",
  failed: "浏览器未能保存本次初审，刷新或关闭页面后需要重新添加材料",
};
// A file whose screening passed the worker's deadline (worker_client.js).
const BATCH_WORDS = {
  timed_out: (ms) => `${WORKER_WORDS.timeout}：读取和校验这个文件超过 ${ms / 1000} 秒仍未完成，已停止；其余文件不受影响。请把这个文件单独放到“在线自评”页检查，或报告这个问题。`,
};

// ---------------------------------------------------------------------------
// Workers: Pyodide checks one application at a time per worker, so a batch is
// split over the main worker and, on a machine with four cores or more, one or
// two helpers started once the main one is ready (they load from the browser cache).
// The main worker merges the parts and keeps the result for the exports.

const MAX_HELPERS = 2;

// The pages' shared kit (assets/javascripts/, each at this build's ?v=, named by the
// page): the worker client (deadline, restart, one request at a time), the DOM helper,
// the report renderer and the start-up stages.
const app_root = document.querySelector("[data-batch-state]");
const kit = (name) => import(new URL(app_root.dataset[name], document.baseURI).href);
const [{ WorkerClient, WORDS: WORKER_WORDS, deadline_ms }, { el, q }, view, { show_stages }] = app_root
  ? await Promise.all(["kitUrl", "domUrl", "reportUrl", "stagesUrl"].map(kit))
  : [{}, {}, {}, {}];
// The round's words and titles (api.page_meta), written into the page at build time.
const page_meta = app_root ? JSON.parse(app_root.querySelector("script[data-app-meta]").textContent) : {};

const pool = { main: null, helpers: [], listeners: new Set(), url: null };

function emit() {
  for (const listener of pool.listeners) listener();
}

// The main worker is the one the shared start-up (assets/javascripts/pyodide_start.js)
// started while the page was parsed; every worker gets its one compiled runtime module.
function start_client(main) {
  const client = new WorkerClient(pool.url, {
    adopt: main,
    on_change: () => {
      if (client === pool.main && client.state === "ready") start_helpers();
      emit();
    },
  });
  if (main) pool.main = client;
  client.start();
  return client;
}

function helper_count() {
  // ?workers=N asks for exactly N workers (for tests and measuring).
  const asked = Number(new URLSearchParams(location.search).get("workers"));
  if (asked >= 1) return Math.min(MAX_HELPERS, asked - 1);
  // One helper per two cores beyond the first two: the page, the browser and the
  // system need the rest, and each worker holds its own Python (~100 MB).
  return Math.min(MAX_HELPERS, Math.max(0, Math.floor((navigator.hardwareConcurrency || 1) / 2) - 1));
}

function start_helpers() {
  if (pool.helpers.length) return;
  for (let i = 0; i < helper_count(); i++) pool.helpers.push(start_client(false));
}

// 重试 after a failed load: every worker afresh.
function restart() {
  for (const helper of pool.helpers) helper.stop();
  pool.helpers = [];
  pool.main.restart();
}

function when_ready() {
  if (pool.main.state === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const listener = () => {
      if (pool.main.state === "ready") {
        pool.listeners.delete(listener);
        resolve();
      }
    };
    pool.listeners.add(listener);
  });
}

// Items go to the workers one at a time, each to the next worker free, so each has
// its own deadline: a file past it is reported unreadable (BATCH_WORDS.timed_out)
// and the others are screened on the restarted worker. `items` is the page's list:
// a timed-out file is replaced there by its reason, so it is not read again.
// A helper that fails hands its item back to the main worker. Returns the merged
// result with reports.
async function screen_items(items) {
  const workers = [pool.main, ...pool.helpers.filter((rt) => rt.state === "ready")];
  const todo = items.map((item, index) => index);
  const parts = [];
  const send = (rt, index) => {
    const item = items[index];
    // A file already reported unreadable goes as its reason: it is not read again.
    const one = item.refused !== undefined ? { index, name: item.name, refused: item.refused }
      : item.text !== undefined ? { index, name: item.name, text: item.text } : { index, name: item.name, bytes: item.bytes.slice(0) };
    return rt.request({ part: [one] }, one.bytes ? [one.bytes] : []);
  };
  const python_ms = new Map(workers.map((rt) => [rt, 0]));
  let failed = null;
  const run = async (rt) => {
    while (todo.length && !failed) {
      const index = todo.shift();
      let answer = await send(rt, index);
      if (answer.type === "timeout") {
        // Once: should the fresh worker not answer in time either, the screening fails.
        items[index] = { name: items[index].name, refused: BATCH_WORDS.timed_out(deadline_ms) };
        answer = await send(rt, index);
      }
      if (answer.type !== "part" && rt !== pool.main) {
        todo.unshift(index); // the main worker takes it
        return;
      }
      if (answer.type !== "part") {
        failed = answer;
        return;
      }
      python_ms.set(rt, python_ms.get(rt) + answer.ms);
      parts.push(JSON.parse(answer.result));
    }
  };
  await Promise.all(workers.map(run));
  if (!failed && todo.length) await run(pool.main); // left by a failed helper
  if (failed) return failed;
  const reports = new Map();
  const light = parts.map((part) => ({
    rows: part.rows.map(({ report, ...row }) => {
      reports.set(row.id, report);
      return row;
    }),
    unreadable: part.unreadable,
  }));
  const merged = await pool.main.request({ merge: JSON.stringify(light) });
  if (merged.type !== "merged") return merged;
  const result = JSON.parse(merged.result);
  for (const row of result.rows) row.report = reports.get(row.id);
  return { type: "screened", result, workers: workers.length, python_ms: Math.max(...python_ms.values()) + merged.ms };
}

// ---------------------------------------------------------------------------
// Session storage (IndexedDB: files can be large and binary)

function open_db() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(DB_STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

// A transaction settles with complete, error or abort: a quota exceeded fires only
// abort (its error a QuotaExceededError), so all three are listened to.
async function db_do(mode, action) {
  const db = await open_db();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(DB_STORE, mode);
      const req = action(tx.objectStore(DB_STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error || req.error);
      tx.onabort = () => reject(tx.error || req.error || new DOMException("事务中止", "AbortError"));
    });
  } finally {
    db.close();
  }
}

// One operation at a time, in the order asked: each opens its own connection, so
// without this a save asked before 清除 could land after it.
let store_queue = Promise.resolve();
function queued(operation) {
  const done = store_queue.then(operation);
  store_queue = done.catch(() => undefined);
  return done;
}

function is_quota(error) {
  return error?.name === "QuotaExceededError" || /quota/i.test(error?.message || "");
}

// save resolves to null when saved, else to what the page says (STORAGE_WORDS);
// the page keeps working in memory either way.
const store = {
  load: () => queued(() => db_do("readonly", (s) => s.get(DB_KEY))).catch(() => undefined),
  save: (value) => queued(() => db_do("readwrite", (s) => s.put(value, DB_KEY))).then(
    () => null,
    (error) => {
      console.warn("保存会话失败", error);
      return is_quota(error) ? STORAGE_WORDS.full : `${STORAGE_WORDS.failed}（${error?.name || error}）`;
    }),
  clear: () => queued(() => db_do("readwrite", (s) => s.delete(DB_KEY))).catch(() => undefined),
};

// "68.20 亿元", "80.20%": as the checker's own messages write figures.
function figure(value, unit) {
  if (value === null || value === undefined || value === "") return "—";
  return unit ? `${value}${unit === "%" ? "" : " "}${unit}` : String(value);
}

// ---------------------------------------------------------------------------
// Columns: key, header, sort value, cell renderer

function columns(result) {
  const cols = [
    { key: "select", title: "选入汇总表", short: "选入", sortable: false },
    { key: "rank", title: "默认排名", short: "排名", sort: (r) => r.rank },
    { key: "name", title: "集群名称", sort: (r) => r.name, text: true },
    { key: "verdict", title: "结论", sort: (r) => VERDICT_RANK[r.verdict] },
    { key: "hard", title: "硬性指标通过", sort: (r) => r.hard.passed },
  ];
  for (const [aspect, title] of Object.entries(result.aspects)) {
    cols.push({ key: `aspect:${aspect}`, aspect, title: title.replace(/^[一二三四五六七八九十]+、/, ""), sort: (r) => STATUS_RANK[r.aspects[aspect]?.status] ?? 9 });
  }
  cols.push({ key: "findings", title: "问题数", sort: (r) => r.findings });
  for (const [check, title] of Object.entries(result.margin_titles)) {
    cols.push({ key: `margin:${check}`, check, title, sort: (r) => (r.margins[check]?.relative == null ? null : Number(r.margins[check].relative)) });
  }
  // A veto has no margin: it is weaker than any (checker.batch.screen.veto_of).
  cols.push({ key: "weakest", title: "最薄弱一项", sort: (r) => (!r.weakest ? null : r.weakest.relative == null ? -Infinity : Number(r.weakest.relative)) });
  return cols;
}

// A short visible header keeps narrow columns narrow; screen readers get the full one.
function label_of(col) {
  if (!col.short) return [col.title];
  return [el("span", { "aria-hidden": "true" }, col.short), el("span", { class: "batch-sr-only" }, col.title)];
}

function compare(col, dir) {
  return (a, b) => {
    const x = col.sort(a);
    const y = col.sort(b);
    // Empty values last whatever the direction; ties keep the default order.
    if (x === null || x === undefined) return y === null || y === undefined ? a.rank - b.rank : 1;
    if (y === null || y === undefined) return -1;
    const c = col.text ? String(x).localeCompare(String(y), "zh-Hans-CN") : x - y;
    return c === 0 ? a.rank - b.rank : c * dir;
  };
}

function status_cell(status, label, attrs = {}) {
  return el("td", { class: "batch-status-cell", "data-status": status || "", ...attrs },
    el("span", { class: `report-badge is-${status || "none"}` }, label || "—"));
}

function margin_cell(check, margin) {
  if (!margin) return el("td", { "data-margin": check }, "—");
  // Python worked out the band (colour) and the words; this only shows them.
  return el("td", { class: `batch-margin is-${margin.band}`, "data-margin": check, "data-relative": margin.relative ?? "" },
    el("span", { class: "batch-margin-value" }, margin.value == null ? view.status_word(page_meta, "missing") : figure(margin.value, margin.unit)),
    margin.room ? el("span", { class: "batch-margin-room" }, margin.room) : null);
}

// ---------------------------------------------------------------------------
// The page

function setup(root) {
  const state = { items: [], result: null, sort: null, selected: new Set(), open: null, bureau: "", contact: "", ms: null, screening: false };
  const files_input = q(root, "data-batch-files");
  const drop = q(root, "data-batch-drop");
  const paste = q(root, "data-batch-paste");
  const bureau = q(root, "data-batch-bureau");
  const contact = q(root, "data-batch-contact");
  const note = q(root, "data-batch-note");
  const note_text = note.textContent;

  const storage_note = q(root, "data-batch-storage");

  async function save() {
    const problem = await store.save({
      items: state.items, result: state.result, sort: state.sort,
      selected: [...state.selected], open: state.open, bureau: state.bureau, contact: state.contact, paste: paste.value,
    });
    // What a reload would restore is an older session: better none than that.
    if (problem) await store.clear();
    root.dataset.batchSaved = problem ? "no" : "yes";
    storage_note.hidden = !problem;
    storage_note.textContent = problem || "";
  }

  function show_status() {
    root.dataset.batchState = pool.main.state;
    root.dataset.batchWorkersReady = String([pool.main, ...pool.helpers].filter((rt) => rt.state === "ready").length);
    root.dataset.batchWorkersStarted = String(1 + pool.helpers.length);
    show_stages(q(root, "data-app-stages"), pool.main);
    const status = q(root, "data-batch-status");
    const error = q(root, "data-batch-error");
    error.hidden = pool.main.state !== "error";
    if (pool.main.state === "error") {
      q(root, "data-batch-error-message").textContent = pool.main.error?.message || "加载失败";
      q(root, "data-batch-error-cause").textContent = pool.main.error?.cause || "未知原因";
      status.textContent = "初审程序未能加载。";
    } else if (pool.main.state === "ready") {
      // Never 就绪 while a worker works on a request (an export too).
      const busy = state.screening || [pool.main, ...pool.helpers].some((rt) => rt.busy);
      status.textContent = busy ? "正在初审……" : "就绪：可以添加申报材料。";
    } else {
      status.textContent = `${pool.main.stage?.label || "正在下载运行环境"}……可以先添加申报材料，就绪后自动初审。`;
    }
  }

  function ordered_rows() {
    const rows = [...state.result.rows];
    if (!state.sort) return rows;
    const col = columns(state.result).find((c) => c.key === state.sort.key);
    return col ? rows.sort(compare(col, state.sort.dir)) : rows;
  }

  function render_table() {
    const box = q(root, "data-batch-result");
    const result = state.result;
    if (!result) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const cols = columns(result);
    const head = q(root, "data-batch-head");
    const tr = el("tr");
    for (const col of cols) {
      const sorted = state.sort?.key === col.key ? (state.sort.dir > 0 ? "ascending" : "descending") : col.key === "rank" && !state.sort ? "ascending" : null;
      const th = el("th", { scope: "col", "data-col": col.key, "aria-sort": sorted });
      if (col.sortable === false) {
        th.append(...label_of(col));
      } else {
        const button = el("button", { type: "button", class: "batch-sort", "data-sort": col.key, title: col.title }, ...label_of(col),
          el("span", { class: "batch-sort-mark", "aria-hidden": "true" }, sorted === "ascending" ? " ▲" : sorted === "descending" ? " ▼" : ""));
        button.addEventListener("click", () => {
          const dir = state.sort?.key === col.key ? -state.sort.dir : 1;
          state.sort = col.key === "rank" && dir === 1 ? null : { key: col.key, dir };
          render_table();
          save();
        });
        th.append(button);
      }
      tr.append(th);
    }
    head.replaceChildren(tr);

    const body = q(root, "data-batch-body");
    body.replaceChildren(...ordered_rows().map((row) => {
      const line = el("tr", { "data-row-id": row.id, "data-batch-row": true, "data-verdict": row.verdict, "data-file": row.source, "data-rank": row.rank, class: state.open === row.id ? "is-open" : null });
      // The whole row opens the report for a mouse; keyboards use the name's button.
      line.addEventListener("click", (event) => {
        if (!event.target.closest("input, button, a, label")) open_report(row.id);
      });
      for (const col of cols) {
        if (col.key === "select") {
          const box = el("input", { type: "checkbox", "data-batch-select": row.id, "aria-label": `选入推荐汇总表：${row.name}`, checked: state.selected.has(row.id) });
          box.addEventListener("change", () => {
            if (box.checked) state.selected.add(row.id);
            else state.selected.delete(row.id);
            save();
          });
          line.append(el("td", { class: "batch-select" }, box));
        } else if (col.key === "rank") {
          line.append(el("td", { class: "batch-num" }, row.rank));
        } else if (col.key === "name") {
          const open = el("button", { type: "button", class: "batch-open", "data-batch-open": row.id }, row.name);
          open.addEventListener("click", () => open_report(row.id));
          line.append(el("th", { scope: "row", class: "batch-name" }, open, el("span", { class: "batch-source" }, row.source)));
        } else if (col.key === "verdict") {
          line.append(status_cell({ eligible: "pass", not_eligible: "fail", incomplete: "missing" }[row.verdict], row.verdict_label, { "data-cell": "verdict" }));
        } else if (col.key === "hard") {
          line.append(el("td", { class: "batch-num", "data-cell": "hard" }, `${row.hard.passed}/${row.hard.total}`));
        } else if (col.aspect) {
          const a = row.aspects[col.aspect];
          line.append(status_cell(a?.status, a ? `${a.label}${a.total ? `（${a.passed}/${a.total}）` : ""}` : "—", { "data-aspect": col.aspect }));
        } else if (col.key === "findings") {
          line.append(el("td", { class: "batch-num", "data-cell": "findings" }, row.findings));
        } else if (col.check) {
          line.append(margin_cell(col.check, row.margins[col.check]));
        } else if (col.key === "weakest") {
          line.append(row.weakest
            ? el("td", { "data-cell": "weakest", class: `batch-margin is-${row.weakest.band}` },
              el("span", {}, row.weakest.title), el("span", { class: "batch-margin-room" }, row.weakest.room))
            : el("td", { "data-cell": "weakest" }, "—"));
        }
      }
      return line;
    }));

    const bad = result.unreadable;
    q(root, "data-batch-unreadable-box").hidden = bad.length === 0;
    q(root, "data-batch-unreadable").replaceChildren(...bad.map((item) =>
      el("li", { "data-unreadable": item.source }, el("strong", {}, item.source), "：", item.reason)));

    const counts = { eligible: 0, not_eligible: 0, incomplete: 0 };
    for (const row of result.rows) counts[row.verdict] += 1;
    const parts = [`共 ${result.rows.length + bad.length} 份：符合 ${counts.eligible} 份，不符合 ${counts.not_eligible} 份，待补充 ${counts.incomplete} 份`];
    if (bad.length) parts.push(`无法读取 ${bad.length} 份`);
    if (state.ms !== null) parts.push(`本次初审用时 ${(state.ms / 1000).toFixed(2)} 秒`);
    const summary = q(root, "data-batch-summary");
    summary.textContent = parts.join("；") + "。";
    summary.dataset.batchMs = state.ms === null ? "" : state.ms.toFixed(1);
  }

  function open_report(id) {
    state.open = id;
    render_report();
    render_table();
    save();
    q(root, "data-batch-report-title").focus();
  }

  function render_report() {
    const section = q(root, "data-batch-report");
    const row = state.result?.rows.find((r) => r.id === state.open);
    if (!row) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    const report = row.report;
    const meta = page_meta;
    q(root, "data-batch-report-title").textContent = `完整报告：${row.name}`;
    const parts = [
      view.header_view(meta, report, row.source),
      el("div", { class: "report-verdict", "data-verdict": row.verdict, "data-batch-verdict": row.verdict },
        el("p", { class: "report-verdict-word" }, view.verdict_word(meta, row.verdict)),
        el("p", {}, view.verdict_note(meta, row.verdict)),
        el("p", { class: "report-verdict-meta" }, `识别为：${meta.formats?.[report.input_format] || report.input_format}　·　硬性指标通过 ${row.hard.passed}/${row.hard.total}　·　数据问题 ${row.findings} 个`),
        view.failing_view(meta, report)),
      ...view.checks_view(meta, report, { standard: root.dataset.standardUrl, method: root.dataset.methodUrl }),
    ];
    if (report.findings.length) {
      parts.push(el("h3", {}, "数据问题"), el("ul", { class: "batch-findings" }, ...report.findings.map((f) =>
        el("li", { "data-finding-id": f.id, "data-field": f.field || "" }, f.message, f.raw ? el("code", {}, f.raw) : null))));
    }
    q(root, "data-batch-report-body").replaceChildren(...parts);
  }

  async function screen() {
    if (!state.items.length) {
      state.result = null;
      render_table();
      render_report();
      return;
    }
    state.screening = true;
    const generation = (state.generation = (state.generation || 0) + 1);
    show_status();
    await when_ready();
    const started = performance.now();
    const answer = await screen_items(state.items);
    // Files added meanwhile started a newer screening: its result wins.
    if (generation !== state.generation) return;
    state.screening = false;
    if (answer.type !== "screened") {
      // Beside the status, not in the result box: that is hidden until a first result.
      const problem = q(root, "data-batch-problem");
      problem.textContent = `初审失败：${answer.message}（${answer.cause}）`;
      problem.hidden = false;
      show_status();
      await save(); // a file past the deadline is kept as its reason, not read again
      return;
    }
    q(root, "data-batch-problem").hidden = true;
    const previous = state.result;
    state.result = answer.result;
    state.ms = performance.now() - started;
    root.dataset.batchRoundtripMs = state.ms.toFixed(1);
    root.dataset.batchPythonMs = answer.python_ms.toFixed(1);
    root.dataset.batchWorkers = String(answer.workers);
    // 市州经信部门 and 联系人 the applications agree on fill the fields the reviewer left empty.
    for (const [input, key, field] of [[bureau, "bureau", "bureau"], [contact, "contact", "bureau_contact"]]) {
      const given = state.result.summary_defaults?.[field] || "";
      if (given && !state[key].trim()) input.value = state[key] = given;
    }
    // New rows are preselected when eligible; earlier choices are kept.
    const known = new Set(previous ? previous.rows.map((r) => r.id) : []);
    for (const row of state.result.rows) if (!known.has(row.id) && row.verdict === "eligible") state.selected.add(row.id);
    // A file reported unreadable keeps its reason, not its bytes: the saved session
    // stays small and the file is not read again at every page load.
    for (const bad of state.result.unreadable) {
      const item = state.items[bad.seq[0]];
      if (item && item.bytes && bad.seq[1] === 0) state.items[bad.seq[0]] = { name: item.name, refused: bad.reason };
    }
    const ids = new Set(state.result.rows.map((r) => r.id));
    state.selected = new Set([...state.selected].filter((id) => ids.has(id)));
    if (!ids.has(state.open)) state.open = null;
    render_table();
    render_report();
    show_status();
    await save();
    root.dataset.batchScreened = String(state.result.rows.length + state.result.unreadable.length);
  }

  function same_file(a, b) {
    if (a.name !== b.name || !a.bytes || !b.bytes || a.bytes.byteLength !== b.bytes.byteLength) return false;
    const x = new Uint8Array(a.bytes);
    const y = new Uint8Array(b.bytes);
    return x.every((v, i) => v === y[i]);
  }

  async function add_files(list) {
    const read = await Promise.all([...list].map(async (file) => ({ name: file.name, bytes: await file.arrayBuffer() })));
    // The same file dropped twice is screened once.
    const items = read.filter((item, i) => !state.items.some((old) => same_file(old, item)) && !read.slice(0, i).some((old) => same_file(old, item)));
    const skipped = read.length - items.length;
    note.textContent = skipped ? `已跳过 ${skipped} 个重复的文件（文件名和内容都与已载入的相同）。` : note_text;
    if (!items.length) return;
    state.items.push(...items);
    await save();
    await screen();
  }

  files_input.addEventListener("change", async () => {
    const files = [...files_input.files];
    files_input.value = "";
    await add_files(files);
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("is-over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("is-over"));
  drop.addEventListener("drop", async (event) => {
    event.preventDefault();
    drop.classList.remove("is-over");
    await add_files(event.dataTransfer?.files || []);
  });
  q(root, "data-batch-add-paste").addEventListener("click", async () => {
    const text = paste.value;
    if (!text.trim()) return;
    const n = state.items.filter((i) => i.text !== undefined).length + 1;
    state.items.push({ name: `粘贴的内容 ${n}`, text });
    paste.value = "";
    await save();
    await screen();
  });
  paste.addEventListener("input", () => save());
  q(root, "data-batch-clear").addEventListener("click", async () => {
    // A screening still running (e.g. of a restored session) must not bring the
    // cleared rows back when it answers: it belongs to an older generation now.
    state.generation = (state.generation || 0) + 1;
    state.screening = false;
    Object.assign(state, { items: [], result: null, sort: null, selected: new Set(), open: null, ms: null });
    paste.value = "";
    q(root, "data-batch-problem").hidden = true;
    q(root, "data-batch-export-findings").replaceChildren();
    render_table();
    render_report();
    show_status();
    await store.clear();
    root.dataset.batchScreened = "0";
  });
  for (const [input, key] of [[bureau, "bureau"], [contact, "contact"]]) {
    input.addEventListener("input", () => {
      state[key] = input.value;
      save();
    });
  }
  q(root, "data-batch-retry").addEventListener("click", () => restart());
  q(root, "data-batch-print").addEventListener("click", () => window.print());

  for (const button of root.querySelectorAll("[data-batch-export]")) {
    button.addEventListener("click", async () => {
      if (!state.result) return;
      const [kind, format] = button.dataset.batchExport.split("-");
      const shown = ordered_rows().map((r) => r.id);
      const ids = kind === "summary" ? shown.filter((id) => state.selected.has(id)) : shown;
      const out = q(root, "data-batch-export-findings");
      if (kind === "summary" && !ids.length) {
        out.replaceChildren(el("p", {}, "请先在表中勾选要报送的集群。"));
        return;
      }
      await when_ready();
      const answer = await pool.main.request({ export: kind, ids, bureau: state.bureau, contact: state.contact, summary_name: root.dataset.summaryName });
      if (answer.type !== "exported") {
        out.replaceChildren(el("p", { class: "app-error" }, `${answer.message}（${answer.cause}）`));
        return;
      }
      const file = answer.files.find((f) => f.format === format);
      download(file);
      const notes = answer.findings.map((f) => el("li", { "data-export-finding": f.id }, f.message));
      out.replaceChildren(
        el("p", { "data-export-done": button.dataset.batchExport }, `已生成：${file.name}（${ids.length} 个集群）`),
        notes.length ? el("ul", {}, ...notes) : "");
    });
  }

  function download(file) {
    const url = URL.createObjectURL(new Blob([file.bytes], { type: file.mime }));
    const link = el("a", { href: url, download: file.name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  pool.listeners.add(show_status);
  show_status();

  // Restore the last session at once (table and report render before Python is
  // ready), then screen again when ready so the worker holds it for exports.
  store.load().then(async (saved) => {
    if (saved) {
      Object.assign(state, {
        items: saved.items || [], result: saved.result || null, sort: saved.sort || null,
        selected: new Set(saved.selected || []), open: saved.open ?? null, bureau: saved.bureau || "", contact: saved.contact || "",
      });
      bureau.value = state.bureau;
      contact.value = state.contact;
      paste.value = saved.paste || "";
      render_table();
      render_report();
    }
    root.dataset.batchRestored = saved ? "1" : "0";
    if (state.items.length) await screen();
  });
}

if (app_root) {
  pool.url = app_root.dataset.workerUrl;
  start_client(true);
  setup(app_root);
}
