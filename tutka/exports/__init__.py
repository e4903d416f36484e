"""Exports: PowerPoint deck with native charts (pptx_deck), PDF municipal profile (pdf_profile), PNG of a Plotly
figure (png), XLSX of a table with a metadata sheet (xlsx), and the Streamlit download buttons (buttons)."""
