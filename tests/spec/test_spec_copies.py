"""tests/spec/ holds the one copy of the team's inputs that tests read.

The seed (the site's notice with its annexes) and checks.md are copied from the
read-only shared/ folder that sits beside the repository (here and in CI), so a fresh
clone without it still tests against the same text. This test keeps the copy honest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SPEC = Path(__file__).parent
SHARED = SPEC.parents[1].parent / "shared"  # <repo>/../shared


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared/ beside the repository")
@pytest.mark.parametrize("copy, original", [
    ("000_727e631413e6a11a.txt", "seed/000_727e631413e6a11a.txt"),
    ("checks.md", "spec/checks.md"),
])
def test_copy_is_the_shared_original(copy, original):
    assert (SPEC / copy).read_bytes() == (SHARED / original).read_bytes()
