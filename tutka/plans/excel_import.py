"""Read a welfare plan from the Excel table municipalities use: Tavoite | Toimenpide(et) | Vastuutaho | Mittari(t)
(optional Indikaattorit, Mittarin tyyppi, Tavoitearvo, Ikäryhmä, Kausi, Tila, Seuranta; Swedish headers too).

* A goal written once spans the rows below it (merged cells or blank cells); a sheet without a goal column takes its
  goal from a title line above the header ("Tavoite 2: Osallisuuden vahvistaminen") — one sheet per goal.
* A cell may hold several actions / metrics / units, one per line or bullet (`cells.split_items`).
* A row with metrics but no action continues the action(s) of the row above.
* Indikaattorit, Mittarin tyyppi and Tavoitearvo have one line per metric line of the same row.
* An optional sheet "Tiedot" holds the plan's title, period, year and other details.
Everything found wrong is reported by sheet/row/column; a plan is only returned when nothing is wrong.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from tutka.importers.problems import WARNING, Problem, sort_key
from tutka.importers.readers import col_letter
from tutka.importers.safety import UnsafeFile, check_zip, read_limited
from tutka.plans import cells

MAX_PLAN_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLS = 60
MAX_MERGED_CELLS = 200_000  # openpyxl creates one object per merged cell: a huge merge would hang the server
MAX_SHEET_XML = 50 * 1024 * 1024
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def merged_cell_count(data: bytes) -> int:
    """Cells covered by merged ranges in all sheets, read from the sheet XML before openpyxl expands them."""
    import zipfile

    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml"):
                for m in _MERGE.finditer(read_limited(zf, name, MAX_SHEET_XML)):
                    rows = abs(int(m.group(4)) - int(m.group(2))) + 1
                    cols = abs(_col_number(m.group(3)) - _col_number(m.group(1))) + 1
                    total += rows * cols
    return total


HEADER_SCAN_ROWS = 15


@dataclass
class ParsedPlan:
    plan: dict | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != WARNING]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


class IndicatorLookup:
    """Exact links only: indicator id, or a catalogue title (fi/sv/en) or alias, ignoring case and spacing."""

    def __init__(self, indicators: pd.DataFrame) -> None:
        self.by_key: dict[str, str] = {}
        for row in indicators.to_dict("records"):
            aliases = row.get("aliases")
            labels = [row["indicator_id"], row.get("title_fi"), row.get("title_sv"), row.get("title_en")]
            labels += list(aliases) if aliases is not None else []
            for label in labels:
                if isinstance(label, str) and label.strip():
                    self.by_key.setdefault(self.key(label), row["indicator_id"])

    @staticmethod
    def key(text: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip().casefold()

    def find(self, text: str) -> str | None:
        return self.by_key.get(self.key(text))

    def suggest(self, text: str) -> str:
        close = difflib.get_close_matches(self.key(text), list(self.by_key), n=2, cutoff=0.6)
        return "; ".join(dict.fromkeys(self.by_key[c] for c in close))


def _sheet_grid(ws) -> list[list[object]]:
    """Cell values with merged ranges filled (every cell of a merged range gets the top-left value). Rows and columns
    are capped: a stray cell far away (XFD1048576) must not make the reader build millions of empty cells."""
    n_rows, n_cols = min(ws.max_row, MAX_ROWS), min(ws.max_column, MAX_COLS)
    grid = [list(r) for r in ws.iter_rows(max_row=n_rows, max_col=n_cols, values_only=True)]
    for rng in ws.merged_cells.ranges:
        if rng.min_row > len(grid) or rng.min_col > n_cols:
            continue
        value = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, min(rng.max_row, len(grid)) + 1):
            for c in range(rng.min_col, min(rng.max_col, n_cols) + 1):
                while len(grid[r - 1]) < c:
                    grid[r - 1].append(None)
                grid[r - 1][c - 1] = value
    return grid


def _uncached_formulas(data: bytes, file_name: str) -> list[Problem]:
    """Formulas without a stored result (files written by programs): their cells would silently read as empty."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    out = []
    for ws in wb.worksheets:
        values = cached[ws.title]
        for row_f, row_v in zip(
            ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS),
            values.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS),
            strict=False,
        ):
            for cf, cv in zip(row_f, row_v, strict=False):
                if getattr(cf, "data_type", None) == "f" and cv.value is None:
                    out.append(
                        Problem(
                            "plan.err_formula",
                            {},
                            file=file_name,
                            sheet=ws.title,
                            row=cf.row,
                            col=col_letter(cf.column - 1),
                        )
                    )
    wb.close()
    cached.close()
    return out


def _find_header(grid: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        roles: dict[str, int] = {}
        for j, value in enumerate(row):
            role = cells.header_role(value)
            if role and role not in roles:
                roles[role] = j
        if "action" in roles or ("goal" in roles and "metric" in roles):
            return i, roles
    return None


def _title_goal(grid: list[list[object]], header: int) -> str | None:
    for row in grid[:header]:
        for value in row:
            m = re.match(r"^\s*(?:tavoite|mål|painopiste)\s*\d*\s*[:.–-]\s*(.+)$", cells.norm_text(value), re.I | re.S)
            if m:
                return re.sub(r"\s+", " ", m.group(1)).strip()
    return None


class _Reader:
    def __init__(self, file_name: str, lookup: IndicatorLookup, year: int | None) -> None:
        self.file, self.lookup, self.year = file_name, lookup, year
        self.problems: list[Problem] = []
        self.goals: list[dict] = []
        self.info: dict = {}

    def problem(self, key: str, sheet: str | None = None, row: int | None = None, col: int | None = None, **params):
        letter = col_letter(col) if col is not None else None
        self.problems.append(Problem(key, params, file=self.file, sheet=sheet, row=row, col=letter))

    def errors_found(self) -> bool:
        return any(p.severity != WARNING for p in self.problems)

    def goal(self, title: str) -> dict:
        for g in self.goals:
            if g["title"] == title:
                return g
        g = {"title": title, "theme": None, "description": None, "actions": []}
        self.goals.append(g)
        return g

    def read_info(self, grid: list[list[object]]) -> None:
        for row in grid:
            vals = [cells.norm_text(v) for v in row[:2]] + ["", ""]
            key = cells.INFO_FIELDS.get(cells.header_key(vals[0]))
            if key in ("cross_cutting", "positive", "negative"):
                if vals[1]:
                    self.info.setdefault(key, []).append(vals[1])
            elif key and vals[1]:
                self.info[key] = vals[1]

    def read_table(self, sheet: str, grid: list[list[object]], header: int, roles: dict[str, int]) -> None:
        default_goal = _title_goal(grid, header)
        if "goal" not in roles and not default_goal:
            self.problem("plan.err_no_goal_column", sheet, header + 1)
            return
        if "action" not in roles:
            self.problem("plan.err_no_action_column", sheet, header + 1)
            return
        if "metric" not in roles:
            for role in ("indicators", "target", "kind"):
                if role in roles:
                    self.problem("plan.err_needs_metric_column", sheet, header + 1, roles[role])
        current = self.goal(default_goal) if default_goal and "goal" not in roles else None
        last: list[dict] = []
        for i in range(header + 1, len(grid)):
            row, excel_row = grid[i], i + 1

            def cell(role: str, row=row) -> object:
                j = roles.get(role)
                return row[j] if j is not None and j < len(row) else None

            if not any(cells.norm_text(v) for v in row):
                continue
            title = re.sub(r"\s+", " ", cells.norm_text(cell("goal")))
            if title:
                goal = self.goal(title)
                if goal is not current:
                    last = []
                current = goal
            texts = [re.sub(r"\s+", " ", a) for a in cells.split_items(cell("action"))]
            if texts:
                if current is None:
                    self.problem("plan.err_action_without_goal", sheet, excel_row, roles["action"])
                    continue
                last = [self.new_action(text, sheet, excel_row, roles, cell) for text in texts]
                for a in last:
                    current["actions"].append(a)
            elif last:
                for a in last:  # a continuation row: more units/metrics for the action(s) above
                    a["responsible"] += cells.split_items(cell("responsible"))
                    a["metrics"] += self.metrics(sheet, excel_row, roles, cell)
            elif cells.norm_text(cell("metric")) or cells.norm_text(cell("responsible")):
                self.problem("plan.err_row_without_action", sheet, excel_row, roles["action"])

    def new_action(self, text: str, sheet: str, excel_row: int, roles: dict, cell) -> dict:
        scope_text = cells.header_key(cell("scope"))
        scope = cells.SCOPE_WORDS.get(scope_text, "council_term" if not scope_text else None)
        if scope is None:
            self.problem("plan.err_scope", sheet, excel_row, roles.get("scope"), value=cells.norm_text(cell("scope")))
            scope = "council_term"
        age = re.sub(r"\s+", " ", cells.norm_text(cell("age_group"))) or None
        action: dict[str, Any] = {"scope": scope, "age_group": age, "text": text, "progress": None}
        action["responsible"] = cells.split_items(cell("responsible"))
        action["metrics"] = self.metrics(sheet, excel_row, roles, cell)
        action["figures"] = []
        action["followup"] = []
        try:
            status = cells.parse_status(cells.norm_text(cell("status")))
        except ValueError:
            self.problem(
                "plan.err_status", sheet, excel_row, roles.get("status"), value=cells.norm_text(cell("status"))
            )
            status = None
        progress = cells.norm_text(cell("progress")) or None
        if status or progress:
            if self.year is None:
                self.problem(
                    "plan.err_followup_needs_year", sheet, excel_row, roles.get("status", roles.get("progress"))
                )
            else:
                action["followup"] = [{"year": self.year, "status": status or "ei_ilmoitettu", "progress": progress}]
        return action

    def metrics(self, sheet: str, excel_row: int, roles: dict, cell) -> list[dict]:
        texts = cells.split_items(cell("metric"))
        extra = {r: cells.aligned_lines(cell(r)) for r in ("indicators", "kind", "target")}
        if len(texts) == 1:  # one metric: the whole cell belongs to it
            extra = {r: [" ".join(x for x in lines if x)] if lines else [] for r, lines in extra.items()}
        out = []
        for role, lines in extra.items():
            if len([x for x in lines if x]) and len(lines) > max(len(texts), 1) and any(lines[len(texts) :]):
                self.problem("plan.err_lines_mismatch", sheet, excel_row, roles.get(role), n=len(texts))
        for k, text in enumerate(texts):
            line = {r: (lines[k] if k < len(lines) else "") for r, lines in extra.items()}
            ids = []
            for name in [x.strip() for x in line["indicators"].split(";") if x.strip()]:
                found = self.lookup.find(name)
                if found is None:
                    hint = self.lookup.suggest(name)
                    key = "plan.err_unknown_indicator_hint" if hint else "plan.err_unknown_indicator"
                    self.problem(key, sheet, excel_row, roles.get("indicators"), name=name, hint=hint)
                elif found not in ids:
                    ids.append(found)
            if "indicators" not in roles:  # no link column: a metric named exactly like a catalogue entry
                found = self.lookup.find(text)
                ids = [found] if found else []
            kind_text = line["kind"].lower()
            kind = cells.KIND_WORDS.get(kind_text) if kind_text else cells.guess_kind(text, bool(ids))
            if kind is None:
                self.problem("plan.err_kind", sheet, excel_row, roles.get("kind"), value=line["kind"])
                kind = "text"
            metric: dict[str, Any] = {"text": text, "kind": kind, "indicators": ids}
            try:
                target = cells.parse_target(line["target"], kind)
            except ValueError:
                self.problem("plan.err_target", sheet, excel_row, roles.get("target"), value=line["target"])
                target = None
            if target:
                metric["target"] = target
            out.append(metric)
        return out


def read_plan_xlsx(data: bytes, file_name: str, indicators: pd.DataFrame, year: int | None = None) -> ParsedPlan:
    """Parse a plan workbook into a nested plan without ids (see `assign_ids`) and the problems found."""
    import openpyxl

    reader = _Reader(file_name, IndicatorLookup(indicators), year)
    if not data:
        reader.problem("plan.err_empty_file")
        return ParsedPlan(None, reader.problems)
    if len(data) > MAX_PLAN_BYTES:
        reader.problem("plan.err_too_big", mb=MAX_PLAN_BYTES // (1024 * 1024))
        return ParsedPlan(None, reader.problems)
    try:
        check_zip(data)
        if merged_cell_count(data) > MAX_MERGED_CELLS:
            reader.problem("plan.err_merge_too_big", limit=f"{MAX_MERGED_CELLS:,}".replace(",", " "))
            return ParsedPlan(None, reader.problems)
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except UnsafeFile as exc:
        reader.problems.append(Problem(exc.key, dict(exc.params), file=file_name))
        return ParsedPlan(None, reader.problems)
    except Exception as exc:  # openpyxl raises many types for files that are not xlsx
        reader.problem("plan.err_not_xlsx", detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return ParsedPlan(None, reader.problems)
    formulas = _uncached_formulas(data, file_name)
    if formulas:
        return ParsedPlan(None, formulas)
    tables = 0
    for ws in wb.worksheets:
        grid = _sheet_grid(ws)
        if ws.title.strip().lower() in cells.INFO_SHEETS:
            reader.read_info(grid)
            continue
        found = _find_header(grid)
        if found is None:
            if any(cells.norm_text(v) for row in grid for v in row):
                if any(cells.header_role(v) for row in grid[:HEADER_SCAN_ROWS] for v in row):
                    reader.problem("plan.err_no_action_column", ws.title)
                else:
                    reader.problems.append(
                        Problem("plan.warn_sheet_skipped", {}, file=file_name, sheet=ws.title, severity=WARNING)
                    )
            continue
        tables += 1
        reader.read_table(ws.title, grid, *found)
    if tables == 0 and not reader.errors_found():
        reader.problem("plan.err_no_table")
    goals = [g for g in reader.goals if g["actions"]]
    if tables and not goals and not reader.errors_found():
        reader.problem("plan.err_no_actions")
    reader.problems.sort(key=sort_key)
    if reader.errors_found():
        return ParsedPlan(None, reader.problems)
    return ParsedPlan(_plan_from(reader.info, goals, year), reader.problems)


def _plan_from(info: dict, goals: list[dict], year: int | None) -> dict:
    info_year = info.get("year")
    plan_year = year if year is not None else (int(str(info_year)) if str(info_year or "").isdigit() else None)
    kind = cells.DOCUMENT_KINDS.get(str(info.get("document_kind") or "").lower(), "plan")
    return {
        "title": info.get("title"),
        "period": info.get("period"),
        "year": plan_year,
        "document_kind": kind,
        "adopted": info.get("adopted"),
        "source": info.get("source"),
        "intro": info.get("intro"),
        "cross_cutting": info.get("cross_cutting", []),
        "developments": {"positive": info.get("positive", []), "negative": info.get("negative", [])},
        "goals": goals,
    }


def assign_ids(plan: dict, plan_id: str, region_code: str) -> dict:
    """Give the parsed plan its ids: goal `<plan>-t<n>`, action `<plan>-t<n>-<m>` (positions, stable on re-import)."""
    plan = dict(plan, plan_id=plan_id, region_code=region_code)
    for gi, goal in enumerate(plan["goals"], start=1):
        goal["goal_id"] = f"{plan_id}-t{gi}"
        for ai, action in enumerate(goal["actions"], start=1):
            action["action_id"] = f"{plan_id}-t{gi}-{ai}"
    return plan
