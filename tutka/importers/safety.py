"""Checks that run before any parser touches an upload: size, file type, zip bombs, macros, encryption.

Everything here works on the raw bytes so a hostile file is refused quickly, before openpyxl or calamine inflate it.
XML entity bombs are handled by defusedxml (openpyxl uses it when installed; our own XML reads go through it too).
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # the raw file
MAX_ZIP_ENTRIES = 2_000  # an xlsx has a few dozen parts
MAX_UNCOMPRESSED_BYTES = 1_000 * 1024 * 1024  # all parts together, as declared in the zip directory
MAX_RATIO = 200  # per entry; real sheet XML compresses ~10-30x
RATIO_MIN_SIZE = 1024 * 1024  # small entries may compress extremely well legitimately

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML or legacy .xls
ZIP_MAGIC = b"PK\x03\x04"


class UnsafeFile(Exception):
    """Refused before parsing. `key` is an i18n key of data/i18n/upload.csv, `params` its placeholders."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class FileKind:
    kind: str  # xlsx | csv | json
    ext: str  # extension used in the archive name


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_zip(data: bytes) -> None:
    """Entry count, declared total size and per-entry compression ratio, read from the central directory only.

    The declared sizes could lie, so readers must still not trust them blindly: `read_limited` caps actual reads.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnsafeFile("upload.err_corrupt", detail=str(exc)) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise UnsafeFile("upload.err_zip_entries", n=len(infos), limit=MAX_ZIP_ENTRIES)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise UnsafeFile("upload.err_encrypted")
            total += info.file_size
            if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnsafeFile(
                    "upload.err_zip_ratio",
                    name=info.filename,
                    ratio=info.file_size // max(info.compress_size, 1),
                    limit=MAX_RATIO,
                )
        if total > MAX_UNCOMPRESSED_BYTES:
            raise UnsafeFile(
                "upload.err_zip_size", mb=total // (1024 * 1024), limit=MAX_UNCOMPRESSED_BYTES // (1024 * 1024)
            )
        names = {i.filename.lower() for i in infos}
        if any(n.endswith("vbaproject.bin") for n in names):
            raise UnsafeFile("upload.err_macros")
        if "[content_types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise UnsafeFile("upload.err_not_xlsx")
        ctypes = read_limited(zf, "[Content_Types].xml", 1024 * 1024)
        if b"macroEnabled" in ctypes:
            raise UnsafeFile("upload.err_macros")
        # A DTD has no business in an xlsx; entity bombs need one. The prolog sits in the first bytes of a part.
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                with zf.open(info) as fh:
                    head = fh.read(4096)
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    raise UnsafeFile("upload.err_xml_dtd", name=info.filename)


def read_limited(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """Read one zip entry but stop at `limit` bytes of actual output (declared sizes can be forged)."""
    real = next((i for i in zf.infolist() if i.filename.lower() == name.lower()), None)
    if real is None:
        return b""
    with zf.open(real) as fh:
        out = fh.read(limit + 1)
    if len(out) > limit:
        raise UnsafeFile("upload.err_zip_size", mb=limit // (1024 * 1024), limit=limit // (1024 * 1024))
    return out


def classify(data: bytes, file_name: str) -> FileKind:
    """Decide the format from the content (the extension is only a hint) and run the matching safety checks."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnsafeFile("upload.err_too_big", mb=len(data) // (1024 * 1024), limit=MAX_UPLOAD_BYTES // (1024 * 1024))
    if not data.strip():
        raise UnsafeFile("upload.err_empty")
    ext = Path(file_name).suffix.lower().lstrip(".")
    if ext in ("xlsm", "xltm", "xlam"):
        raise UnsafeFile("upload.err_macros")
    if data.startswith(OLE_MAGIC):
        # Compound file: either a password-protected xlsx (EncryptedPackage) or an old binary .xls.
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data or ext in ("xlsx",):
            raise UnsafeFile("upload.err_encrypted")
        raise UnsafeFile("upload.err_xls")
    if data.startswith(ZIP_MAGIC):
        check_zip(data)
        return FileKind("xlsx", "xlsx")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return FileKind("json", "json")
    if ext in ("xlsx", "xls", "ods", "pdf", "docx"):
        raise UnsafeFile("upload.err_not_xlsx")
    if b"\x00" in data[:4096]:
        raise UnsafeFile("upload.err_binary")
    return FileKind("csv", "txt" if ext == "txt" else "csv")


def archive(data: bytes, db_path: str | os.PathLike, ext: str) -> Path:
    """Keep the raw upload as `<db folder>/uploads/<sha256>.<ext>` (written once, atomically)."""
    folder = Path(db_path).expanduser().resolve().parent / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sha256(data)}.{ext}"
    if not target.exists():
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    return target
