"""Each genre plan as researchers get it, made by the tools publishers and readers use.

From a plan's spec (plans/*.txt) documents.py builds its web page and its Word file; from those:

| rendition | made by |
|---|---|
| `chromium-pdf` | the web page printed to PDF by headless Chromium (Debian's, the system's Noto CJK fonts), A4, with the browser's header and footer (date, title, URL, page x/y) as a user's print has them |
| `libreoffice-pdf` | the Word file converted by LibreOffice headless (`soffice --convert-to pdf`) |
| `chromium-pdftotext`, `libreoffice-pdftotext` | each PDF's text as poppler's `pdftotext` gives it: lines broken at the page width, page furniture kept |
| `…-pdftotext-layout` | the same with `-layout`: the columns kept by spaces |
| `browser-copy` | the web page opened in Chromium, the article selected (its text element, `#zoom` or `.article`, as a reader drags over the plan), the selection's text: what Ctrl+C copies |

No rendition is written by hand. `published` is the plan as its expectation says it is published
(its own `file`, made by `made_by`). The page may name outside stylesheets and scripts: Chromium
is let fetch nothing but the page's own file.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.genre import documents
from tests.genre.expectations import Expectation

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PDFS = ("chromium-pdf", "libreoffice-pdf")
TEXTS = ("chromium-pdftotext", "chromium-pdftotext-layout", "libreoffice-pdftotext",
         "libreoffice-pdftotext-layout", "browser-copy")
RENDITIONS = PDFS + TEXTS
# the rendition a plan's own file is, by the tool its expectation names
PUBLISHED = {"chromium": "chromium-pdf", "libreoffice": "libreoffice-pdf",
             "pdftotext": "chromium-pdftotext", "pdftotext-layout": "chromium-pdftotext-layout",
             "browser-copy": "browser-copy"}
TOOLS = {"soffice": "libreoffice-writer-nogui", "pdftotext": "poppler-utils"}
# Layouts whose table is laid out by spaces or pipes in the text itself: documents.py prints each
# of their lines as a paragraph of the page and the Word file, which no publisher does; their
# renditions are made and scored, and not held to the targets
TEXT_TABLES = {"table-spaces", "table-pipe", "table-spaces-wrapped"}


class MissingTool(RuntimeError):
    """A publishing tool is not installed: `make system` installs it."""


@dataclass(frozen=True)
class Made:
    """One plan's renditions: rendition name → file."""

    expectation: Expectation
    files: dict[str, Path]


def check_tools() -> None:
    missing = [f"{tool} ({package})" for tool, package in TOOLS.items() if not shutil.which(tool)]
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (chromium)")
    if missing:
        raise MissingTool(f"missing {', '.join(missing)}: run `make system` (scripts/install-system.sh)")


def make(expectations: list[Expectation], work: Path) -> list[Made]:
    """Every rendition of every plan, into `work` (one folder a plan), the tools run once each
    over the whole batch."""
    check_tools()
    work = Path(work)
    forms = []
    for expectation in expectations:
        folder = work / expectation.path.stem
        folder.mkdir(parents=True, exist_ok=True)
        stem = expectation.path.stem
        page = documents.build(f"{stem}.html", expectation.source, expectation.title, folder,
                               issuer=expectation.issuer, template=expectation.template)
        word = documents.build(f"{stem}.docx", expectation.source, expectation.title, folder,
                               issuer=expectation.issuer)
        forms.append((expectation, folder, page, word))
    printed = _chromium([(page, folder / f"{page.stem}.chromium.pdf", folder / f"{page.stem}.copy.txt")
                         for _, folder, page, _ in forms])
    converted = _libreoffice([word for *_, word in forms], work / "soffice")
    made = []
    for (expectation, folder, page, word), (pdf, copy), office in zip(forms, printed, converted):
        files = {"chromium-pdf": pdf, "libreoffice-pdf": office, "browser-copy": copy}
        for name, source in (("chromium", pdf), ("libreoffice", office)):
            files[f"{name}-pdftotext"] = _pdftotext(source, folder / f"{source.stem}.txt", [])
            files[f"{name}-pdftotext-layout"] = _pdftotext(source, folder / f"{source.stem}.layout.txt",
                                                           ["-layout"])
        made.append(Made(expectation, files))
    return made


def published(expectation: Expectation, made: Made | None, work: Path) -> Path:
    """The plan's own file: its spec, a document built from it, or one of its renditions."""
    if not expectation.is_document:
        return expectation.source_path
    rendition = PUBLISHED.get(expectation.made_by or "")
    if rendition is None:
        return documents.build(expectation.file, expectation.source, expectation.title, work,
                               issuer=expectation.issuer, template=expectation.template)
    if made is None:
        made = make([expectation], work)[0]
    target = Path(work) / expectation.file
    shutil.copyfile(made.files[rendition], target)
    return target


def _chromium(jobs: list[tuple[Path, Path, Path]]) -> list[tuple[Path, Path]]:
    """Each page printed to its PDF and copied to its text, in one headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=FLAGS)
        try:
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith("file:") else route.abort())
            for html, pdf, copy in jobs:
                page.goto(html.resolve().as_uri(), wait_until="load")
                page.pdf(path=str(pdf), format="A4", display_header_footer=True,
                         margin={"top": "20mm", "bottom": "20mm", "left": "15mm", "right": "15mm"})
                text = page.evaluate("""() => {
                    const article = document.querySelector("#zoom, .article, article, main");
                    const selection = window.getSelection();
                    selection.selectAllChildren(article || document.body);
                    return selection.toString();
                }""")
                copy.write_text(text, encoding="utf-8")
        finally:
            browser.close()
    return [(pdf, copy) for _, pdf, copy in jobs]


def _libreoffice(words: list[Path], work: Path) -> list[Path]:
    """The Word files converted to PDF by one LibreOffice process, with a profile of its own (a
    user's LibreOffice, open or not, is left alone)."""
    out = work / "out"
    out.mkdir(parents=True, exist_ok=True)
    profile = (work / "profile").resolve().as_uri()
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                             "--norestore", "--convert-to", "pdf", "--outdir", str(out),
                             *map(str, words)], capture_output=True, text=True, timeout=600,
                            env={**os.environ, "HOME": str(work)})
    converted = []
    for word in words:
        pdf = out / f"{word.stem}.pdf"
        if not pdf.exists():
            raise RuntimeError(f"LibreOffice did not convert {word.name}: {result.stderr[-2000:]}")
        target = word.with_suffix(".libreoffice.pdf")
        shutil.move(pdf, target)
        converted.append(target)
    return converted


def _pdftotext(pdf: Path, out: Path, options: list[str]) -> Path:
    subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), str(out)], check=True,
                   capture_output=True, timeout=120)
    return out
