// The end of every Pyodide harness (run_checker.mjs, run_batch.mjs): what the
// pages' workers do besides the checks, then, for the build's stdlib trim
// (site_hooks/stdlib_trim.py), the standard library modules the run imported.
//
// finish(pyodide): a Python error reaches JS formatted, as a worker's does for the
// page (Pyodide formats it with traceback, linecache, ...); then, when the
// environment names a file in PYODIDE_STDLIB_TRACE, writes there the JSON list of
// the standard library zip's members every imported module was loaded from.
import { writeFileSync } from "node:fs";

const LIST = `
import sys

def _stdlib_members():
    zip_path = next(p for p in sys.path if p.endswith(".zip")) + "/"
    found = set()
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or getattr(module, "__file__", None)
        if isinstance(origin, str) and origin.startswith(zip_path):
            found.add(origin[len(zip_path):])
    return sorted(found)

_stdlib_members()
`;

export function finish(pyodide) {
  try {
    pyodide.runPython("raise ValueError('a Python error, formatted for JS')");
  } catch (error) {
    if (!String(error.message).includes("Traceback")) throw new Error(`Python errors are not formatted: ${error.message}`);
  }
  const out = process.env.PYODIDE_STDLIB_TRACE;
  if (!out) return;
  const members = pyodide.runPython(LIST);
  writeFileSync(out, JSON.stringify(members.toJs()));
  members.destroy();
}
