"""Streamlit glue: the shared sidebar and widgets (common) and one helper module per page. The only package
besides pages/ and dashboard.py that may import streamlit.

Importing this package imports every module the pages need (tutka.app.startup) first: every page script imports
from tutka.app before anything else of tutka, so the first sessions after a start wait for complete modules instead
of racing through half-imported ones — also on a first deep link, which Streamlit runs without dashboard.py."""

import tutka.app.startup  # noqa: F401  (imports everything once, see above)
