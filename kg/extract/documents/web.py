"""HTML → lines with lxml: the page's main content, one line a block element, tables as TAB rows.

Nothing is fetched: the parser has no network, and nothing the page links (scripts, frames,
images, styles) is read. A government page's navigation, header, footer, side bars and forms
are dropped before the main content is looked for.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from kg.extract.documents.errors import DocumentError
from kg.extract.documents.rows import Row, cell_text, table_lines

DROPPED = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
           "iframe", "object", "embed", "svg", "button", "select", "textarea")
# An id or class naming the article body: "TRS_Editor", "article-content", "main", "zoom"
CONTENT_NAME = re.compile(r"content|article|main|TRS_Editor|zoom", re.IGNORECASE)
BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre",
                    "blockquote", "section", "article", "main", "center", "address", "ul", "ol",
                    "dl", "figure", "figcaption", "caption", "body", "hr", "tr", "td", "th"})
WHITE_SPACE = re.compile(r"[ \t\r\n\f\v]+")   # HTML's white space (not U+3000, not &nbsp;)
MAX_SPAN = 1_000   # rowspan/colspan beyond this is not a real table
# The charset a page declares: <meta charset="utf-8">, <meta … content="text/html; charset=gb2312">
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# An XML declaration before an XHTML page: <?xml version="1.0" encoding="utf-8"?>
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# GB2312 and GBK pages print characters only their superset GB18030 has names for
GB_NAMES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn"}
UNDECLARED = ("utf-8", "gb18030")   # a page declaring nothing: the encodings Chinese sites use


def read_html(path: Path) -> tuple[list[str], list[str], dict[str, str]]:
    import lxml.html

    # no_network: no DTD or entity is fetched; the HTML parser loads no external entity at all
    # (resolve_entities is an XMLParser option; lxml's HTMLParser has no such switch)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  huge_tree=False)
    root = lxml.html.fromstring(XML_DECLARATION.sub("", decode(path.read_bytes(), path.name)),
                                parser=parser)
    metadata = page_metadata(root)
    for element in list(root.iter(*DROPPED)):
        element.drop_tree()
    tree = root.getroottree()
    walker = _Walker(tree)
    content = main_content(root)
    walker.block(content, content)
    walker.flush()
    return walker.lines, walker.locations, metadata


def decode(data: bytes, name: str) -> str:
    """The page's text: in the charset it declares, else UTF-8, else GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    found = META_CHARSET.search(data[:8192])
    declared = found.group(1).decode("ascii").lower() if found else None
    if declared in GB_NAMES:
        declared = "gb18030"
    try:
        codecs.lookup(declared or "utf-8")
    except LookupError:
        declared = None   # a name no codec has: read as an undeclared page
    for encoding in ([declared] if declared else []) + [e for e in UNDECLARED if e != declared]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(name, "", f"the page is neither {declared or 'UTF-8'} text"
                        f"{' as it declares' if declared else ''} nor UTF-8 or GB18030")


def page_metadata(root) -> dict[str, str]:
    """<title> and every <meta name=… content=…>: ArticleTitle, PubDate, ContentSource …"""
    metadata = {}
    title = root.find(".//title")
    if title is not None and (text := _collapse(title.text_content())):
        metadata["title"] = text
    for meta in root.iter("meta"):
        name, content = meta.get("name"), meta.get("content")
        if name and content is not None and content.strip() and name not in metadata:
            metadata[name.strip()] = _collapse(content)
    return metadata


def main_content(root):
    """The element whose id or class names the content (the one with most text of those), unless
    an element holding paragraphs directly has more than twice its text (a "content" class on a
    share box, the article itself unnamed); else that element; else the body."""
    body = root.find(".//body")
    body = body if body is not None else root
    named = [el for el in root.iter()
             if isinstance(el.tag, str) and el.tag not in ("html", "body")
             and CONTENT_NAME.search(f"{el.get('id', '')} {el.get('class', '')}")]
    best_named = max(named, key=lambda el: len(_collapse(el.text_content())), default=None)
    best, most = body, 0
    for el in body.iter():
        if isinstance(el.tag, str) and (direct := _direct_text(el)) > most:
            best, most = el, direct
    if best_named is not None and 2 * len(_collapse(best_named.text_content())) >= most:
        return best_named
    return best


def _direct_text(element) -> int:
    """How much text an element holds itself: its own text runs and its paragraphs' text."""
    size = len(_collapse(element.text or ""))
    for child in element:
        if isinstance(child.tag, str) and child.tag in ("p", "span", "font", "strong", "b"):
            size += len(_collapse(child.text_content()))
        size += len(_collapse(child.tail or ""))
    return size


class _Walker:
    """Collects lines: text runs are gathered until a block element or <br> ends them."""

    def __init__(self, tree):
        self.tree = tree
        self.lines: list[str] = []
        self.locations: list[str] = []
        self.parts: list[str] = []
        self.where: str | None = None
        self.tables = 0

    def text(self, text: str | None, element) -> None:
        if text and text.strip():
            if self.where is None:
                self.where = self.tree.getpath(element)
            self.parts.append(text)

    def flush(self) -> None:
        line = _collapse("".join(self.parts))
        if line:
            self.lines.append(line.replace("\t", " "))
            self.locations.append(self.where or "")
        self.parts, self.where = [], None

    def block(self, element, container) -> None:
        """The element's content as lines; a block element starts and ends a line, located at
        the block element (`container`) the line's first text is in."""
        if element.tag == "table" and not is_layout(element):
            self.flush()
            self.table(element)
            return
        is_block = element.tag in BLOCKS
        if is_block:
            self.flush()
            container = element
        if element.tag == "li":
            self.text(list_marker(element), container)
        self.text(element.text, container)
        for child in element:
            if isinstance(child.tag, str):   # not a comment or processing instruction
                if child.tag == "br":
                    self.flush()
                else:
                    self.block(child, container)
            self.text(child.tail, container)
        if is_block:
            self.flush()

    def table(self, element) -> None:
        path = self.tree.getpath(element)
        caption = element.find("caption")
        if caption is not None:   # the table's title: "表1 主要发展指标"
            self.text(caption.text_content(), caption)
            self.flush()
        rows = table_grid(element)
        if not rows:
            return
        more, where = table_lines(rows, [f"{path} row {n}" for n in range(1, len(rows) + 1)],
                                  path)
        self.lines += more
        self.locations += where


def list_marker(item) -> str:
    """The number a browser prints before an item of an ordered list, as the plan's parsers read
    it ("4."): the list's `start` (1 when absent) counted over its items, an item's `value`
    resetting the count, in the list's `type` (1, a, A, i, I). An unordered list's bullet, or an
    item outside a list, prints nothing."""
    parent = item.getparent()
    if parent is None or parent.tag != "ol":
        return ""
    number = _integer(parent.get("start"), 1)
    for sibling in parent:
        if not isinstance(sibling.tag, str) or sibling.tag != "li":
            continue
        number = _integer(sibling.get("value"), number)
        if sibling is item:
            break
        number += 1
    return f"{_numeral(number, parent.get('type') or '1')}."


def _integer(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _numeral(number: int, kind: str) -> str:
    if kind in ("a", "A") and number > 0:
        letters = ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if kind == "a" else letters.upper()
    if kind in ("i", "I") and 0 < number < 4000:
        roman = ""
        for value, symbol in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                              (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                              (4, "iv"), (1, "i")):
            while number >= value:
                roman += symbol
                number -= value
        return roman if kind == "i" else roman.upper()
    return str(number)


def is_layout(table) -> bool:
    """A table laying out a page (older government sites frame the article with them) rather
    than holding data: one with a table inside a cell. Its cells are read as blocks."""
    return any(cell.find(".//table") is not None for tr in _own_rows(table)
               for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th"))


def table_grid(table) -> list[Row]:
    """The rows of an HTML table (its own, not a nested table's), colspan and rowspan resolved:
    a cell spanning columns is kept once and its other columns empty, a cell spanning rows
    repeats on each."""
    grid: list[list[str | None]] = []
    spans_all: list[bool] = []
    boxes: list[tuple[str, ...]] = []
    carried: dict[int, tuple[str, int]] = {}   # column → (text, rows still covered)
    for tr in _own_rows(table):
        row: list[str | None] = []
        first_parts: tuple[str, ...] = ()
        column = 0
        cells = [cell for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
        for cell in cells:
            column = _carry(row, carried, column)
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            parts = _cell_parts(cell)
            text = cell_text(parts)
            if not row:
                first_parts = tuple(parts)
            row.append(text)
            row.extend([""] * (colspan - 1))
            if rowspan > 1:   # the rows below get the text in its first column, "" in the rest
                for k in range(colspan):
                    carried[column + k] = (text if k == 0 else "", rowspan - 1)
            column += colspan
        _carry(row, carried, column, to_end=True)
        grid.append(row)
        spans_all.append(len(cells) == 1 and _span(cells[0].get("colspan")) > 1)
        boxes.append(first_parts)
    width = max((len(row) for row in grid), default=0)
    return [Row(tuple((cell or "") for cell in row) + ("",) * (width - len(row)),
                whole and width > 1, parts)
            for row, whole, parts in zip(grid, spans_all, boxes)]


def _carry(row: list, carried: dict[int, tuple[str, int]], column: int,
           to_end: bool = False) -> int:
    """Cells carried down from rows above into `row` at `column` (and on, while they last)."""
    while column in carried or (to_end and any(c >= column for c in carried)):
        if column in carried:
            text, left = carried[column]
            row.append(text)
            if left > 1:
                carried[column] = (text, left - 1)
            else:
                del carried[column]
        elif to_end:
            row.append("")
        column += 1
    return column


def _own_rows(table) -> list:
    rows = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows += [tr for tr in child if isinstance(tr.tag, str) and tr.tag == "tr"]
    return rows


def _cell_parts(cell) -> list[str]:
    """A cell's text split where a <br> or a block element breaks it."""
    parts: list[str] = [""]

    def walk(element) -> None:
        if element.tag in BLOCKS or element.tag == "br":
            parts.append("")
        if element.tag != "br" and element.text:
            parts[-1] += element.text
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts[-1] += child.tail

    parts[-1] += cell.text or ""
    for child in cell:
        if isinstance(child.tag, str):
            walk(child)
        if child.tail:
            parts[-1] += child.tail
    return [_collapse(part) for part in parts]


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), MAX_SPAN))
    except ValueError:
        return 1


def _collapse(text: str) -> str:
    return WHITE_SPACE.sub(" ", text).strip()
