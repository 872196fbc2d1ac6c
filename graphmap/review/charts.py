"""Static images for decks and reports, drawn with matplotlib (Agg, no
pyplot state): a technology's exposure map and trend charts of the key
figures over the stored quarters.

Text is set in Noto Sans CJK JP (Debian ``fonts-noto-cjk``) so Japanese
names render; when no Japanese-capable font is installed the images are
still drawn, with a warning, in matplotlib's default font.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import networkx as nx

from graphmap.analyses.base import Finding
from graphmap.i18n import MESSAGES, t
from graphmap.render.views import MapView, node_name
from graphmap.review.figures import FIGURES, KeyFigures, figure_label

__all__ = ["FontWarning", "exposure_map_png", "japanese_font", "trend_png"]

#: Font families tried, in order, for Japanese text.
JAPANESE_FONTS: tuple[str, ...] = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "Hiragino Sans",
    "Yu Gothic",
    "Meiryo",
    "MS Gothic",
)
#: Where Debian's fonts-noto-cjk puts the fonts (added when matplotlib's
#: font cache predates their installation).
_NOTO_FILES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
)

# node colours as on the interactive map
_COLOURS = {
    "Technology": "#7b1fa2",
    "ProcessStep": "#ba68c8",
    "InformationAsset": "#00897b",
    "Person": "#1e88e5",
    "Organisation": "#2e7d32",
    "Disclosure": "#90a4ae",
    "Equipment": "#6d4c41",
    "Site": "#00acc1",
    "Country": "#455a64",
    "Unit": "#a1887f",
    "Contract": "#3949ab",
    "Project": "#d81b60",
    "DueDiligence": "#9e9d24",
}
_SEVERITY_EDGE = {4: "#b71c1c", 3: "#ef6c00", 2: "#f9a825", 1: "#78909c"}
#: labels whose names are written on the static map
_NAMED = frozenset({"Technology", "Project"})


class FontWarning(UserWarning):
    """No Japanese-capable font was found; Japanese text may show as boxes."""


@cache
def japanese_font() -> str | None:
    """The family name of an installed Japanese-capable font, or None."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in JAPANESE_FONTS:
        if family in names:
            return family
    for path in _NOTO_FILES:
        if path.is_file():
            try:
                font_manager.fontManager.addfont(str(path))
            except (OSError, RuntimeError, ValueError):  # pragma: no cover - unreadable font file
                continue
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in JAPANESE_FONTS if f in names), None)


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    matplotlib.use("Agg", force=False)
    family = japanese_font()
    if family is None:
        warnings.warn(
            "no Japanese-capable font found (install fonts-noto-cjk); Japanese text may not render / "
            "日本語フォントが見つかりません（fonts-noto-cjk を入れてください）",
            FontWarning,
            stacklevel=3,
        )
    fonts = [family, "DejaVu Sans"] if family else ["DejaVu Sans"]
    with matplotlib.rc_context(
        {"font.family": "sans-serif", "font.sans-serif": fonts, "axes.unicode_minus": False, "svg.fonttype": "path"}
    ):
        yield


def _png(fig: object, dpi: int, fmt: str = "png") -> bytes:
    """The figure as PNG, or as SVG with text kept as text (``fmt="svg"``,
    so tests can read the labels drawn)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)  # type: ignore[arg-type]
    buf = io.BytesIO()
    if fmt == "svg":
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "graphmap"}):
            canvas.figure.savefig(buf, format="svg", metadata={"Creator": "graphmap", "Date": None})
    else:
        canvas.figure.savefig(buf, format="png", dpi=dpi, metadata={"Software": "graphmap"})
    return buf.getvalue()


def _label_name(label: str, lang: str) -> str:
    key = f"map.label.{label}"
    return t(key, lang) if key in MESSAGES else label


def _short(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def exposure_map_png(
    g: nx.MultiDiGraph,
    view: MapView,
    findings: Sequence[Finding],
    *,
    lang: str = "ja",
    width: float = 10.0,
    height: float = 6.2,
    dpi: int = 100,
    max_labels: int = 14,
    fmt: str = "png",
) -> bytes:
    """A static picture of ``view`` (normally :func:`tech_view`): nodes
    coloured by kind, ringed by the severity of their worst finding, sized
    by exposure; the focus and the ``max_labels`` most exposed nodes named.
    Positions come from :func:`graphmap.render.layout.layout`, as on the
    interactive map, with every group unfolded.

    Complexity: O(V + E) drawing plus the layout.
    """
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    from graphmap.render.html_map import node_exposure
    from graphmap.render.layout import layout

    exposure = node_exposure(findings)
    unfolded = MapView(**{**view.__dict__, "collapsed": set()})
    pos = layout(unfolded, {n: exposure.get(n, (0.0, 0, []))[0] for n in view.nodes})
    nodes = [n for n in view.nodes if n in pos]
    with _style():
        fig = Figure(figsize=(width, height))
        ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))
        ax.set_axis_off()
        segments = [
            [(pos[u][0], -pos[u][1]), (pos[v][0], -pos[v][1])] for u, v, _k in view.edges if u in pos and v in pos
        ]
        ax.add_collection(LineCollection(segments, colors="#b0bec5", linewidths=0.4, zorder=1))
        by_label: dict[str, list[str]] = {}
        for n in nodes:
            by_label.setdefault(str(g.nodes[n].get("label", "")), []).append(n)
        for label, members in sorted(by_label.items()):
            colour = _COLOURS.get(label, "#9e9e9e")
            ranks = [exposure.get(n, (0.0, 0, []))[1] for n in members]
            ax.scatter(
                [pos[n][0] for n in members],
                [-pos[n][1] for n in members],
                s=[420 if n in view.focus else 24 + min(220.0, exposure.get(n, (0.0, 0, []))[0]) for n in members],
                c=colour,
                edgecolors=[_SEVERITY_EDGE.get(r, "white") for r in ranks],
                linewidths=[1.8 if r else 0.4 for r in ranks],
                marker="*" if label == "Technology" else "o",
                zorder=3,
                label=_label_name(label, lang),
            )
        ranked = sorted(nodes, key=lambda n: (-exposure.get(n, (0.0, 0, []))[0], n))
        named = [n for n in nodes if n in view.focus or g.nodes[n].get("label") in _NAMED]
        shown = list(dict.fromkeys([*view.focus, *ranked[:max_labels], *named]))[: max_labels + len(view.focus)]
        for n in shown:
            x, y = pos[n]
            ax.annotate(
                _short(node_name(g, n, lang)),
                (x, -y),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=10 if n in view.focus else 7,
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
            )
        ax.legend(loc="lower left", fontsize=7, frameon=False, ncol=2, markerscale=0.6)
        ax.autoscale_view()
        ax.margins(0.06)
        return _png(fig, dpi, fmt)


def trend_png(
    history: Sequence[tuple[str, KeyFigures]],
    *,
    lang: str = "ja",
    names: Mapping[str, str] | None = None,
    width: float = 11.0,
    height: float = 6.0,
    dpi: int = 110,
    fmt: str = "png",
    techs: Sequence[str] | None = None,
) -> bytes:
    """One small chart per key figure over the stored quarters (oldest
    first), one line per technology of ``techs`` (default: every
    technology of the history, sorted).  ``names`` maps technology ids to
    the names shown in the legend."""
    from matplotlib.figure import Figure

    quarters = [q for q, _ in history]
    if techs is None:
        techs = sorted({tf.technology for _, kf in history for tf in kf.technologies})
    label_of = dict(names or {})
    by_quarter = [{tf.technology: tf for tf in kf.technologies} for _, kf in history]
    for figures in by_quarter:
        for tech, tf in figures.items():
            label_of.setdefault(tech, tf.name)
    with _style():
        fig = Figure(figsize=(width, height))
        axes = fig.subplots(2, 3)
        lines = []
        for ax, figure in zip(axes.flat, FIGURES, strict=True):
            ax.set_title(figure_label(figure, lang), fontsize=10)
            for tech in techs:
                ys: list[float] = []
                for figures in by_quarter:
                    found = figures.get(tech)
                    value = None if found is None else found.value(figure)
                    ys.append(float("nan") if value is None else value)
                (line,) = ax.plot(quarters, ys, marker="o", label=_short(label_of.get(tech, tech), 16))
                if figure == next(iter(FIGURES)):
                    lines.append(line)
            ax.tick_params(labelsize=8)
            ax.grid(True, linewidth=0.3)
            ax.yaxis.get_major_locator().set_params(integer=True)
        fig.legend(handles=lines, loc="lower center", ncol=min(4, max(1, len(lines))), fontsize=8, frameon=False)
        fig.subplots_adjust(left=0.05, right=0.98, top=0.93, bottom=0.16, hspace=0.45, wspace=0.25)
        return _png(fig, dpi, fmt)
