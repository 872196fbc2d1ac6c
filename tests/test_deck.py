"""The review deck opened by real clients: python-pptx reads it back, and
LibreOffice (Debian ``libreoffice-impress``) converts it to PDF, whose text
(``pdftotext``) must hold the Japanese strings and whose pages
(``pdftoppm``) are rendered to PNG in ``test-artifacts/review-deck/`` for
inspection.

The LibreOffice and poppler tests fail (not skip) when the tools are
missing: ``.ci/run`` installs them.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graphmap.review.content import Review, build_review
from graphmap.review.deck import deck_bytes
from tests.review_fixtures import two_quarters

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "review-deck"
TECH_NAMES = (
    "積層セラミックコンデンサ用チタン酸バリウム微粒子の水熱合成技術",
    "高ニッケル正極材の焼成技術",
    "使用済み正極材のダイレクトリサイクル技術",
    "硫化物系固体電解質の合成技術",
)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: install Debian's {package} (.ci/run does)")
    return path


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Review:
    ws = tmp_path_factory.mktemp("deck") / "ws"
    two_quarters(ws)
    return build_review(ws, "2026Q4", compare="2026Q3", lang="ja")


@pytest.fixture(scope="module")
def deck(review: Review, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pptx") / "review.pptx"
    path.write_bytes(deck_bytes(review))
    return path


@pytest.fixture(scope="module")
def pdf(deck: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The deck converted once by LibreOffice headless, with a private
    profile so a running office or another test cannot interfere."""
    soffice = _tool("soffice", "libreoffice-impress")
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    res = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(deck),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    target = out / "review.pdf"
    assert res.returncode == 0 and target.is_file(), f"conversion failed: {res.stdout}\n{res.stderr}"
    return target


def _slides(deck: Path) -> list[str]:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(deck.read_bytes()))
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def test_python_pptx_reads_the_deck_back(deck: Path, review: Review) -> None:
    from pptx import Presentation

    titles = _slides(deck)
    assert titles[0] == review.title()
    for expected in (
        "エグゼクティブサマリー",
        "2026Q3 以降の新しい指摘",
        "2026Q3 以降に解消した指摘",
        "流出経路",
        "付録: 方法",
    ):
        assert expected in titles
    assert sum(t.startswith("チェックリスト: ") for t in titles) == 5  # one per route
    # every graded technology has a page, the most exposed first
    assert [t for t in titles if t.startswith("技術: ")] == [f"技術: {p.figures.name}" for p in review.techs]
    assert sorted(p.figures.name for p in review.techs) == sorted(TECH_NAMES)
    counts = [p.figures.findings for p in review.techs]
    assert counts == sorted(counts, reverse=True)
    assert any(t.startswith("主要指標の推移") for t in titles)
    prs = Presentation(io.BytesIO(deck.read_bytes()))
    # 32 checklist items across the route slides
    items = 0
    for s in prs.slides:
        if s.shapes.title is not None and s.shapes.title.text.startswith("チェックリスト: "):
            table = next(sh.table for sh in s.shapes if sh.has_table)
            items += len(table.rows) - 1
    assert items == 32
    # one picture on each technology slide and on the trend slide
    pictures = [sum(1 for sh in s.shapes if sh.shape_type == 13) for s in prs.slides]
    assert sum(pictures) == len(TECH_NAMES) + 1
    props = prs.core_properties
    assert props.author == "graphmap" and props.last_modified_by == "graphmap"
    assert props.title == review.title()


@pytest.mark.office
def test_libreoffice_renders_every_slide(deck: Path, pdf: Path) -> None:
    pdfinfo = subprocess.run([_tool("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", pdfinfo.stdout, re.M).group(1))  # type: ignore[union-attr]
    assert pages == len(_slides(deck))


@pytest.mark.office
def test_japanese_text_survives_conversion(pdf: Path) -> None:
    res = subprocess.run(
        [_tool("pdftotext", "poppler-utils"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
    )
    assert res.returncode == 0
    text = re.sub(r"\s+", "", res.stdout)
    for expected in (*TECH_NAMES, "東邦セラミックス株式会社", "エグゼクティブサマリー", "トラックファクター", "要対応"):
        assert expected in text, expected


@pytest.mark.office
def test_pages_render_to_png(pdf: Path) -> None:
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir(parents=True)
    res = subprocess.run(
        [_tool("pdftoppm", "poppler-utils"), "-r", "60", "-png", str(pdf), str(ARTIFACTS / "slide")],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    pngs = sorted(ARTIFACTS.glob("slide-*.png"))
    assert len(pngs) > 10
    for png in pngs:
        assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5_000
    # a technology slide carries its map: far more ink than a text slide
    sizes = [p.stat().st_size for p in pngs]
    assert max(sizes) > 3 * min(sizes)
