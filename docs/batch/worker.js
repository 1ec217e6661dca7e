// Module Web Worker of the 批量初审 page: the `checker` package in the site's own
// Pyodide, loaded by the same code as the self-assessment page's worker
// (docs/assets/javascripts/pyodide_boot.js): same runtime directory, same lock,
// same wheels, so a visitor's browser cache serves both pages. Nothing is
// fetched from elsewhere.
//
// Messages to the page:
//   {type: "progress", stage, step, steps, label}
//   {type: "ready", meta}                         meta = rule titles and aspects
//   {type: "error", stage, message, cause}        loading failed (page offers 重试)
//   {type: "part", id, result, ms}                result = JSON of this share's rows (unordered)
//   {type: "merged", id, result, ms}              result = JSON of the ordered screening
//   {type: "exported", id, kind, files, findings} files = [{name, mime, bytes}]
//   {type: "failed", id, message, cause}
// Messages from the page:
//   {id, part: [{index, name, text} | {index, name, bytes: ArrayBuffer} | {index, name, refused}]}
//   {id, merge: "<JSON of the parts, rows without their reports>"}
//   {id, export: "summary", ids, bureau, contact, summary_name} | {id, export: "comparison", ids}
//   (summary_name: the round's 附件1 file name, without suffix, from the page)
//   {retry: true}

const self_url = new URL(import.meta.url);
const version = self_url.searchParams.get("v") || "";
// The shared boot code carries this build's version too, so a browser never pairs
// a new worker with a cached old copy of it.
const boot_url = new URL("../assets/javascripts/pyodide_boot.js", import.meta.url);
if (version) boot_url.searchParams.set("v", version);
const { cause_of, serve } = await import(boot_url.href);
// openpyxl reads dropped .xlsx files and writes the exports: load it at once.
const PACKAGES = ["cluster-checker", "openpyxl"];
const COMPARISON_NAME = "批量初审对比表";
const MIME = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv;charset=utf-8",
};

// Python side: one session holds the last screening, so an export names row ids.
const PRELUDE = `
from checker.batch.read import Reported
from checker.batch.session import BatchSession

batch_session = BatchSession()

def batch_screen_part(items):
    triples = []
    for item in items.to_py():
        if item.get("refused") is not None:
            content = Reported(str(item["refused"]))
        elif item.get("text") is not None:
            content = item["text"]
        else:
            content = bytes(item["bytes"])
        triples.append((int(item["index"]), item["name"], content))
    return batch_session.screen_part(triples)
`;

function setup(pyodide) {
  pyodide.runPython(PRELUDE);
  return { meta: JSON.parse(pyodide.globals.get("batch_session").meta()) };
}

function idle(pyodide) {
  // One screening of the example right after "ready": what the checker does lazily
  // on first use (imports, compiled patterns) is paid before the first real one.
  pyodide.runPython("batch_session.warm_up()");
}

function as_bytes(proxy) {
  // A Python bytes object -> a transferable Uint8Array of its own.
  const view = proxy.toJs();
  proxy.destroy?.();
  return new Uint8Array(view);
}

function exported(py, data) {
  const session = py.globals.get("batch_session");
  const ids = py.toPy(data.ids || []);
  try {
    if (data.export === "summary") {
      const out = session.export_summary(ids, String(data.bureau || ""), String(data.contact || ""));
      const [xlsx, docx, findings] = [out.get(0), out.get(1), out.get(2)];
      out.destroy();
      return {
        files: [
          { format: "xlsx", name: `${data.summary_name}.xlsx`, mime: MIME.xlsx, bytes: as_bytes(xlsx) },
          { format: "docx", name: `${data.summary_name}.docx`, mime: MIME.docx, bytes: as_bytes(docx) },
        ],
        findings: JSON.parse(findings),
      };
    }
    const out = session.export_comparison(ids);
    const [xlsx, csv] = [out.get(0), out.get(1)];
    out.destroy();
    return {
      files: [
        { format: "xlsx", name: `${COMPARISON_NAME}.xlsx`, mime: MIME.xlsx, bytes: as_bytes(xlsx) },
        { format: "csv", name: `${COMPARISON_NAME}.csv`, mime: MIME.csv, bytes: as_bytes(csv) },
      ],
      findings: [],
    };
  } finally {
    ids.destroy();
    session.destroy();
  }
}

async function answer(py, data) {
  const { id } = data;
  try {
    if (data.part !== undefined) {
      const items = data.part.map((item) =>
        item.refused !== undefined
          ? { index: item.index, name: item.name, refused: item.refused }
          : item.text !== undefined
            ? { index: item.index, name: item.name, text: item.text }
            : { index: item.index, name: item.name, bytes: new Uint8Array(item.bytes) },
      );
      const started = performance.now();
      // The JS array arrives in Python as a JsProxy; batch_screen_part converts it.
      const result = py.globals.get("batch_screen_part")(items);
      postMessage({ type: "part", id, result, ms: performance.now() - started });
      return;
    }
    if (data.merge !== undefined) {
      const started = performance.now();
      const session = py.globals.get("batch_session");
      const result = session.merge(String(data.merge));
      session.destroy();
      postMessage({ type: "merged", id, result, ms: performance.now() - started });
      return;
    }
    if (data.export !== undefined) {
      const { files, findings } = exported(py, data);
      postMessage({ type: "exported", id, kind: data.export, files, findings }, files.map((f) => f.bytes.buffer));
      return;
    }
    postMessage({ type: "failed", id, message: "未知的请求", cause: JSON.stringify(Object.keys(data)) });
  } catch (error) {
    const message = data.export !== undefined ? "导出失败。" : "初审程序出错，未能生成结果。";
    postMessage({ type: "failed", id, message, cause: cause_of(error) });
  }
}

serve({ version, packages: PACKAGES, setup, idle, answer });
