"""python -m release [--dist DIR] [--site DIR]: see release/__init__.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from release.build import ROOT, make_release


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m release", description="Build the site's release into dist/.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where to write it (default: dist/)")
    parser.add_argument("--site", type=Path, help="an already built site (default: build it now)")
    args = parser.parse_args()
    release = make_release(args.dist.resolve(), site=args.site)
    for path in sorted(release.dist.rglob("*")):
        if path.is_file():
            print(f"{path.stat().st_size:>12,}  {path.relative_to(release.dist)}")
    print(f"Release {release.name}: {release.dist}/ (check with: cd {release.dist} && sha256sum -c SHA256SUMS)")


if __name__ == "__main__":
    main()
