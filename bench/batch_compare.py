"""100 applications on the 批量初审 page of two built sites, alternated in one run (one
worker each, a fresh profile each time): the page's own round trip (data-batch-roundtrip-ms).

    .venv/bin/python -m bench.batch_compare OLD_SITE_DIR NEW_SITE_DIR [RUNS]

Used to compare one request per worker share (before the worker client) with one
request per application (each with its own deadline)."""
import functools, http.server, socketserver, sys, threading, statistics
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
from tests.batch.batch_apps import hundred_items
from tests.browser.browser_options import CONTEXT
from playwright.sync_api import sync_playwright



class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root):
    handler = functools.partial(Quiet, directory=root)
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}"

sites = {"old": serve(sys.argv[1]), "new": serve(sys.argv[2])}
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
items = [{"name": n, "mimeType": "application/octet-stream", "buffer": b} for n, b in hundred_items()]
got = {k: [] for k in sites}
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"])
    for r in range(runs):
        for name, origin in sites.items():
            ctx = browser.new_context(**CONTEXT)
            page = ctx.new_page(); page.set_default_timeout(180_000)
            page.goto(f"{origin}/batch/?workers=1")
            page.wait_for_selector("[data-batch-state='ready']", state="attached")
            page.wait_for_timeout(1000)
            page.set_input_files("[data-batch-files]", items)
            page.wait_for_function("() => document.querySelector('[data-batch-state]').dataset.batchScreened === '100'")
            got[name].append(float(page.get_attribute("[data-batch-state]", "data-batch-roundtrip-ms")))
            ctx.close()
    browser.close()
for name, ms in got.items():
    print(name, "roundtrip ms:", [round(x) for x in ms], "median", round(statistics.median(ms)))
print("new/old median ratio:", round(statistics.median(got["new"]) / statistics.median(got["old"]), 2),
      "pairwise:", [round(b / a, 2) for a, b in zip(got["old"], got["new"])])
