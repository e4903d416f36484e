"""A corpus of malformed uploads, built in code: each must be refused with a message, never a traceback."""

from __future__ import annotations

import io
import json
import zipfile

from tests import hostile as H

HEAD = "Indikaattori;Alue;Vuosi;Sukupuoli;Arvo\n"
OK_ROW = "tyottomyys;Kouvola;2023;Yhteensä;12,5\n"


def _zip(files: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out.getvalue()


def _jsonstat(**over) -> bytes:
    obj = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Alue", "Vuosi"],
        "size": [1, 1],
        "dimension": {"Alue": {"category": {"index": ["KU286"]}}, "Vuosi": {"category": {"index": ["2023"]}}},
        "value": [1.5],
        "label": "tyottomyys",
    }
    for k, v in over.items():
        if v is None:
            obj.pop(k, None)
        else:
            obj[k] = v
    return json.dumps(obj).encode()


def _good_xlsx() -> bytes:
    cells = {"A1": "Indikaattori", "B1": "Alue", "C1": "Vuosi", "D1": "Arvo"}
    cells |= {"A2": "tyottomyys", "B2": "Kouvola", "C2": 2023, "D2": 12.5}
    return H.xlsx_from_sheet_xml(H.sheet_xml(cells))


def _replace_part(data: bytes, name: str, new: bytes | None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    files = {i.filename: src.read(i.filename) for i in src.infolist() if i.filename != name}
    if new is not None:
        files[name] = new
    return _zip(files)


def corpus() -> dict[str, bytes]:
    good = _good_xlsx()
    cp = ("Indikaattori;Alue;Vuosi;Sukupuoli;Arvo;Lähde\ntyottomyys;Kouvolaa;2023;Yhteensä;12;Lähde\n").encode("cp1252")
    return {
        # text encodings
        "bom_cp1252_bad_region.csv": b"\xef\xbb\xbf" + cp,
        "bom_mixed.csv": b"\xef\xbb\xbf"
        + HEAD.encode()
        + "tyottomyys;Kemi;2023;Yhteensä;1\n".encode()
        + "tyottomyys;Kemi;2022;Yhteens\xe4;1\n".encode("cp1252"),
        "utf16_odd.csv": b"\xff\xfe" + "Indikaattori;Alue\n".encode("utf-16-le") + b"\x00",
        "nul_bytes.csv": HEAD.encode() + b"tyottomyys;Kouvola;2023\x00;Yhteens\xc3\xa4;1\n",
        # CSV structure
        "header_only.csv": HEAD.encode(),
        "unbalanced_quote.csv": (HEAD + 'tyottomyys;"Kouvola;2023;Yhteensä;1\n').encode(),
        "long_field.csv": H.csv_long_field(300_000),
        "cr_only.csv": (HEAD + OK_ROW).replace("\n", "\r").encode() + b"tyottomyys;Kemi;x;y;z",
        "one_column.csv": b"Arvo\n1\n2\n",
        "wide_garbage.csv": (";".join(f"c{i}" for i in range(3000)) + "\n").encode(),
        "digits.csv": (HEAD + "tyottomyys;Kouvola;2023;Yhteensä;" + "9" * 5000 + "\n").encode(),
        "inf.csv": (HEAD + "tyottomyys;Kouvola;2023;Yhteensä;-inf\n").encode(),
        "year_huge.csv": (HEAD + "tyottomyys;Kouvola;" + "2" * 5000 + ";Yhteensä;1\n").encode(),
        "dates_as_values.csv": (HEAD + "tyottomyys;Kouvola;2023;Yhteensä;2023-01-01\n").encode(),
        "two_values.csv": (HEAD.strip() + ";Arvo\n" + OK_ROW.strip() + ";13\n").encode(),
        "many_names.csv": H.csv_many_unknown_names(3000),
        # JSON / JSON-stat
        "not_json.json": b"{ this is not json",
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "bigint.json": b'{"id": [' + b"1" * 5000 + b"]}",
        "scalar.json": b"[1, 2, 3]",
        "string.json": b'["a", {"b": 1}]',
        "empty_obj.json": b"{}",
        "js_no_dimension.json": _jsonstat(dimension={"Alue": {"category": {"index": ["KU286"]}}}),
        "js_dimension_not_object.json": _jsonstat(dimension={"Alue": 5, "Vuosi": [1]}),
        "js_dimensions_list.json": _jsonstat(dimension=[1, 2]),
        "js_id_not_list.json": _jsonstat(id="Alue"),
        "js_id_numbers.json": _jsonstat(id=[1, 2]),
        "js_size_strings.json": _jsonstat(size=["1", "1"]),
        "js_size_negative.json": _jsonstat(size=[-1, -1]),
        "js_size_mismatch.json": _jsonstat(size=[2, 1]),
        "js_size_short.json": _jsonstat(size=[1]),
        "js_huge.json": H.jsonstat_huge_size(),
        "js_value_string.json": _jsonstat(value="abc"),
        "js_value_short.json": _jsonstat(value=[]),
        "js_value_dict_bad.json": _jsonstat(value={"x": 1}),
        "js_value_objects.json": _jsonstat(value=[{"a": 1}]),
        "js_category_bad.json": _jsonstat(
            dimension={"Alue": {"category": "KU286"}, "Vuosi": {"category": {"index": ["2023"]}}}
        ),
        "js_index_bad.json": _jsonstat(
            dimension={"Alue": {"category": {"index": {"KU286": "x"}}}, "Vuosi": {"category": {"index": ["2023"]}}}
        ),
        "js_labels_bad.json": _jsonstat(
            dimension={"Alue": {"category": {"label": [1]}}, "Vuosi": {"category": {"index": ["2023"]}}}
        ),
        "js_role_bad.json": _jsonstat(role="time", id=["Alue", "Muu"]),
        "js_status_bad.json": _jsonstat(status=5, value=[{"x": None}]),
        "js_dataset_wrapper.json": json.dumps({"dataset": {"id": 1, "size": 2, "dimension": 3, "value": 4}}).encode(),
        "js_nan.json": _jsonstat(value=None)[:-1] + b', "value": [NaN]}',
        "sotkanet_bad.json": json.dumps([{"indicator": None, "region": [1], "year": "x", "value": {}}]).encode(),
        "sotkanet_types.json": json.dumps([{"indicator": 1, "region": 2, "year": 2023.5, "gender": 5}]).encode(),
        # xlsx
        "truncated.xlsx": good[: len(good) // 2],
        "zip_no_workbook.xlsx": _zip({"[Content_Types].xml": "<Types/>", "xl/x.txt": "x"}),
        "sheet_garbage.xlsx": _replace_part(good, "xl/worksheets/sheet1.xml", b"<<<not xml"),
        "sheet_missing.xlsx": _replace_part(good, "xl/worksheets/sheet1.xml", None),
        "workbook_garbage.xlsx": _replace_part(good, "xl/workbook.xml", b"\x00\x01garbage"),
        "styles_garbage.xlsx": _replace_part(good, "xl/styles.xml", b"<styleSheet><cellXfs><xf numFmtId='x'/>"),
        "far_cell.xlsx": H.far_cell_xlsx(),
        "dimension_lie.xlsx": H.lying_dimension_xlsx(),
        "bad_ref.xlsx": H.xlsx_from_sheet_xml(H.sheet_xml({"A1": "x"}).replace('r="A1"', 'r="A99999999999"')),
        "empty_sheet.xlsx": H.xlsx_from_sheet_xml(H.sheet_xml({})),
        "not_really.xlsx": b"PK\x03\x04" + b"\x00" * 100,
    }
