"""The yearly report as PDF (fpdf2, DejaVu Sans like the municipal profile). Texts are plain cells, never markup."""

from __future__ import annotations

from fpdf import FPDF

from tutka import domain as D
from tutka.exports.common import font_paths
from tutka.exports.pdf_profile import BAD, DARK, DEMO_FG, GOOD, GREY
from tutka.fmt import fmt_date
from tutka.i18n import t
from tutka.plans.report import Report, status_summary

TONES = {"pos": GOOD, "neg": BAD}
STATUS_COLOURS = {"positive": GOOD, "negative": BAD} | {code: TONES[tone] for code, tone in D.FOLLOWUP_TONE.items()}


class _Doc(FPDF):
    def __init__(self, report: Report):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        regular, bold = font_paths()
        self.add_font("DejaVu", "", str(regular))
        self.add_font("DejaVu", "B", str(bold))
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(True, margin=16)
        self.set_title(f"{report.title} – {report.region_name}")
        self.set_author("Hyvinvointitutka")
        self.set_lang(report.lang)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(*GREY)
        text = f"{self.report.title} · {self.report.region_name} · {self.page_no()}"
        if self.report.has_demo:
            text += " · " + t("demo.chart", self.report.lang)
        self.cell(0, 4, text, align="C")

    def para(self, text: str, size: float = 9.5, colour=DARK, bold: bool = False, indent: float = 0) -> None:
        self.set_font("DejaVu", "B" if bold else "", size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")


def report_pdf(report: Report) -> bytes:
    lang = report.lang
    pdf = _Doc(report)
    pdf.add_page()
    pdf.para(report.title, 18, bold=True)
    pdf.para(report.region_name, 13, GREY, bold=True)
    pdf.para(" · ".join(x for x in (report.plan_title, report.plan_period) if x), 9.5, GREY)
    pdf.ln(2)
    if report.has_demo:
        pdf.para(f"{t('demo.chart', lang)}. {t('present.demo_note', lang)}", 8.5, DEMO_FG, bold=True)
    pdf.para(status_summary(report))
    pdf.ln(2)
    pdf.para(t("report.developments", lang), 13, bold=True)
    for key, items, colour in (("report.positive", report.positives, GOOD), ("report.negative", report.negatives, BAD)):
        pdf.para(t(key, lang), 10, colour, bold=True)
        for text in items or [t("report.none", lang)]:
            pdf.para("• " + text, indent=3)
    for n, goal in enumerate(report.goals, start=1):
        pdf.ln(3)
        pdf.para(f"{n}. {goal.title}", 13, bold=True)
        pdf.para(f"{t('report.goal_status', lang)}: {goal.status_label}", 9.5, STATUS_COLOURS.get(goal.status, GREY))
        for action in goal.actions:
            pdf.ln(1.5)
            pdf.para(action.text, 10, bold=True, indent=2)
            pdf.para(
                f"{t('report.status', lang, year=report.year)}: {action.status_label}",
                9,
                STATUS_COLOURS.get(action.status, GREY),
                bold=True,
                indent=2,
            )
            if action.responsible:
                pdf.para(f"{t('plan.responsible', lang)}: {'; '.join(action.responsible)}", 8.5, GREY, indent=2)
            if action.progress:
                pdf.para(action.progress, 9, indent=2)
            for fig in action.figures:
                pdf.para("• " + fig, 9, indent=4)
            for metric in action.metrics:
                pdf.para("– " + metric.text + (f" — {metric.target}" if metric.target else ""), 8.5, GREY, indent=4)
        if goal.indicators:
            pdf.ln(1.5)
            pdf.para(t("report.indicators", lang), 10, bold=True)
            for ind in goal.indicators:
                head = f"{ind.title}: {ind.verdict_label}" + (f", {ind.latest}" if ind.latest else "")
                pdf.para(head, 9, bold=True, indent=2)
                pdf.para(ind.explanation, 8.5, GREY, indent=2)
        for key, items, colour in (("report.positive", goal.positives, GOOD), ("report.negative", goal.negatives, BAD)):
            if items:
                pdf.para(t(key, lang), 9.5, colour, bold=True)
                for text in items:
                    pdf.para("• " + text, 9, indent=3)
    pdf.ln(3)
    pdf.para(t("present.sources_title", lang), 10, bold=True)
    if report.plan_source:
        pdf.para(t("present.plan_source", lang, source=report.plan_source), 8.5, GREY)
    pdf.para(t("present.method", lang), 8.5, GREY)
    pdf.para(t("report.generated", lang, date=fmt_date(report.generated_at, with_time=True)), 8.5, GREY)
    return bytes(pdf.output())
