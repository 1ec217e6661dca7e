"""Build the release: the site, its compressed siblings, the archives, the sums."""

from __future__ import annotations

import calendar
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

from checker.law.pack import load_catalogue
from checker.office.zips import stamp
from release.archive import write_tar_gz, write_zip
from release.compress import add_siblings

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "cluster-guide"


@dataclass(frozen=True)
class Release:
    name: str
    dist: Path
    tar_gz: Path
    zip: Path
    sums: Path
    epoch: int

    def unpack(self, into: Path, top: str | None = None) -> Path:
        """Unpack the .tar.gz into `into` (its top folder renamed `top`); returns the site."""
        with tarfile.open(self.tar_gz) as tar:
            tar.extractall(into, filter="data")
        site = into / self.name
        if top is not None:
            site = site.rename(into / top)
        return site


def epoch_of(root: Path = ROOT) -> int:
    """The release's time: SOURCE_DATE_EPOCH, else the commit's, else the notice's date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    if done.returncode == 0 and done.stdout.strip().isdigit():
        return int(done.stdout.strip())
    return calendar.timegm(stamp(load_catalogue().issued))


def build_site(out: Path, epoch: int, root: Path = ROOT) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
                          cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{done.stdout}{done.stderr}")


def tree_hash(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def sha256sums(dist: Path, files: list[Path]) -> Path:
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(dist).as_posix()}\n"
             for path in sorted(files)]
    out = dist / "SHA256SUMS"
    out.write_text("".join(lines), encoding="utf-8")
    return out


def make_release(dist: Path, *, site: Path | None = None, root: Path = ROOT, work: Path | None = None) -> Release:
    """Build (or take the already built `site`) and write the release into `dist`."""
    epoch = epoch_of(root)
    work = work or root / "build" / "release"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    staged = work / "site"
    if site is None:
        build_site(staged, epoch, root)
    else:
        shutil.copytree(site, staged)
    name = f"{PREFIX}-{time.strftime('%Y%m%d', time.gmtime(epoch))}-{tree_hash(staged)[:10]}"
    top = staged.rename(work / name)
    add_siblings(top, root / ".cache" / "compressed")

    dist.mkdir(parents=True, exist_ok=True)
    for old in [*dist.glob(f"{PREFIX}-*"), dist / "SHA256SUMS", dist / "deploy"]:
        shutil.rmtree(old) if old.is_dir() else old.unlink(missing_ok=True)
    tar_gz, zip_ = dist / f"{name}.tar.gz", dist / f"{name}.zip"
    write_tar_gz(top, name, tar_gz, epoch)
    write_zip(top, name, zip_, epoch)
    (dist / "deploy").mkdir()
    deployed = []
    for source in sorted((root / "deploy").iterdir()):
        target = dist / "deploy" / source.name
        shutil.copyfile(source, target)
        target.chmod(0o755 if source.suffix == ".sh" else 0o644)
        deployed.append(target)
    sums = sha256sums(dist, [tar_gz, zip_, *deployed])
    return Release(name, dist, tar_gz, zip_, sums, epoch)
