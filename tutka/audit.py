"""The audit log: append who did what, where and whether it was allowed (pure; the app passes its connection)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import duckdb

from tutka import queries


def record(
    con: duckdb.DuckDBPyConnection,
    user_name: str,
    action: str,
    regions: Iterable[str] = (),
    target: object = None,
    allowed: bool = True,
    detail: str | None = None,
) -> None:
    codes = ", ".join(sorted({str(r) for r in regions if r}))
    queries.run(
        con,
        "audit_record",
        happened_at=datetime.now(),
        user_name=user_name,
        action=action,
        region_code=codes or None,
        target=None if target is None else str(target),
        allowed=allowed,
        detail=detail,
    )


def touched_regions(con: duckdb.DuckDBPyConnection, import_id: int) -> list[str]:
    return queries.run(con, "import_touched_regions", import_id=int(import_id))["region_code"].tolist()
