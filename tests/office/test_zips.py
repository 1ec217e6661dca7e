"""checker.office.zips: the one writer of every zip (forms, exports, release)."""

from __future__ import annotations

import io
import zipfile

from checker.office.zips import EARLIEST, normalise_package, stamp, write_zip, zip_bytes

# Any dates (not a round's): the one every entry gets, and two times of saving.
DAY = "1999-06-04"
WHEN = stamp(DAY)


def test_the_same_entries_give_the_same_bytes_with_one_date_and_mode():
    entries = [("b.txt", b"b" * 500), ("a/", b""), ("a/c.br", b"\x00" * 100)]
    first = zip_bytes(entries, WHEN)
    assert zip_bytes(entries, WHEN) == first
    infos = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert [i.filename for i in infos] == ["b.txt", "a/", "a/c.br"]  # the caller's order
    assert {i.date_time for i in infos} == {WHEN}
    assert [i.external_attr >> 16 for i in infos] == [0o100644, 0o40755, 0o100644]
    assert {i.compress_type for i in infos if not i.is_dir()} == {zipfile.ZIP_DEFLATED}


def test_named_suffixes_are_stored():
    out = io.BytesIO()
    write_zip(out, [("x.br", b"x" * 200), ("y.txt", b"y" * 200)], WHEN, stored=(".br",))
    kinds = {i.filename: i.compress_type for i in zipfile.ZipFile(out).infolist()}
    assert kinds == {"x.br": zipfile.ZIP_STORED, "y.txt": zipfile.ZIP_DEFLATED}


def test_a_stamp_before_1980_is_the_earliest_a_zip_holds():
    assert stamp("1970-01-01") == EARLIEST
    assert WHEN == (1999, 6, 4, 0, 0, 0)


def _package(clock: tuple[int, ...], created: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in (("word/document.xml", b"<w:document/>"),
                           ("docProps/core.xml", f"<cp><dcterms:created x='1'>{created}</dcterms:created>"
                                                  f"<dcterms:modified>{created}</dcterms:modified></cp>".encode()),
                           ("[Content_Types].xml", b"<Types/>")):
            z.writestr(zipfile.ZipInfo(name, clock), data)
    return buf.getvalue()


def test_an_office_package_saved_at_two_times_normalises_to_the_same_bytes():
    morning = normalise_package(_package((2001, 12, 2, 8, 0, 0), "2001-12-02T08:00:00Z"), DAY)
    evening = normalise_package(_package((2001, 12, 3, 20, 0, 2), "2001-12-03T20:00:02Z"), DAY)
    assert morning == evening
    archive = zipfile.ZipFile(io.BytesIO(morning))
    assert archive.namelist()[0] == "[Content_Types].xml"
    core = archive.read("docProps/core.xml").decode()
    assert core.count(f"{DAY}T00:00:00Z") == 2 and "2001" not in core
