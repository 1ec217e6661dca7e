"""One module per aspect; importing this package registers every check."""

from checker.judge.checks import (  # noqa: F401  (registration by import)
    base, core, digital, form, governance, green, innovation, open, targets, tiers,
)
from checker.judge.checks.base import GENERIC, REGISTRY, Check, Ctx, Outcome


def handler(rule_id: str, comparison: str) -> Check:
    """The check's own function, else the generic one for its comparison."""
    fn = REGISTRY.get(rule_id) or GENERIC.get(comparison)
    if fn is None:
        raise LookupError(f"no check implements {rule_id}")
    return fn


__all__ = ["Ctx", "Outcome", "handler", "REGISTRY", "GENERIC"]
