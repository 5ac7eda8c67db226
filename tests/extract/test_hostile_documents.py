"""Hostile documents: each is refused, or read, within the reader's time and memory caps, with a
DocumentError saying why, no outbound request, and nothing written. The documents are made here;
the caps are exercised with real readers in the real child process (kg/extract/documents/capped.py)."""
from __future__ import annotations

import os
import struct
import sys
import time
import zipfile
import zlib

import pytest

from kg.extract.documents import DocumentError, read_document
from kg.extract.documents.capped import run_capped
from tests.extract.sample_documents import write_docx, write_html

# Set in this process; the forked reader inherits the hook and the flag
_NO_NETWORK = {"on": False}


def _refuse_network(event: str, args) -> None:
    if _NO_NETWORK["on"] and event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        raise RuntimeError(f"outbound request attempted: {event} {args!r}")


sys.addaudithook(_refuse_network)


@pytest.fixture
def offline():
    _NO_NETWORK["on"] = True
    yield
    _NO_NETWORK["on"] = False


def _sleeps(path):
    time.sleep(30)
    return [], [], {}


def _allocates(path):
    hoard = bytearray(800 * 1024 * 1024)
    return [str(len(hoard))], ["l.1"], {}


def _children() -> set[int]:
    return {int(p) for p in os.listdir("/proc") if p.isdigit()
            and _parent(int(p)) == os.getpid()}


def _parent(pid: int) -> int | None:
    try:
        stat = open(f"/proc/{pid}/stat").read()
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2:].split()[1])


def test_a_reader_past_its_time_cap_is_killed_and_the_document_refused(tmp_path):
    path = tmp_path / "slow.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    before = _children()   # other tests' servers may be running
    started = time.monotonic()
    with pytest.raises(DocumentError, match=r"slow.pdf: reading it took longer than 0.5 s"):
        run_capped(_sleeps, path, "PDF", seconds=0.5)
    assert time.monotonic() - started < 5
    assert _children() <= before   # killed and reaped: no reader left behind


def test_a_reader_past_its_memory_cap_is_refused(tmp_path):
    path = tmp_path / "big.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(DocumentError, match=r"big.docx: needs more than 100 MB to read"):
        run_capped(_allocates, path, "DOCX", memory=100 * 1024 * 1024)
    # the same reader under a cap it fits passes its answer back
    assert run_capped(_allocates, path, "DOCX", memory=2 * 1024 ** 3)[0] == [str(800 * 1024 * 1024)]


def test_a_docx_whose_zip_lies_about_its_sizes_is_refused(tmp_path):
    """word/document.xml declares 1 KB in both zip headers and inflates to 30 MB: the size check
    believes the headers; the reader finds the lie (or meets the memory cap) and refuses."""
    lying = _docx_with_body(tmp_path, lambda xml: xml.replace(
        b"</w:body>", b"<w:p/>" * (5 * 1024 * 1024) + b"</w:body>", 1))
    _shrink_declared_size(lying, "word/document.xml", 1024)
    assert lying.stat().st_size < 2 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(DocumentError, match=r"plan.docx"):
        read_document(lying)
    assert time.monotonic() - started < 60


def _docx_with_body(folder, edit) -> "Path":
    """folder/plan.docx: the sample DOCX with word/document.xml passed through `edit`."""
    honest = write_docx(folder / "honest.docx")
    made = folder / "plan.docx"
    with zipfile.ZipFile(honest) as source, zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            out.writestr(item, edit(data) if item.filename == "word/document.xml" else data)
    return made


def _shrink_declared_size(path, name: str, size: int) -> None:
    """Both zip headers of member `name` say it unpacks to `size` bytes."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30:local + 30 + name_length] == encoded:
            struct.pack_into("<I", data, local + 22, size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == encoded:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_an_html_page_with_scripts_and_external_resources_is_read_offline(tmp_path, offline):
    page = write_html(tmp_path / "plan.html")
    text = page.read_text(encoding="utf-8")
    hostile = ('<link rel="stylesheet" href="http://203.0.113.9/a.css">'
               '<script src="http://203.0.113.9/a.js"></script>'
               '<script>fetch("http://203.0.113.9/beacon")</script>'
               '<iframe src="http://203.0.113.9/frame"></iframe>'
               '<img src="http://203.0.113.9/pixel.png">'
               '<!DOCTYPE x [<!ENTITY e SYSTEM "http://203.0.113.9/entity">]>')
    page.write_text(text.replace("<body>", "<body>" + hostile, 1), encoding="utf-8")
    document = read_document(page)
    assert not any("203.0.113.9" in line or "fetch(" in line for line in document.lines)
    assert any("重点任务" in line for line in document.lines)


def test_a_docx_with_an_external_entity_is_read_without_fetching_it(tmp_path, offline):
    """An XML external entity in word/document.xml is neither fetched nor expanded."""
    def with_entity(xml: bytes) -> bytes:
        head, _, rest = xml.partition(b"?>")
        return head + b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "http://203.0.113.9/x">]>' + rest

    hostile = _docx_with_body(tmp_path, with_entity)
    try:
        document = read_document(hostile)
    except DocumentError as error:   # refusing it is as good: the point is no request
        assert "outbound request" not in str(error)
    else:
        assert not any("203.0.113.9" in line for line in document.lines)


def test_a_page_nested_a_hundred_thousand_deep_is_read_or_refused_in_time(tmp_path):
    page = tmp_path / "plan.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "二、重点任务" + "</div>" * 100_000
                    + "</body></html>", encoding="utf-8")
    started = time.monotonic()
    try:
        read_document(page)
    except DocumentError as error:
        assert "plan.html" in str(error)
    assert time.monotonic() - started < 60


def test_a_corrupt_deflate_stream_is_a_document_error(tmp_path):
    honest = write_docx(tmp_path / "honest.docx")
    data = bytearray(honest.read_bytes())
    body = data.find(b"word/document.xml")
    start = body + len("word/document.xml")
    data[start:start + 64] = zlib.compress(b"x")[:64].ljust(64, b"\xff")
    broken = tmp_path / "plan.docx"
    broken.write_bytes(bytes(data))
    with pytest.raises(DocumentError, match="plan.docx"):
        read_document(broken)
