"""How many examples the property tests (Hypothesis) draw: two profiles.

Each property test states its full budget, ``@settings(max_examples=examples(4000))``.
``HYPOTHESIS_PROFILE=thorough`` draws the full budget (every example budget written in a
test is this profile's); ``ci``, the default (``make test``), draws a quarter of it,
at least ``FLOOR``. Hypothesis draws new examples on every run and keeps each failing
one in ``.hypothesis/`` to replay it first next time, so across runs the ``ci``
profile goes on exploring; a change to a reader or a rule deserves one ``thorough`` run.
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
SHARE = {"ci": 0.25, "thorough": 1.0}
FLOOR = 40

# deadline=None: a busy machine must not fail an example for taking long (speed is bench/'s).
settings.register_profile("ci", deadline=None)
settings.register_profile("thorough", deadline=None)
settings.load_profile(PROFILE)


def examples(budget: int) -> int:
    """The examples to draw of a test whose full budget is ``budget``."""
    return max(min(budget, FLOOR), round(budget * SHARE[PROFILE]))
