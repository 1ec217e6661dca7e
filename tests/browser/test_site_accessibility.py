"""No serious or critical axe-core violation on any page of the nav (Debian Chromium,
axe-core from node_modules). Apart from test_site_pages.py's sweeps: make test hands
out whole files, so each sweep can go to a worker of its own.
"""

from __future__ import annotations

import json

import pytest
from tests.browser.test_site_pages import visit

pytestmark = pytest.mark.timeout(600)


def test_no_serious_accessibility_violation(open_page, nav_pages, site_server, axe_script):
    serious: dict[str, list[str]] = {}
    for nav_page in nav_pages:
        record = visit(open_page, site_server, nav_page.url)
        page = record.page
        page.evaluate(axe_script.read_text(encoding="utf-8"))  # not a <script>: the CSP allows no inline one
        result = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
        violations = json.loads(result)["violations"]
        bad = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
               for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            serious[nav_page.src] = bad
        print(f"axe {nav_page.src}: {len(violations)} violation(s), "
              f"{sum(v['impact'] in ('serious', 'critical') for v in violations)} serious/critical")
        record.page.context.close()
    assert serious == {}
