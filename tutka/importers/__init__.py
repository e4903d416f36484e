"""Uploads of indicator files: read (xlsx/CSV/JSON) → normalise → validate → preview → one-transaction commit → undo.

    analysis = analyse(data, "file.xlsx", con, ImportOptions())
    if analysis.ok:
        commit(con, analysis, db_path)

See docs/import.md for the formats accepted and the rules.
"""

from tutka.importers.commit import CommitResult, ImportRefused, Preview, UndoRefused, commit, preview, undo
from tutka.importers.pipeline import Analysis, ImportOptions, analyse

__all__ = [
    "Analysis",
    "CommitResult",
    "ImportOptions",
    "ImportRefused",
    "Preview",
    "UndoRefused",
    "analyse",
    "commit",
    "preview",
    "undo",
]
