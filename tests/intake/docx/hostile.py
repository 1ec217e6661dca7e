"""Hostile and odd files, made here: archives, bombs, OLE envelopes, documents with a DTD."""

from __future__ import annotations

import io
import struct
import zipfile


def zip_of(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, blob in files.items():
            z.writestr(name, blob)
    return out.getvalue()


def replace_part(data: bytes, name: str, blob: bytes, extra: dict[str, bytes] | None = None,
                 compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """``data`` (a .docx/.xlsx) with part ``name`` replaced (and ``extra`` parts added)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, blob if info.filename == name else src.read(info.filename))
        for extra_name, extra_blob in (extra or {}).items():
            dst.writestr(extra_name, extra_blob)
    return out.getvalue()


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """The archive with ``name``'s declared (uncompressed) size set to ``size`` in both headers."""
    b = bytearray(data)
    encoded = name.encode()
    # (signature, offset of the name length, offset of the name, offset of the size)
    for signature, length_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        at = b.find(signature)
        while at >= 0:
            n = struct.unpack_from("<H", b, at + length_at)[0]
            if bytes(b[at + name_at:at + name_at + n]) == encoded:
                struct.pack_into("<I", b, at + size_at, size)
            at = b.find(signature, at + 4)
    return bytes(b)


def billion_laughs() -> bytes:
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(10))
    return (f'<?xml version="1.0"?><!DOCTYPE w:document [{lol}]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>").encode()


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (MS-CFB v3, 512-byte sectors) holding ``streams``: the
    envelope Word and Excel write around a password-protected .docx/.xlsx."""
    sector = 512
    names = list(streams)
    # Directory: root + one entry per stream, 4 entries per sector.
    entries = 1 + len(names)
    dir_sectors = (entries + 3) // 4
    data_sectors = [max(1, (len(streams[n]) + sector - 1) // sector) for n in names]
    total = 1 + dir_sectors + sum(data_sectors)  # FAT sector, directory, data
    fat = [0xFFFFFFFD]  # the FAT sector itself
    for i in range(dir_sectors):
        fat.append(i + 2 if i + 1 < dir_sectors else 0xFFFFFFFE)
    starts = []
    nxt = 1 + dir_sectors
    for count in data_sectors:
        starts.append(nxt)
        for i in range(count):
            fat.append(nxt + i + 1 if i + 1 < count else 0xFFFFFFFE)
        nxt += count
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<H", header, 0x20, 6)
    struct.pack_into("<I", header, 0x2C, 1)          # FAT sectors
    struct.pack_into("<I", header, 0x30, 1)          # first directory sector
    struct.pack_into("<I", header, 0x38, 0x1000)     # mini stream cutoff
    struct.pack_into("<I", header, 0x3C, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 0x44, 0xFFFFFFFE)  # no DIFAT sectors
    struct.pack_into("<I", header, 0x4C, 0)          # DIFAT[0] = sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, 0xFFFFFFFF)

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF,
              right: int = 0xFFFFFFFF) -> bytes:
        e = bytearray(128)
        raw = name.encode("utf-16-le") + b"\0\0"
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 0x40, len(raw), kind, 1)
        struct.pack_into("<III", e, 0x44, 0xFFFFFFFF, right, child)
        struct.pack_into("<II", e, 0x74, start, size)
        return bytes(e)

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    for i, name in enumerate(names):
        directory += entry(name, 2, starts[i], len(streams[name]), right=i + 2 if i + 1 < len(names) else 0xFFFFFFFF)
    directory += bytes(dir_sectors * sector - len(directory))
    body = b"".join(streams[n] + bytes(c * sector - len(streams[n])) for n, c in zip(names, data_sectors))
    out = bytes(header) + struct.pack(f"<{sector // 4}I", *fat) + directory + body
    assert len(out) == (total + 1) * sector
    return out


def encrypted_office() -> bytes:
    """What Word, WPS or Excel write for a file saved with an open password."""
    return cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"<encryption/>",
                "EncryptedPackage": bytes(range(256)) * 8})
