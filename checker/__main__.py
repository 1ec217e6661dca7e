"""Command line: ``python -m checker [--json] FILE|-`` and ``--template json|tsv``.

Exit 0 whenever a report was produced (whatever the verdict); 2 with a one-line
Chinese message on standard error when the input cannot be read as text at all.
"""

from __future__ import annotations

import sys

from checker.cli import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
