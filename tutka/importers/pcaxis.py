"""PC-Axis `.px` files (StatFin's "Tallenna → PC-Axis"): `KEYWORD="value";` statements, then `DATA=` with the
numbers in row-major order over the STUB variables followed by the HEADING variables (the last HEADING variable
varies fastest). `".."`/`"..."`/`"-"` are missing, never 0. `CHARSET="ANSI"` means Windows-1252 (else `CODEPAGE`,
else UTF-8).

The file is turned into the PxWeb API json shape (columns + data) and read by `pxweb_json.frame`, so both formats
follow exactly the same rules (variable roles, skipped area kinds, sex codes, totals, missing markers).
"""

from __future__ import annotations

import itertools
import re

from tutka.importers import pxweb_json
from tutka.importers.problems import Problem

# KEYWORD, KEYWORD[lang], KEYWORD("var"), KEYWORD[lang]("var"), KEYWORD("var","value")
_KEY = re.compile(r'\s*([A-Z0-9][A-Z0-9\-]*)(\[[^\]]*\])?(\((?:"[^"]*"\s*,?\s*)+\))?\s*=', re.S)
_STRING = re.compile(r'"((?:[^"]|"")*)"')
MAX_CELLS = 2_000_000


def is_pcaxis(data: bytes, file_name: str) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return file_name.lower().endswith(".px") or bool(re.match(rb"(CHARSET|AXIS-VERSION|CODEPAGE|LANGUAGE)\s*=", head))


def _decode(data: bytes) -> str:
    head = data[:4096].decode("ascii", errors="ignore")
    m = re.search(r'CODEPAGE\s*=\s*"([^"]+)"', head)
    encodings = [m.group(1)] if m else []
    if re.search(r'CHARSET\s*=\s*"ANSI"', head):
        encodings.append("cp1252")
    for enc in [*encodings, "utf-8-sig", "cp1252"]:
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def parse(text: str) -> tuple[dict[tuple[str, str], list[str]], list[str]]:
    """-> ({(keyword, variable): [strings]}, data tokens). Language-specific keywords (`VALUES[sv]`) are skipped."""
    meta: dict[tuple[str, str], list[str]] = {}
    pos = 0
    while True:
        m = _KEY.match(text, pos)
        if not m:
            raise ValueError(f"statement expected at character {pos}")
        keyword, lang, args = m.group(1), m.group(2), m.group(3)
        end = m.end()
        if keyword == "DATA":
            body = text[end:].rstrip().rstrip(";")
            tokens = [t.strip('"') for t in re.findall(r'"[^"]*"|[^\s,;"]+', body)]
            return meta, tokens
        stop = end
        in_string = False
        while stop < len(text):  # the statement ends at the first ';' outside a string
            ch = text[stop]
            if ch == '"':
                in_string = not in_string
            elif ch == ";" and not in_string:
                break
            stop += 1
        raw = text[end:stop]
        if not lang:
            variable = _STRING.findall(args)[0].replace('""', '"') if args else ""
            values = [s.replace('""', '"') for s in _STRING.findall(raw)]
            if len(values) > 1 and "," not in _STRING.sub("", raw):  # one long string split over several lines
                values = ["".join(values)]
            meta[(keyword, variable)] = values if values else [raw.strip()]
        pos = stop + 1


def frame(data: bytes, file_name: str, problems: list[Problem]):
    try:
        meta, tokens = parse(_decode(data))
    except (ValueError, IndexError) as exc:
        problems.append(Problem("upload.err_pcaxis", {"detail": str(exc)[:120]}, file=file_name))
        return None
    stub, heading = meta.get(("STUB", ""), []), meta.get(("HEADING", ""), [])
    variables = stub + heading
    if not variables:
        problems.append(Problem("upload.err_pcaxis", {"detail": "STUB/HEADING"}, file=file_name))
        return None
    texts = [meta.get(("VALUES", v), []) for v in variables]
    codes = [meta.get(("CODES", v)) or texts[i] for i, v in enumerate(variables)]
    total = 1
    for c in codes:
        total *= len(c)
    if total != len(tokens) or total > MAX_CELLS:
        problems.append(Problem("upload.err_pcaxis_size", {"n": len(tokens), "expected": total}, file=file_name))
        return None
    contvar = (meta.get(("CONTVARIABLE", "")) or [""])[0]
    timevar = next((v for k, v in meta if k == "TIMEVAL"), "")
    dims = [i for i, v in enumerate(variables) if v != contvar]
    content = variables.index(contvar) if contvar in variables else None
    columns = [
        {"code": variables[i], "text": variables[i], "type": "t" if variables[i] == timevar else "d"} for i in dims
    ]
    if content is not None:
        columns += [{"code": c, "text": t, "type": "c"} for c, t in zip(codes[content], texts[content], strict=True)]
    else:
        name = (meta.get(("CONTENTS", "")) or meta.get(("TITLE", "")) or [file_name])[0]
        columns.append({"code": (meta.get(("MATRIX", "")) or [""])[0], "text": name, "type": "c"})
    rows: dict[tuple, list] = {}
    for combo, value in zip(itertools.product(*[range(len(c)) for c in codes]), tokens, strict=True):
        key = tuple(codes[i][combo[i]] for i in dims)
        slot = combo[content] if content is not None else 0
        rows.setdefault(key, [".."] * (len(codes[content]) if content is not None else 1))[slot] = value
    obj = {
        "columns": columns,
        "data": [{"key": list(k), "values": v} for k, v in rows.items()],
        "metadata": [{"source": (meta.get(("SOURCE", "")) or ["Tilastokeskus, StatFin"])[0]}],
    }
    out = pxweb_json.frame(obj, file_name, problems)
    if out is not None:
        out["_c_value"] = "DATA"
    return out


__all__ = ["frame", "is_pcaxis", "parse"]
