"""Council presentation mode: a deck model built from the verdict engine, stored deck definitions, slide rendering.

`build.build_deck(con, region_code, lang, definition)` returns a `model.Deck` (plain dataclasses, no Streamlit),
which the browser slides (`slides.py`), the PowerPoint and the PDF profile (`tutka.exports`) all render, so the
three show the same numbers.
"""
