"""The quarterly review as one self-contained HTML page: the same content
as the deck, images inline as ``data:`` URIs and each technology's
interactive map embedded as a sandboxed ``<iframe srcdoc>`` holding the map
page of :func:`graphmap.render.html_map.render_html`.  Nothing is fetched:
the page's Content-Security-Policy allows only inline scripts and styles
and ``data:`` images, and every text is escaped."""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from pathlib import Path

from graphmap.i18n import t
from graphmap.review.content import Review, ReviewFinding
from graphmap.review.figures import FIGURES, figure_label

__all__ = ["CSP", "render_report", "write_report"]

#: The page's policy: the map pages in the frames inherit it.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)

_STYLE = """
body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic","Meiryo",sans-serif;margin:0 auto;max-width:1200px;
padding:1rem 2rem;color:#212121}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{border-bottom:2px solid #3949ab;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #cfd8dc;padding:.25rem .5rem;
vertical-align:top;text-align:left}th{background:#3f51b5;color:#fff}
.sev{color:#fff;font-weight:bold;white-space:nowrap}.critical{background:#b71c1c}.high{background:#ef6c00}
.medium{background:#f9a825}.low{background:#78909c}.met{background:#2e7d32;color:#fff}
.missed{background:#c62828;color:#fff}.not_evidenced{background:#757575;color:#fff}
.sub{color:#616161}.tech{display:flex;gap:1rem;flex-wrap:wrap}.tech img{max-width:100%;width:720px}
iframe{width:100%;height:640px;border:1px solid #b0bec5}nav a{margin-right:.8rem}
.better{color:#2e7d32}.worse{color:#c62828}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _png(data: bytes, alt: str) -> str:
    return f'<img alt="{_e(alt)}" src="data:image/png;base64,{base64.b64encode(data).decode("ascii")}">'


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], classes: dict[tuple[int, int], str] | None = None
) -> str:
    """A table of already-escaped cells."""
    out = ["<table><thead><tr>", *(f"<th>{h}</th>" for h in header), "</tr></thead><tbody>"]
    for i, row in enumerate(rows):
        out.append("<tr>")
        for j, cell in enumerate(row):
            cls = (classes or {}).get((i, j))
            out.append(f'<td class="{cls}">{cell}</td>' if cls else f"<td>{cell}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


class _Page:
    def __init__(self, review: Review) -> None:
        self.r = review
        self.lang = review.lang

    def tr(self, key: str, **params: object) -> str:
        return _e(t(key, self.lang, **params))

    def findings_table(self, items: Sequence[ReviewFinding], *, owner: bool = True) -> str:
        header = [self.tr("review.col.severity"), self.tr("review.col.finding")]
        if owner:
            header += [self.tr("review.col.owner"), self.tr("review.col.remediation")]
        rows, classes = [], {}
        for i, f in enumerate(items):
            state = f" [{t('review.state.' + f.state, self.lang)}]" if f.state else ""
            row = [
                _e(f.severity + state),
                f"<b>{_e(f.title)}</b><br>{_e(f.message(self.lang))}<br><span class=sub>{_e(f.finding.id)}</span>",
            ]
            if owner:
                row += [_e(f.owner), _e(f.remediation)]
            rows.append(row)
            classes[(i, 0)] = f"sev {f.finding.severity.value}"
        if not rows:
            return f"<p>{self.tr('review.none')}</p>"
        return _table(header, rows, classes)

    def summary(self) -> str:
        r = self.r
        header = [self.tr("review.col.figure"), _e(r.quarter)]
        if r.totals is not None:
            header += [_e(r.compare or ""), self.tr("review.col.delta")]
        rows = []
        for figure in FIGURES:
            value = r.figures.total(figure)
            row = [self.tr(f"review.total.{figure}"), "-" if value is None else _e(f"{value:g}")]
            if r.totals is not None:
                move = next(m for m in r.totals if m.figure == figure)
                row += [_e(move.old_text), _delta(move.delta_text(), move.better())]
            rows.append(row)
        lines = [_e(line) for line in r.summary_lines()]
        return _table(header, rows) + "".join(f"<p>{line}</p>" for line in lines)

    def changes(self) -> str:
        r = self.r
        if r.diff is None:
            return ""
        return (
            f'<h2 id="changes">{self.tr("review.section.new", compare=r.diff.old_quarter)}</h2>'
            + self.findings_table(r.new_findings, owner=False)
            + f"<h2>{self.tr('review.section.resolved', compare=r.diff.old_quarter)}</h2>"
            + self.findings_table(r.resolved_findings, owner=False)
        )

    def checklist(self) -> str:
        out = [f'<h2 id="checklist">{self.tr("review.section.checklist")}</h2>']
        for items in self.r.checklist.values():
            out.append(f"<h3>{_e(items[0].route_label(self.lang))}</h3>")
            rows = [
                [_e(i.id), _e(i.label(self.lang)), _e(i.status_label(self.lang)), str(len(i.finding_ids))]
                for i in items
            ]
            classes = {(n, 2): i.status.value for n, i in enumerate(items)}
            header = [self.tr(f"review.col.{k}") for k in ("item", "measure", "status", "findings")]
            out.append(_table(header, rows, classes))
        return "".join(out)

    def technologies(self) -> str:
        from graphmap.render.html_map import render_html
        from graphmap.render.views import tech_view

        out = []
        for page in self.r.techs:
            tf = page.figures
            header = [self.tr("review.col.figure"), _e(self.r.quarter)]
            if page.moves:
                header += [_e(self.r.compare or ""), self.tr("review.col.delta")]
            rows = []
            for figure in FIGURES:
                row = [_e(figure_label(figure, self.lang)), _e(tf.text(figure))]
                if page.moves:
                    move = next(m for m in page.moves if m.figure == figure)
                    row += [_e(move.old_text), _delta(move.delta_text(), move.better())]
                rows.append(row)
            map_page = render_html(
                self.r.graph,
                tech_view(self.r.graph, tf.technology),
                self.r.findings,
                lang=self.lang,
                as_of=self.r.as_of,
            )
            out.append(
                f'<section id="tech-{_e(tf.technology)}"><h2>{self.tr("review.section.tech")}: {_e(tf.name)}</h2>'
                f"<p class=sub>{self.tr('review.tech.grading', grading=', '.join(tf.grading))} / "
                f"{self.tr('review.tech.findings', count=tf.findings)}</p>"
                f'<div class="tech">{_png(page.image_png, tf.name)}<div>{_table(header, rows)}</div></div>'
                + self.findings_table(page.findings)
                + f"<h3>{self.tr('review.section.map')}</h3>"
                f'<iframe sandbox="allow-scripts" referrerpolicy="no-referrer" loading="lazy" '
                f'title="{_e(tf.name)}" srcdoc="{_e(map_page)}"></iframe></section>'
            )
        return "".join(out)

    def other_technologies(self) -> str:
        """The technologies without a section: their figures, one row each."""
        others = self.r.other_techs
        if not others:
            return ""
        header = [self.tr("review.col.technology")] + [_e(figure_label(f, self.lang)) for f in FIGURES]
        rows = [[_e(tf.name)] + [_e(tf.text(f)) for f in FIGURES] for tf in others]
        return f"<h2>{self.tr('review.section.other_techs', count=len(others))}</h2>" + _table(header, rows)

    def paths(self) -> str:
        header = [self.tr(f"review.col.{k}") for k in ("technology", "endpoint", "probability", "route")]
        rows = []
        for p in self.r.paths:
            route = (
                " → ".join(
                    [
                        _e(p.steps[0].source),
                        *[f"{_e(s.target)} <span class=sub>({_e(s.reason)})</span>" for s in p.steps],
                    ]
                )
                if p.steps
                else ""
            )
            rows.append([_e(p.technology), _e(p.endpoint), _e(f"{p.probability:.0%}"), route])
        body = _table(header, rows) if rows else f"<p>{self.tr('review.none')}</p>"
        return f'<h2 id="paths">{self.tr("review.section.paths")}</h2>{body}'

    def render(self) -> str:
        r = self.r
        title = r.title()
        method = [self.tr(f"review.method.{i}", as_of=r.as_of.isoformat(), quarter=r.quarter) for i in range(1, 7)]
        if r.redacted:
            method.append(self.tr("review.method.redacted"))
        nav = "".join(
            f'<a href="#{anchor}">{self.tr(key, compare=r.compare or "", quarters=", ".join(r.history))}</a>'
            for anchor, key in (
                ("summary", "review.section.summary"),
                ("checklist", "review.section.checklist"),
                ("top", "review.section.top"),
                ("paths", "review.section.paths"),
                ("trends", "review.section.trends"),
                ("method", "review.section.method"),
            )
        )
        return f"""<!DOCTYPE html>
<html lang="{r.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="graphmap">
<title>{_e(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header><h1>{_e(title)}</h1><p class=sub>{_e(r.subtitle())}</p>
{f"<p>{self.tr('review.redacted_note')}</p>" if r.redacted else ""}<nav>{nav}</nav></header>
<h2 id="summary">{self.tr("review.section.summary")}</h2>
{self.summary()}
{self.changes()}
{self.checklist()}
<h2 id="top">{self.tr("review.section.top")}</h2>
{self.findings_table(r.top)}
{self.technologies()}
{self.other_technologies()}
{self.paths()}
<h2 id="trends">{self.tr("review.section.trends", quarters=", ".join(r.history))}</h2>
{_png(r.trend_png, t("review.section.trends", r.lang, quarters=", ".join(r.history)))}
<h2 id="method">{self.tr("review.section.method")}</h2>
{"".join(f"<p>{line}</p>" for line in method)}
</body>
</html>
"""


def _delta(text: str, better: bool | None) -> str:
    if better is None:
        return _e(text)
    return f'<span class="{"better" if better else "worse"}">{_e(text)}</span>'


def render_report(review: Review) -> str:
    """The review page as one HTML string."""
    return _Page(review).render()


def write_report(path: Path, review: Review) -> None:
    """Write the review page atomically."""
    from graphmap.fileio import atomic_write_text

    atomic_write_text(path, render_report(review))
