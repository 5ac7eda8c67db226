"""What a file's first bytes say it is, in words a message can print ("a PDF", "a zip archive")."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

PDF_MAGIC = b"%PDF-"
PDF_HEADER_WINDOW = 1024   # readers accept the header anywhere in the first KB (ISO 32000 §7.5.2)
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .doc, .xls, .wps: the pre-2007 Office files
IMAGE_MAGICS = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                b"GIF8": "a GIF image", b"II*\x00": "a TIFF image", b"MM\x00*": "a TIFF image"}
DOCX_BODY = "word/document.xml"
# The start of an HTML page, after any BOM, white space or comment: "<!DOCTYPE html>", "<html"
HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*"
                        rb"<(?:!doctype\s+html|html|head|body|meta|title)\b",
                        re.IGNORECASE | re.DOTALL)


def looks_like(head: bytes, path: Path) -> str:
    """What the file is, from its first bytes `head` (and its zip directory, for a zip)."""
    if PDF_MAGIC in head[:PDF_HEADER_WINDOW]:
        return "a PDF"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return "an old Office file (.doc, .xls, .wps): save it as .docx"
    for magic, kind in IMAGE_MAGICS.items():
        if head.startswith(magic):
            return kind
    if HTML_START.match(head):
        return "an HTML page"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:   # not a character cut at the window's end
            return "text that is not UTF-8" if b"\x00" not in head else "binary data"
    return "plain text"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "a damaged zip archive"
    if DOCX_BODY in names:
        return "a DOCX"
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx)"
    return f"a zip archive without {DOCX_BODY}"
