"""Streamlit glue: the shared sidebar and widgets (common) and one helper module per page. The only package
besides pages/ and dashboard.py that may import streamlit."""
