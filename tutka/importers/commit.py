"""Write an analysed upload in one transaction, and undo any import exactly.

Commit: compare with the database (new / changed / unchanged) → BEGIN → new catalogue entries → value_history for
every key touched → delete + insert the touched keys → imports row → data_version bump → COMMIT (ROLLBACK on any
error, readers see the old data until the commit). Unchanged keys are recorded in value_history and rewritten
with this import's id too: the import asserts them, so undoing an earlier import leaves them alone while this one
is active. Other keys are never touched unless "replace the whole series" is chosen, which also deletes the other
values of each (indicator, region) series in the file.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from tutka.importers.pipeline import COLUMNS, Analysis
from tutka.importers.safety import archive
from tutka.queries import sql

if TYPE_CHECKING:
    import duckdb

# tutka.db (duckdb) and tutka.verdicts (jsonschema, yaml) are imported where a write needs them: importing the
# tutka.importers package must stay light, the analysis child (tutka/importers/isolate.py) imports it on every upload

Progress = Callable[[float, str], None]


class ImportRefused(Exception):
    """The analysis has errors (or nothing to import): nothing was written."""


class UndoRefused(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params


PREVIEW_ROWS = 2000  # rows of the diff a preview shows (new and changed first)


@dataclass
class Preview:
    head: pd.DataFrame  # the first PREVIEW_ROWS upload rows + status + old values, new and changed before unchanged
    totals: dict[str, int]  # new / changed / unchanged / removed / total over the whole upload

    def counts(self) -> dict[str, int]:
        return dict(self.totals)


@dataclass
class CommitResult:
    import_id: int
    counts: dict[str, int]
    archived: str | None


def _upload_frame(analysis: Analysis) -> pd.DataFrame:
    df = analysis.rows[COLUMNS + ["_sheet", "_row"]]  # copy-on-write: the casts below copy three columns, not all
    df["year"] = df["year"].astype("int32")
    df["month"] = df["month"].astype("Int32")
    df["respondents"] = df["respondents"].astype("Int32")
    return df


def preview(con: duckdb.DuckDBPyConnection, analysis: Analysis, rows: int = PREVIEW_ROWS) -> Preview:
    """Read-only comparison with the database (its own cursor; safe on a read-only connection). Counted in DuckDB;
    only the first `rows` rows of the diff become a DataFrame, however large the upload."""
    cur = con.cursor()
    try:
        cur.register("upload_rows", _upload_frame(analysis))
        cur.register("staged", cur.sql(sql("import_diff")).to_arrow_table())
        by_status = dict(cur.execute(sql("import_staged_counts")).fetchall())
        removed = cur.execute(sql("import_removed_count")).fetchone() if analysis.options.replace_series else None
        totals = {
            "new": int(by_status.get("new", 0)),
            "changed": int(by_status.get("changed", 0)),
            "unchanged": int(by_status.get("unchanged", 0)),
            "removed": int(removed[0]) if removed else 0,
            "total": int(sum(by_status.values())),
        }
        return Preview(cur.execute(sql("import_preview_head"), {"limit": rows}).df(), totals)
    finally:
        cur.close()


def commit(
    con: duckdb.DuckDBPyConnection,
    analysis: Analysis,
    db_path: str | os.PathLike | None = None,
    progress: Progress | None = None,
    user_name: str | None = None,
) -> CommitResult:
    if not analysis.ok:
        raise ImportRefused("; ".join(p.message("fi") for p in analysis.errors[:5]) or "no rows")
    from tutka import db
    from tutka.verdicts import store as verdict_store

    step = progress or (lambda f, t: None)
    archived = None
    if db_path is not None:
        archived = str(archive(analysis.data, db_path, analysis.ext or "bin"))
    step(0.1, "archive")
    cur = con.cursor()
    try:
        cur.register("upload_rows", _upload_frame(analysis))
        with db.transaction(cur):
            # The diff is computed inside the transaction so it matches exactly what is written.
            # kept in Arrow (a 1 M-row upload: no pandas copy), counted in SQL
            staged = cur.sql(sql("import_diff")).to_arrow_table()
            cur.register("staged", staged)
            step(0.3, "diff")
            import_id = db.next_import_id(cur)
            if analysis.new_indicators:
                cur.register("new_indicators", pd.DataFrame(analysis.new_indicators))
                cur.execute(sql("import_new_indicators"))
            cur.execute(sql("import_history_touched"), {"import_id": import_id})
            removed = 0
            if analysis.options.replace_series:
                removed_df = cur.execute(sql("import_removed")).df()
                removed = len(removed_df)
                cur.register("removed", removed_df)
                cur.execute(sql("import_history_removed"), {"import_id": import_id})
            step(0.5, "history")
            cur.execute(sql("import_delete_touched"), {"import_id": import_id})
            cur.execute(sql("import_insert_values"), {"import_id": import_id})
            step(0.8, "values")
            counts = dict(cur.execute(sql("import_staged_counts")).fetchall())
            result_counts = {
                "total": sum(counts.values()),
                "new": int(counts.get("new", 0)),
                "changed": int(counts.get("changed", 0)),
                "unchanged": int(counts.get("unchanged", 0)),
                "removed": removed,
            }
            note = {
                "rows_removed": removed,
                "new_indicators": [s["indicator_id"] for s in analysis.new_indicators],
                "warnings": len(analysis.warnings),
            }
            if analysis.source_urls:
                note["source_urls"] = analysis.source_urls
            cur.execute(
                sql("import_log"),
                {
                    "import_id": import_id,
                    "created_at": datetime.now(),
                    "user_name": user_name or analysis.options.user_name or _default_user(),
                    "file_name": analysis.file_name,
                    "file_hash": analysis.file_hash,
                    "sheet": ", ".join(s for s in analysis.sheets if s) or None,
                    "rows_total": result_counts["total"],
                    "rows_new": result_counts["new"],
                    "rows_changed": result_counts["changed"],
                    "rows_unchanged": result_counts["unchanged"],
                    "replace_series": bool(analysis.options.replace_series),
                    "note": json.dumps(note, ensure_ascii=False),
                },
            )
            db.bump_data_version(cur)
            verdict_store.refresh(cur, import_id=import_id)  # only the series it changed; commits with it
        step(1.0, "done")
        return CommitResult(import_id, result_counts, archived)
    finally:
        cur.close()


def undo(con: duckdb.DuckDBPyConnection, import_id: int) -> dict[str, object]:
    """Reverse one upload exactly (see queries/history_undo_*.sql for how later imports are kept consistent)."""
    from tutka import db
    from tutka.verdicts import store as verdict_store

    cur = con.cursor()
    try:
        info = cur.execute(sql("history_import"), {"import_id": import_id}).df()
        if info.empty:
            raise UndoRefused("history.err_no_import", id=import_id)
        row = info.iloc[0]
        if row["kind"] != "upload":
            raise UndoRefused("history.err_not_upload", id=import_id, kind=row["kind"])
        if row["status"] == "undone":
            raise UndoRefused("history.err_already_undone", id=import_id)
        note = _note(row["note"])
        with db.transaction(cur):
            cur.execute(sql("history_undo_rebase"), {"import_id": import_id})
            cur.execute(sql("history_undo_delete"), {"import_id": import_id})
            cur.execute(sql("history_undo_restore"), {"import_id": import_id})
            cur.execute(sql("history_undo_mark"), {"import_id": import_id, "undone_at": datetime.now()})
            if note.get("new_indicators"):
                cur.execute(sql("history_undo_drop_indicators"), {"ids": list(note["new_indicators"])})
            db.bump_data_version(cur)
            verdict_store.refresh(cur, import_id=import_id)  # only the series it changed; commits with it
        return {"import_id": import_id, "file_name": row["file_name"]}
    finally:
        cur.close()


def _note(text: object) -> dict:
    try:
        return json.loads(text) if isinstance(text, str) else {}
    except json.JSONDecodeError:
        return {}


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers)
        return os.environ.get("USER", "")
