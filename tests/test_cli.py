"""The plankg command, run as a user runs it."""
import csv
import io
import json
import os
import socket
import subprocess
import sys

from tests.builds import ntriples
from tests.conftest import ROOT, SOURCES

PLANKG = [sys.executable, "-m", "plankg"]


def run(*args):
    return subprocess.run(PLANKG + list(args), capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_extract_json_lists_tasks_with_units_and_lines():
    done = run("extract", str(SOURCES / "shapingba_2025_service_system.txt"), "--format", "json")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    task = next(t for t in records["tasks"] if t["key"] == "17")
    # shapingba:40 "（责任单位：区财政局、区卫生健康委）"
    assert task["responsible_units"] == ["区财政局", "区卫生健康委"]
    assert task["source"] == {
        "file": "shapingba_2025_service_system.txt", "start_line": 40, "end_line": 40}


def test_extract_a_docx_shows_where_each_task_is(tmp_path):
    from tests.extract.sample_documents import write_docx

    document = write_docx(tmp_path / "plan.docx")
    done = subprocess.run(PLANKG + ["extract", str(document)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env=dict(os.environ, COLUMNS="200"))
    assert done.returncode == 0, done.stderr
    # sample_documents.PARAGRAPHS[6]: task 1, paragraph 7 of the DOCX
    assert "paragraph 7 – paragraph 7" in done.stdout
    records = json.loads(run("extract", str(document), "--format", "json").stdout)
    assert records["tasks"][0]["source"] == {"file": "plan.docx", "start_line": 7, "end_line": 7,
                                             "location": ["paragraph 7", "paragraph 7"]}


def test_extract_a_document_that_cannot_be_read_fails_with_the_reason(tmp_path):
    fake = tmp_path / "plan.pdf"
    fake.write_text("二、重点任务", encoding="utf-8")
    done = run("extract", str(fake))
    assert done.returncode == 2
    assert "plan.pdf: named .pdf but the content is plain text" in done.stderr
    assert "Traceback" not in done.stderr


def test_build_then_query_an_example_by_name_as_csv():
    assert run("build").returncode == 0
    done = run("query", "10-tasks-mentioning-phrase", "--format", "csv")
    assert done.returncode == 0, done.stderr
    table = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["task"] for r in table] == ["https://w3id.org/plankg/id/task/shapingba-2025/9"]


def test_export_writes_the_dataset_as_one_file_a_format(tmp_path, build_dir):
    done = run("export", "--build", str(build_dir), "-o", str(tmp_path), "-f", "nt", "-f", "ttl")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plankg.nt", "plankg.ttl"]
    nt = (tmp_path / "plankg.nt").read_text(encoding="utf-8")
    assert nt == ntriples(build_dir)
    # shapingba_2025_service_system.txt:25, task 6, in both
    task = "https://w3id.org/plankg/id/task/shapingba-2025/6"
    assert f"<{task}> " in nt
    assert "pkid:task\\/shapingba-2025\\/6" in (tmp_path / "plankg.ttl").read_text(encoding="utf-8")


def test_export_refuses_an_unknown_format_and_a_folder_with_no_build(tmp_path, build_dir):
    done = run("export", "--build", str(build_dir), "-o", str(tmp_path), "-f", "rdfxml")
    assert done.returncode == 2 and "--format rdfxml" in done.stderr
    done = run("export", "--build", str(tmp_path))
    assert done.returncode == 2 and "holds no build" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_malformed_query_exits_1_with_the_position():
    run("build")
    done = run("query", "SELECT ?x WHERE { ?x ")
    assert done.returncode == 1
    assert "1:" in done.stderr and "query rejected" in done.stderr


def test_load_a_remote_server_then_query_it_by_store_option_and_by_environment(tmp_path):
    from tests.oxigraph import start_oxigraph, stop_oxigraph

    assert run("build").returncode == 0
    server = start_oxigraph(tmp_path / "db", tmp_path / "oxigraph.log")
    try:
        loaded = run("load", "--endpoint", server.url)
        assert loaded.returncode == 0, loaded.stderr
        assert "triples" in loaded.stdout
        by_option = run("query", "10-tasks-mentioning-phrase", "--format", "csv",
                        "--store", "remote", "--endpoint", server.url)
        assert by_option.returncode == 0, by_option.stderr
        table = list(csv.DictReader(io.StringIO(by_option.stdout)))
        # 家医服务站 appears once in the sources: shapingba:29, task 9 (健全家庭医生制度)
        assert [r["task"] for r in table] == ["https://w3id.org/plankg/id/task/shapingba-2025/9"]
        env = dict(os.environ, PLANKG_STORE="remote", PLANKG_ENDPOINT=server.url)
        by_env = subprocess.run(PLANKG + ["query", "10-tasks-mentioning-phrase", "--format",
                                          "csv"], capture_output=True, text=True, cwd=ROOT,
                                env=env, timeout=120)
        assert by_env.stdout == by_option.stdout
    finally:
        stop_oxigraph(server)


def test_a_remote_store_without_endpoint_or_server_fails_with_the_reason(tmp_path):
    done = run("query", "ASK {}", "--store", "remote")
    assert done.returncode == 2 and "PLANKG_ENDPOINT or --endpoint" in done.stderr
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/query"
        done = run("query", "ASK {}", "--store", "remote", "--endpoint", url)
    assert done.returncode == 1 and "cannot be reached" in done.stderr
