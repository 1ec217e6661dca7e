"""Import paths for the checker tests, whatever pytest's import mode: the repository
(``checker`` from a fresh clone) and this folder (the ``appbuild`` helper)."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for path in (str(HERE.parents[1]), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)
