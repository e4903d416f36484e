"""Build the DuckDB database from the reviewable text files in data/ (idempotent).

`init_db(path)` creates the schema and (re)loads regions, the indicator catalogue, the plans and the embedded values
in one transaction. Values loaded from data/ are logged as imports of kind 'seed' (real) or 'demo'.
Uploaded data (imports of kind 'upload') survives a re-init: only seed/demo rows are replaced.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from tutka import DATA_DIR, db, queries
from tutka.plans import load_plans, plan_frames
from tutka.verdicts import store as verdict_store

VALUE_COLUMNS = [
    "indicator_id",
    "region_code",
    "year",
    "sex",
    "grp",
    "value",
    "respondents",
    "abs_value",
    "ci_low",
    "ci_high",
    "is_demo",
    "source",
]


def region_frames(data_dir: Path = DATA_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """regions + region_membership from data/regions (all codes as strings, zero-padded)."""
    rd = data_dir / "regions"
    mun = pd.read_csv(rd / "municipalities.csv", dtype=str, keep_default_na=False)
    reg = pd.read_csv(rd / "regions.csv", dtype=str, keep_default_na=False)
    changes = pd.read_csv(rd / "changes.csv", dtype=str, keep_default_na=False)

    def _int(s: pd.Series) -> pd.Series:
        return pd.to_numeric(s.replace("", None), errors="coerce").astype("Int64")

    kunta = pd.DataFrame(
        {
            "region_code": "KU" + mun["code"],
            "region_type": "kunta",
            "official_code": mun["code"],
            "name_fi": mun["name_fi"],
            "name_sv": mun["name_sv"],
            "name_en": mun["name_fi"],
            "population": _int(mun["population"]),
            "population_year": 2020,
            "sotkanet_id": pd.NA,
            "valid_from": pd.NA,
            "valid_to": pd.NA,
        }
    )
    old = pd.DataFrame(
        {
            "region_code": "KU" + changes["old_code"],
            "region_type": "kunta",
            "official_code": changes["old_code"],
            "name_fi": changes["name_fi"],
            "name_sv": changes["name_sv"],
            "name_en": changes["name_fi"],
            "population": _int(changes["population"]),
            "population_year": _int(changes["population_year"]),
            "sotkanet_id": pd.NA,
            "valid_from": pd.NA,
            "valid_to": _int(changes["valid_to"]),
        }
    )
    prefix = reg["region_type"].map({"maakunta": "MK", "hyvinvointialue": "HV"})
    upper = pd.DataFrame(
        {
            "region_code": prefix + reg["code"],
            "region_type": reg["region_type"],
            "official_code": reg["code"],
            "name_fi": reg["name_fi"],
            "name_sv": reg["name_sv"],
            "name_en": reg["name_en"],
            "population": pd.NA,
            "population_year": pd.NA,
            "sotkanet_id": _int(reg["sotkanet_region_id"]),
            "valid_from": pd.NA,
            "valid_to": pd.NA,
        }
    )
    country = pd.DataFrame(
        [
            {
                "region_code": "SSS",
                "region_type": "maa",
                "official_code": "SSS",
                "name_fi": "Koko maa",
                "name_sv": "Hela landet",
                "name_en": "Whole country",
                "population": pd.NA,
                "population_year": pd.NA,
                "sotkanet_id": 658,
                "valid_from": pd.NA,
                "valid_to": pd.NA,
            }
        ]
    )
    regions = pd.concat([country, upper, kunta, old], ignore_index=True)

    members = []
    for frame, valid_to in ((mun, None), (changes, "valid_to")):
        to = _int(frame[valid_to]) if valid_to else pd.Series(pd.NA, index=frame.index, dtype="Int64")
        for col, ptype, pfx in (("maakunta_code", "maakunta", "MK"), ("hyvinvointialue_code", "hyvinvointialue", "HV")):
            members.append(
                pd.DataFrame(
                    {
                        "region_code": "KU" + frame["code" if "code" in frame else "old_code"],
                        "parent_code": pfx + frame[col],
                        "parent_type": ptype,
                        "valid_from": pd.NA,
                        "valid_to": to,
                    }
                )
            )
    members.append(
        pd.DataFrame(
            {
                "region_code": regions.loc[regions.region_code != "SSS", "region_code"],
                "parent_code": "SSS",
                "parent_type": "maa",
                "valid_from": pd.NA,
                "valid_to": pd.NA,
            }
        )
    )
    membership = pd.concat(members, ignore_index=True)
    return regions, membership


def value_files(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted((data_dir / "values").glob("*.csv"))


def read_values(path: Path) -> pd.DataFrame:
    df = pd.read_csv(
        path,
        dtype={"region_code": str, "sex": str, "group": str, "source": str},
        keep_default_na=False,
        na_values={c: [""] for c in ("value", "respondents", "abs_value", "ci_low", "ci_high", "year")},
    )
    df = df.rename(columns={"group": "grp"})
    df["grp"] = df["grp"].fillna("")
    df["is_demo"] = df["is_demo"].astype(str).str.lower().isin(["true", "1", "yes"])
    for col in ("value", "abs_value", "ci_low", "ci_high"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df["respondents"] = pd.to_numeric(df["respondents"], errors="coerce").astype("Int64")
    df["year"] = pd.to_numeric(df["year"]).astype("int64")
    return df[VALUE_COLUMNS]


def _insert_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame, table: str | None = None) -> None:
    """Run a named statement that reads the registered frame `_frame`."""
    con.register("_frame", frame)
    try:
        queries.execute(con, name, table=table)
    finally:
        con.unregister("_frame")


def _replace_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    queries.execute(con, "loader/table_clear", table=table)
    if len(frame):
        _insert_frame(con, "loader/table_insert_frame", frame, table=table)


def load_all(con: duckdb.DuckDBPyConnection, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Replace reference tables and seed/demo values inside one transaction. Returns row counts."""
    from tutka.catalogue import catalogue_frame, load_catalogue

    regions, membership = region_frames(data_dir)
    indicators = catalogue_frame(load_catalogue(data_dir / "indicators.yaml"))
    plans = plan_frames(load_plans(data_dir / "plans"))
    counts: dict[str, int] = {}
    with db.transaction(con):
        _replace_table(con, "regions", regions)
        _replace_table(con, "region_membership", membership)
        # keep indicators created by uploads (not in the YAML)
        _insert_frame(con, "loader/indicators_delete_listed", indicators[["indicator_id"]])
        _insert_frame(con, "loader/table_insert_frame", indicators, table="indicators")
        for table, frame in plans.items():
            _replace_table(con, table, frame)
            counts[table] = len(frame)
        # values: replace what earlier seed/demo loads wrote; uploaded values win over embedded ones
        queries.execute(con, "loader/values_delete_embedded")
        queries.execute(con, "loader/imports_delete_embedded")
        total = 0
        frames = [(path, read_values(path)) for path in value_files(data_dir)]
        # real (non-demo) files first: with the anti join, real figures win over demo rows of the same key
        frames.sort(key=lambda item: bool(item[1]["is_demo"].all()))
        for path, frame in frames:
            import_id = db.next_import_id(con)
            kind = "demo" if frame["is_demo"].all() else "seed"
            frame["import_id"] = import_id
            _insert_frame(con, "loader/values_insert_embedded", frame)
            queries.execute(
                con,
                "loader/imports_log_embedded",
                {
                    "import_id": import_id,
                    "created_at": datetime.now(),
                    "file_name": path.name,
                    "kind": kind,
                    "rows": len(frame),
                    "file_hash": hashlib.sha256(path.read_bytes()).hexdigest(),
                },
            )
            total += len(frame)
        db.bump_data_version(con)
        verdict_store.refresh(con)  # verdicts of this data version, committed with it
    counts.update(regions=len(regions), indicators=len(indicators), values=total)
    return counts


def init_db(path: str | Path | None = None, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Create the database if needed and (re)load data/ into it. Safe to run again (idempotent)."""
    con = db.connect(path)
    try:
        db.create_schema(con)
        return load_all(con, data_dir)
    finally:
        con.close()


def ensure_db(path: str | Path | None = None) -> Path:
    """Build the database on first start if it is missing (used by the app)."""
    p = db.resolve_path(path)
    if not p.exists():
        init_db(p)
    return p
