"""Same tree, same bytes: two builds give identical files with fixed zip stamps."""

from __future__ import annotations

import hashlib
import zipfile

from forms.build import TEMPLATES, build_all
from checker.law.pack import load_catalogue
from checker.office.zips import stamp


def test_two_builds_are_byte_identical(built, tmp_path):
    again = {t.filename: p for t, p in build_all(tmp_path)}
    assert set(again) == set(built) == {t.filename for t in TEMPLATES}
    for name, path in built.items():
        first = hashlib.sha256(path.read_bytes()).hexdigest()
        assert hashlib.sha256(again[name].read_bytes()).hexdigest() == first, name


def test_zip_entries_carry_the_fixed_date(built):
    for name, path in built.items():
        if path.suffix in (".docx", ".xlsx"):
            infos = zipfile.ZipFile(path).infolist()
            assert infos[0].filename == "[Content_Types].xml", name
            assert {i.date_time for i in infos} == {stamp(load_catalogue().issued)}, name
