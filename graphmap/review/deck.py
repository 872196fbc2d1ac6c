"""The quarterly review as a PowerPoint deck (python-pptx).

Slides: title; executive summary (key figures with their deltas); changes
since the compared quarter; checklist status by route; top findings with
owner and remediation; one slide per graded technology (static exposure
map and figures); leakage paths; trend charts over the stored quarters;
method appendix.  Document properties are set explicitly (author
``graphmap``, no user names).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graphmap.i18n import t
from graphmap.review.content import Review, ReviewFinding
from graphmap.review.figures import FIGURES, figure_label

#: Rows per slide in the table of technologies without a page of their own.
_OTHER_ROWS = 14

__all__ = ["deck_bytes", "write_deck"]

_W, _H = 13.333, 7.5  # inches, 16:9
_FINDINGS_PER_SLIDE = 4
_CHECKLIST_COLOURS = {"met": "2E7D32", "missed": "C62828", "not_evidenced": "757575"}
_SEVERITY_COLOURS = {"critical": "B71C1C", "high": "EF6C00", "medium": "F9A825", "low": "78909C"}


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour)  # type: ignore[no-untyped-call]


class _Deck:
    def __init__(self, review: Review) -> None:
        from pptx import Presentation
        from pptx.util import Inches

        self.r = review
        self.lang = review.lang
        self.prs = Presentation()
        self.prs.slide_width = Inches(_W)
        self.prs.slide_height = Inches(_H)

    # -- building blocks

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def slide(self, title: str, notes: str = "") -> Any:
        from pptx.util import Inches, Pt

        s = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        shape = s.shapes.title
        shape.left, shape.top, shape.width, shape.height = Inches(0.4), Inches(0.2), Inches(_W - 0.8), Inches(0.9)
        shape.text = title
        for p in shape.text_frame.paragraphs:
            for run in p.runs:
                run.font.size = Pt(26)
                run.font.bold = True
        if notes:
            s.notes_slide.notes_text_frame.text = notes
        return s

    def text(
        self, s: Any, left: float, top: float, width: float, height: float, lines: Sequence[str], size: int = 12
    ) -> None:
        from pptx.util import Inches, Pt

        box = s.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        tf = box.text_frame
        tf.word_wrap = True
        for i, line in enumerate(lines):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.text = line
            for run in p.runs:
                run.font.size = Pt(size)

    def table(
        self,
        s: Any,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        top: float = 1.2,
        left: float = 0.4,
        size: int = 11,
        fills: dict[tuple[int, int], str] | None = None,
    ) -> None:
        from pptx.util import Inches, Pt

        height = 0.3 * len(rows)
        shape = s.shapes.add_table(
            len(rows), len(widths), Inches(left), Inches(top), Inches(sum(widths)), Inches(height)
        )
        tbl = shape.table
        for j, w in enumerate(widths):
            tbl.columns[j].width = Inches(w)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                cell = tbl.cell(i, j)
                cell.text = value
                cell.margin_top = cell.margin_bottom = Inches(0.03)
                for p in cell.text_frame.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(size)
                        run.font.bold = i == 0
                colour = (fills or {}).get((i, j))
                if colour:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = _rgb(colour)
                    for p in cell.text_frame.paragraphs:
                        for run in p.runs:
                            run.font.color.rgb = _rgb("FFFFFF")

    def picture(self, s: Any, png: bytes, left: float, top: float, width: float) -> None:
        from pptx.util import Inches

        s.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), width=Inches(width))

    # -- slides

    def title_slide(self) -> None:
        from pptx.util import Inches

        s = self.prs.slides.add_slide(self.prs.slide_layouts[0])
        title, sub = s.shapes.title, s.placeholders[1]
        title.left, title.top, title.width, title.height = Inches(0.8), Inches(2.0), Inches(_W - 1.6), Inches(1.6)
        sub.left, sub.top, sub.width, sub.height = Inches(0.8), Inches(3.8), Inches(_W - 1.6), Inches(1.4)
        title.text = self.r.title()
        sub.text = "\n".join([self.r.subtitle(), *([self.tr("review.redacted_note")] if self.r.redacted else [])])

    def summary(self) -> None:
        r = self.r
        header = [self.tr("review.col.figure"), r.quarter]
        if r.totals is not None:
            header += [r.compare or "", self.tr("review.col.delta")]
        rows: list[list[str]] = [header]
        for figure in FIGURES:
            value = r.figures.total(figure)
            row = [self.tr(f"review.total.{figure}"), "-" if value is None else f"{value:g}"]
            if r.totals is not None:
                move = next(m for m in r.totals if m.figure == figure)
                row += [move.old_text, move.delta_text()]
            rows.append(row)
        sev = r.figures.findings_by_severity
        rows.append(
            [self.tr("review.total.findings"), str(sum(sev.values()))]
            + (
                [
                    str(len(r.diff.resolved) + len(r.diff.persisting)),
                    f"+{len(r.diff.new)} / -{len(r.diff.resolved)}",
                ]
                if r.diff
                else []
            )
        )
        s = self.slide(self.tr("review.section.summary"))
        widths = [4.2, 1.6] + ([1.6, 1.6] if r.totals is not None else [])
        self.table(s, rows, widths, top=1.2)
        lines = r.summary_lines()
        self.text(s, 0.4, 1.5 + 0.3 * len(rows), 12.5, 2.0, lines, size=14)

    def changes(self) -> None:
        r = self.r
        if r.diff is None:
            return
        for key, items in (("review.section.new", r.new_findings), ("review.section.resolved", r.resolved_findings)):
            s = self.slide(self.tr(key, compare=r.diff.old_quarter), notes="\n".join(f.finding.id for f in items))
            rows = [[self.tr("review.col.severity"), self.tr("review.col.analysis"), self.tr("review.col.message")]]
            rows += [[f.severity, f.title, f.message(self.lang)] for f in items[:6]]
            if len(rows) == 1:
                rows.append(["", "", self.tr("review.none")])
            self.table(s, rows, [1.0, 3.0, 8.5], size=9, fills=_severity_fills(items[:6]))

    def checklist(self) -> None:
        for _route, items in self.r.checklist.items():
            title = f"{self.tr('review.section.checklist')}: {items[0].route_label(self.lang)}"
            s = self.slide(title)
            rows = [
                [
                    self.tr("review.col.item"),
                    self.tr("review.col.measure"),
                    self.tr("review.col.status"),
                    self.tr("review.col.findings"),
                ]
            ]
            fills: dict[tuple[int, int], str] = {}
            for i, item in enumerate(items, start=1):
                rows.append([item.id, item.label(self.lang), item.status_label(self.lang), str(len(item.finding_ids))])
                fills[(i, 2)] = _CHECKLIST_COLOURS[item.status.value]
            self.table(s, rows, [0.8, 8.0, 2.0, 1.6], size=11, fills=fills)

    def top_findings(self) -> None:
        items = self.r.top
        for start in range(0, len(items), _FINDINGS_PER_SLIDE):
            chunk = items[start : start + _FINDINGS_PER_SLIDE]
            s = self.slide(
                f"{self.tr('review.section.top')} ({start + 1}-{start + len(chunk)})",
                notes="\n\n".join(f"{f.finding.id}\n{f.message(self.lang)}" for f in chunk),
            )
            rows = [
                [
                    self.tr("review.col.severity"),
                    self.tr("review.col.finding"),
                    self.tr("review.col.owner"),
                    self.tr("review.col.remediation"),
                ]
            ]
            for f in chunk:
                state = f" [{self.tr('review.state.' + f.state)}]" if f.state else ""
                rows.append([f.severity + state, f"{f.title}\n{f.message(self.lang)}", f.owner, f.remediation])
            self.table(s, rows, [1.1, 5.6, 1.8, 4.0], size=9, fills=_severity_fills(chunk))

    def technologies(self) -> None:
        for page in self.r.techs:
            tf = page.figures
            s = self.slide(
                f"{self.tr('review.section.tech')}: {tf.name}",
                notes="\n\n".join(f"{f.finding.id}\n{f.message(self.lang)}" for f in page.findings),
            )
            self.picture(s, page.image_png, 0.3, 1.15, 7.4)
            rows = [[self.tr("review.col.figure"), self.r.quarter] + ([self.r.compare or ""] if page.moves else [])]
            for figure in FIGURES:
                row = [figure_label(figure, self.lang), tf.text(figure)]
                if page.moves:
                    move = next(m for m in page.moves if m.figure == figure)
                    row.append(f"{move.old_text} ({move.delta_text()})")
                rows.append(row)
            widths = [2.5, 1.0] + ([1.4] if page.moves else [])
            self.table(s, rows, widths, left=7.9, top=1.2, size=10)
            lines = [
                self.tr("review.tech.grading", grading=", ".join(tf.grading)),
                self.tr("review.tech.findings", count=tf.findings),
            ]
            lines += [f"・{f.severity}: {f.title}" for f in page.findings]
            self.text(s, 7.9, 4.5, 5.0, 2.8, lines, size=10)

    def other_technologies(self) -> None:
        """The technologies without a page: their figures, one row each."""
        others = self.r.other_techs
        header = [self.tr("review.col.technology")] + [figure_label(f, self.lang) for f in FIGURES]
        for start in range(0, len(others), _OTHER_ROWS):
            s = self.slide(self.tr("review.section.other_techs", count=len(others)))
            rows = [header] + [[tf.name] + [tf.text(f) for f in FIGURES] for tf in others[start : start + _OTHER_ROWS]]
            self.table(s, rows, [3.6] + [1.5] * len(FIGURES), size=9)

    def paths(self) -> None:
        s = self.slide(self.tr("review.section.paths"), notes="\n".join(p.finding.id for p in self.r.paths))
        rows = [
            [
                self.tr("review.col.technology"),
                self.tr("review.col.endpoint"),
                self.tr("review.col.probability"),
                self.tr("review.col.route"),
            ]
        ]
        for p in self.r.paths[:8]:
            route = (
                " → ".join([p.steps[0].source, *[f"{st.target}（{st.reason}）" for st in p.steps]]) if p.steps else ""
            )
            rows.append([p.technology, p.endpoint, f"{p.probability:.0%}", route])
        if len(rows) == 1:
            rows.append(["", "", "", self.tr("review.none")])
        self.table(s, rows, [2.6, 2.2, 1.0, 6.7], size=9)

    def trends(self) -> None:
        s = self.slide(self.tr("review.section.trends", quarters=", ".join(self.r.history)))
        self.picture(s, self.r.trend_png, 0.95, 1.1, 11.4)

    def method(self) -> None:
        s = self.slide(self.tr("review.section.method"))
        lines = [
            self.tr(f"review.method.{i}", as_of=self.r.as_of.isoformat(), quarter=self.r.quarter) for i in range(1, 7)
        ]
        if self.r.redacted:
            lines.append(self.tr("review.method.redacted"))
        self.text(s, 0.5, 1.2, 12.3, 6.0, lines, size=13)

    def build(self) -> bytes:
        self.title_slide()
        self.summary()
        self.changes()
        self.checklist()
        self.top_findings()
        self.technologies()
        self.other_technologies()
        self.paths()
        self.trends()
        self.method()
        props = self.prs.core_properties
        props.title = self.r.title()
        props.subject = self.tr("review.subject")
        props.author = "graphmap"
        props.last_modified_by = "graphmap"
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.language = "en-US" if self.lang == "en" else "ja-JP"
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        props.created = now
        props.modified = now
        props.revision = 1
        self._app_properties()
        buf = io.BytesIO()
        self.prs.save(buf)
        return buf.getvalue()

    def _app_properties(self) -> None:
        """Replace the template's extended properties (which name another
        application and no slides) with graphmap's own."""
        for part in self.prs.part.package.iter_parts():
            if str(part.partname) == "/docProps/app.xml":
                part._blob = (  # python-pptx keeps this part as a plain blob
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
                    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                    "<Application>graphmap</Application>"
                    "<PresentationFormat>Widescreen</PresentationFormat>"
                    f"<Slides>{len(self.prs.slides)}</Slides><Company></Company><Manager></Manager>"
                    "</Properties>"
                ).encode()


def _severity_fills(items: Sequence[ReviewFinding]) -> dict[tuple[int, int], str]:
    return {(i, 0): _SEVERITY_COLOURS[f.finding.severity.value] for i, f in enumerate(items, start=1)}


def deck_bytes(review: Review) -> bytes:
    """The deck as .pptx bytes."""
    return _Deck(review).build()


def write_deck(path: Path, review: Review) -> int:
    """Write the deck atomically; returns the number of slides."""
    from pptx import Presentation

    from graphmap.fileio import atomic_write_bytes

    data = deck_bytes(review)
    atomic_write_bytes(path, data)
    return len(Presentation(io.BytesIO(data)).slides)
