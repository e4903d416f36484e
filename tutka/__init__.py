"""Hyvinvointitutka: welfare-plan indicator dashboard logic (DuckDB + Streamlit)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
