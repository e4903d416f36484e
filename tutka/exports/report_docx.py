"""The yearly report as a Word document (python-docx): what council documents are made in.

Every text comes from the report model as plain runs (user text is data: nothing is interpreted as markup; control
characters Word cannot store were already dropped by tutka.plans.report.clean).
"""

from __future__ import annotations

import io

from tutka.fmt import fmt_date
from tutka.i18n import t
from tutka.plans.report import Report, status_summary


def _para(doc, text: str, bold_prefix: str = "", style: str | None = None):
    p = doc.add_paragraph(style=style)
    if bold_prefix:
        p.add_run(bold_prefix).bold = True
    p.add_run(text)
    return p


def report_docx(report: Report) -> bytes:
    from docx import Document
    from docx.shared import Pt

    lang = report.lang
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = f"{report.title} – {report.region_name}"
    doc.core_properties.author = "Hyvinvointitutka"
    doc.core_properties.language = lang
    doc.add_heading(report.title, level=0)
    _para(doc, report.region_name, style="Subtitle")
    _para(doc, " · ".join(x for x in (report.plan_title, report.plan_period) if x))
    if report.has_demo:
        _para(doc, t("present.demo_note", lang), bold_prefix=t("demo.chart", lang).upper() + ". ")
    _para(doc, status_summary(report))

    doc.add_heading(t("report.developments", lang), level=1)
    for key, items in (("report.positive", report.positives), ("report.negative", report.negatives)):
        _para(doc, t(key, lang), bold_prefix="")
        doc.paragraphs[-1].runs[0].bold = True
        for text in items or [t("report.none", lang)]:
            _para(doc, text, style="List Bullet")

    for n, goal in enumerate(report.goals, start=1):
        doc.add_heading(f"{n}. {goal.title}", level=1)
        _para(doc, goal.status_label, bold_prefix=t("report.goal_status", lang) + ": ")
        for action in goal.actions:
            doc.add_heading(action.text, level=3)
            _para(doc, action.status_label, bold_prefix=t("report.status", lang, year=report.year) + ": ")
            if action.responsible:
                _para(doc, "; ".join(action.responsible), bold_prefix=t("plan.responsible", lang) + ": ")
            if action.progress:
                _para(doc, action.progress)
            for fig in action.figures:
                _para(doc, fig, style="List Bullet")
            for metric in action.metrics:
                _para(doc, metric.text + (f" — {metric.target}" if metric.target else ""), style="List Bullet 2")
        if goal.indicators:
            _para(doc, t("report.indicators", lang)).runs[0].bold = True
            table = doc.add_table(rows=1, cols=4)
            table.style = "Light Grid Accent 1"
            for cell, key in zip(
                table.rows[0].cells,
                ("report.col_indicator", "report.col_latest", "report.col_verdict", "report.col_explanation"),
                strict=True,
            ):
                cell.text = t(key, lang)
            for ind in goal.indicators:
                cells = table.add_row().cells
                title = ind.title + (f" ({t('demo.chart', lang)})" if ind.is_demo else "")
                for cell, text in zip(cells, (title, ind.latest, ind.verdict_label, ind.explanation), strict=True):
                    cell.text = text
        for key, items in (("report.positive", goal.positives), ("report.negative", goal.negatives)):
            if items:
                _para(doc, t(key, lang)).runs[0].bold = True
                for text in items:
                    _para(doc, text, style="List Bullet")

    doc.add_heading(t("present.sources_title", lang), level=1)
    if report.plan_source:
        _para(doc, t("present.plan_source", lang, source=report.plan_source))
    _para(doc, t("present.method", lang))
    _para(doc, t("report.generated", lang, date=fmt_date(report.generated_at, with_time=True)))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
