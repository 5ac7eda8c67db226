"""Every genre plan in every rendition researchers get, made by the real tools (renditions.py:
Chromium's print to PDF, LibreOffice, pdftotext raw and -layout, a browser's copy) and scored
against the same hand-read expectations (expected/*.yaml) as the plan itself.

The renditions that reach the targets are held to them here, layout by layout (HELD); what the
others still miss is in docs/extraction.md (python -m tests.genre.score --renditions). A plan whose
text is a table copied cell by cell is refused with a warning saying so and is left out of the
targets, as the issue allows: never read wrongly in silence."""
from __future__ import annotations

import re

import pdfplumber
import pytest

from tests.genre import renditions, score
from tests.genre.expectations import LAYOUTS, load_all

EXPECTATIONS = load_all()
TEXT_TABLES = renditions.TEXT_TABLES
# rendition → the layouts it is held to the targets on (the plans not refused)
HELD = {
    "chromium-pdf": ("inline-clause", "own-line-clause", "annex-table", "chaptered", "docx",
                     "pdf", "html", "roles-after-names", "mixed-cell", "lead-listed-first",
                     "annex-indicators-tasks", "docx-multipage", "pdf-multipage", "html-list",
                     "two-level-docx", "copied-prose", "copied-prose-roles", "browser-pdf"),
    "libreoffice-pdf": ("inline-clause", "own-line-clause", "annex-table", "chaptered", "docx",
                        "pdf", "html", "roles-after-names", "mixed-cell", "lead-listed-first",
                        "annex-indicators-tasks", "docx-multipage", "pdf-multipage",
                        "two-level-docx", "copied-prose", "copied-prose-roles", "browser-pdf",
                        "pages-pdf"),
    "chromium-pdftotext": ("inline-clause", "own-line-clause", "roles-after-names",
                           "lead-listed-first", "html-list", "copied-prose",
                           "copied-prose-roles", "browser-pdf"),
    "chromium-pdftotext-layout": ("inline-clause", "own-line-clause", "chaptered",
                                  "roles-after-names", "lead-listed-first", "html-list",
                                  "copied-prose", "copied-prose-roles", "browser-pdf"),
    "libreoffice-pdftotext": ("inline-clause", "own-line-clause", "chaptered",
                              "roles-after-names", "lead-listed-first", "copied-prose",
                              "copied-prose-roles", "browser-pdf"),
    "libreoffice-pdftotext-layout": ("inline-clause", "own-line-clause", "chaptered",
                                     "roles-after-names", "lead-listed-first", "copied-prose",
                                     "copied-prose-roles", "browser-pdf"),
    "browser-copy": ("inline-clause", "own-line-clause", "annex-table", "chaptered", "pdf",
                     "html", "roles-after-names", "mixed-cell", "lead-listed-first",
                     "docx-multipage", "pdf-multipage", "html-list", "copied-prose",
                     "copied-prose-roles", "browser-pdf", "pages-pdf"),
}
RADICAL = re.compile("[\u2e80-\u2fdf]")


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> list[renditions.Made]:
    return renditions.make(EXPECTATIONS, tmp_path_factory.mktemp("renditions"))


@pytest.fixture(scope="module")
def scored(made) -> dict[str, list[score.PlanScore]]:
    return score.score_renditions(made)


def test_each_rendition_is_made_by_its_tool(made) -> None:
    assert len(made) == len(EXPECTATIONS)
    for plan in made:
        assert set(plan.files) == set(renditions.RENDITIONS)
        with pdfplumber.open(plan.files["chromium-pdf"]) as pdf:
            assert "Skia/PDF" in pdf.metadata.get("Producer", ""), plan.expectation.file
        with pdfplumber.open(plan.files["libreoffice-pdf"]) as pdf:
            assert "LibreOffice" in pdf.metadata.get("Producer", ""), plan.expectation.file
        title = re.sub(r"\s+", "", plan.expectation.title)
        for name in renditions.TEXTS:
            text = plan.files[name].read_text(encoding="utf-8")
            assert text.strip(), f"{plan.expectation.file} {name}: empty"
        copied = re.sub(r"\s+", "", plan.files["browser-copy"].read_text(encoding="utf-8"))
        assert title in copied


def test_a_browser_printed_pdf_gives_radicals_and_the_records_none(made) -> None:
    """The Chromium PDF's fonts map 人 to ⼈ (U+2F08), 民 to ⺠ (U+2EA0) …: the text pdfplumber
    reads holds them; the records hold the ideographs, and the names resolve as printed."""
    plan = next(m for m in made if m.expectation.layout == "browser-pdf")
    with pdfplumber.open(plan.files["chromium-pdf"]) as pdf:
        printed = "".join(page.extract_text() or "" for page in pdf.pages)
    assert {"⼈", "⺠"} <= set(RADICAL.findall(printed))
    records, error = score.read_path(plan.files["chromium-pdf"])
    assert error is None
    read = [records.header.title or ""] + [t.title + t.text for t in records.tasks] + \
        [unit for t in records.tasks for unit in t.responsible_units]
    assert not any(RADICAL.search(text) for text in read)
    # the plan's spec line 18 prints 市人社局 in the clause of its first task
    units = {unit for t in records.tasks for unit in t.responsible_units}
    assert {"市人社局", "市人力资源和社会保障局", "各乡镇人民政府"} <= units


@pytest.mark.parametrize("rendition", sorted(HELD))
def test_renditions_held_meet_the_targets(scored, rendition) -> None:
    plans = [p for p in score.held(scored[rendition]) if p.layout in HELD[rendition]]
    table = score.totals(plans)
    assert set(table) == set(HELD[rendition]) | {"overall"}, "a held layout was refused"
    failures = {layout: score.check(s) for layout, s in table.items()}
    assert {layout: f for layout, f in failures.items() if f} == {}


def test_a_table_copied_cell_by_cell_is_refused_with_its_reason(scored) -> None:
    """pdftotext's raw text of a ruled table gives its cells one a line: every such plan says so
    (and --strict fails on it) rather than reading a wrong task."""
    refused = [p for scores in scored.values() for p in scores if p.score.refused]
    assert refused
    raw = [p for p in scored["chromium-pdftotext"] if p.layout in ("table-tab", "docx", "pdf")]
    assert raw and all(p.score.refused for p in raw)


def test_every_layout_is_rendered() -> None:
    assert {e.layout for e in EXPECTATIONS} == set(LAYOUTS)
    assert not TEXT_TABLES & {layout for layouts in HELD.values() for layout in layouts}
