"""Options shared by the browser tests (a helper module, not a test).

``CONTEXT``: every test's browser context is Chinese, with the site's service worker
blocked. Registered, it would download the whole site in the background of every
test and add its requests to the logs; the tests of offline use (test_offline.py)
allow it.

The pages run under the site's strict Content-Security-Policy (no eval): give
``page.wait_for_function`` an arrow function ("() => …"), never an expression
string, which Playwright evaluates with eval once it has to poll.

``WASM``: the route pattern of the runtime's binary, which the page fetches and
compiles at the Pyodide release's ``?v=`` (hold it back, abort it, count it).
"""

CONTEXT = {"locale": "zh-CN", "service_workers": "block"}
WASM = "**/pyodide.asm.wasm*"
