"""Write a plan as the Excel table `excel_import` reads: sheet "Tiedot" (title, period, year, ...) and sheet
"Suunnitelma" with one row per action, the goal written once in a merged cell, metrics one per line (bulleted when
there are several) with their indicator links, kinds and targets on the matching lines. Importing the file gives
the same plan back (goal themes/descriptions, stated figures and follow-up of other years are not in the table).
"""

from __future__ import annotations

import io

from tutka.plans import cells

COLUMNS = (
    "goal",
    "action",
    "responsible",
    "metric",
    "indicators",
    "kind",
    "target",
    "age_group",
    "scope",
    "status",
    "progress",
)
WIDTHS = {"goal": 30, "action": 50, "responsible": 28, "metric": 45, "indicators": 28, "target": 24, "progress": 50}


def _lines(items: list[str]) -> str:
    return "\n".join(f"• {x}" for x in items) if len(items) > 1 else (items[0] if items else "")


def _put(ws, row: int, col: int, value: object):
    """User text is data: openpyxl would store a text starting with '=' as a formula, so force the string type."""
    cell = ws.cell(row, col, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def plan_xlsx(plan: dict, year: int | None = None) -> bytes:
    """The plan as .xlsx bytes. `year` selects the follow-up shown in Tila/Seuranta (default: the plan's year)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    year = year if year is not None else plan.get("year")
    wb = Workbook()
    info = wb.active
    info.title = "Tiedot"
    pairs = []
    for key in ("title", "period", "year", "document_kind", "adopted", "source", "intro"):
        value = plan.get(key)
        if key == "document_kind":
            value = cells.DOCUMENT_LABELS.get(value or "plan")
        if value not in (None, ""):
            pairs.append((cells.INFO_LABELS[key], value))
    pairs += [(cells.INFO_LABELS["cross_cutting"], text) for text in plan.get("cross_cutting") or []]
    for polarity in ("positive", "negative"):
        pairs += [(cells.INFO_LABELS[polarity], text) for text in (plan.get("developments") or {}).get(polarity) or []]
    for i, (label, value) in enumerate(pairs, start=1):
        _put(info, i, 1, label)
        _put(info, i, 2, value)
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 100

    ws = wb.create_sheet("Suunnitelma")
    ws.append([cells.EXPORT_HEADERS[c] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 2
    for goal in plan["goals"]:
        first = row
        for action in goal["actions"]:
            metrics = action.get("metrics") or []
            follow = next((f for f in action.get("followup") or [] if f.get("year") == year), None)
            values = {
                "goal": goal["title"] if row == first else None,
                "action": action["text"],
                "responsible": "\n".join(action.get("responsible") or []),
                "metric": _lines([m["text"] for m in metrics]),
                "indicators": "\n".join("; ".join(m.get("indicators") or []) for m in metrics).rstrip("\n"),
                "kind": "\n".join(cells.KIND_LABELS[m["kind"]] for m in metrics),
                "target": "\n".join(cells.format_target(m.get("target")) for m in metrics).rstrip("\n"),
                "age_group": action.get("age_group"),
                "scope": cells.SCOPE_LABELS.get(action.get("scope") or "council_term"),
                "status": cells.STATUS_LABELS[follow["status"]] if follow else None,
                "progress": follow.get("progress") if follow else None,
            }
            for j, col in enumerate(COLUMNS, start=1):
                _put(ws, row, j, values[col] if values[col] not in ("", None) else None).alignment = wrap
            row += 1
        if row - first > 1:
            ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
    for j, col in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(1, j).column_letter].width = WIDTHS.get(col, 16)
    ws.freeze_panes = "B2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
