"""guard.check_read_only: updates and SERVICE are found wherever the parser would see them, and
words that only look like them (in strings, IRIs, variables, prefixed names, comments) pass."""
import pytest

from api.guard import ServiceRefused, UpdateRefused, check_read_only, query_form


@pytest.mark.parametrize("query, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("prefix pk: <https://w3id.org/plankg/ontology#>\nBASE <http://a/>\nask {}", "ASK"),
    ("PREFIX : <urn:x:> CONSTRUCT WHERE { ?s :p ?o }", "CONSTRUCT"),
    ("# a comment with SELECT\nDESCRIBE <urn:x>", "DESCRIBE"),
    ("PREFIX pk <urn:x>", None),  # broken prologue: left to the parser
    ("", None),
])
def test_query_form_is_the_first_keyword_after_the_prologue(query, form):
    assert query_form(query) == form


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "delete where { ?s ?p ?o }", "LOAD <http://x/>",
    "CLEAR ALL", "DROP GRAPH <urn:g>", "CREATE GRAPH <urn:g>", "ADD DEFAULT TO <urn:g>",
    "MOVE <urn:a> TO <urn:b>", "COPY <urn:a> TO <urn:b>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX x: <urn:x:> # comment\n INSERT DATA { x:a x:b x:c }",
    "\\u0049NSERT DATA { <urn:a> <urn:b> <urn:c> }",
])
def test_updates_are_refused(update):
    with pytest.raises(UpdateRefused, match="read-only"):
        check_read_only(update)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE {SERVICE<http://x/>{?s ?p ?o}}",
    "SELECT * WHERE { FILTER(?a<?b&&?c>?d) SERVICE <http://x/> {} }",
    "SELECT * WHERE { ?s ?p 'it''s' . SERVICE <http://x/> {} }",
    'SELECT * WHERE { ?s ?p """a "quoted" \\""" text""" SERVICE <http://x/> {} }',
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
    # an escaped quote that ends the string once escapes are applied
    'SELECT * WHERE { ?s ?p "x\\u0022 . SERVICE <http://x/> {} . ?s ?p "" }',
])
def test_service_is_refused(query):
    with pytest.raises(ServiceRefused, match="no outbound"):
        check_read_only(query)


@pytest.mark.parametrize("query", [
    "SELECT ?service $SERVICE WHERE { ?service ?p ?o }",
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }',
    "SELECT * WHERE { ?s ?p '''multi\nline SERVICE''' }",
    "SELECT * WHERE { ?s <http://x/SERVICE> ?o }",
    "PREFIX service: <urn:x:> SELECT * WHERE { ?s service:SERVICE ?o . _:SERVICE ?p ?o }",
    'SELECT * WHERE { ?s ?p "x"@service }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> {}",
    "SELECT * WHERE { ?s ?p ?o . ?services ?p ?o . FILTER(?o = ?services) }",
])
def test_words_that_only_look_like_service_pass(query):
    assert check_read_only(query) == "SELECT"


def test_brackets_nested_past_the_limit_are_refused_and_up_to_it_pass():
    from api.guard import MAX_NESTING, NestingRefused
    deep = "SELECT * WHERE " + "{ " * MAX_NESTING + "?s ?p ?o " + "} " * MAX_NESTING
    assert check_read_only(deep) == "SELECT"
    with pytest.raises(NestingRefused, match=f"nested {MAX_NESTING + 1} deep"):
        check_read_only("SELECT * WHERE {" + deep.removeprefix("SELECT * WHERE ") + "}")
    with pytest.raises(NestingRefused):   # \u007B is a { to the parser
        check_read_only("SELECT * WHERE " + "\\u007B " * (MAX_NESTING + 1))


def test_brackets_in_strings_and_comments_do_not_count():
    many = "{(" * 500
    assert check_read_only(f'SELECT * WHERE {{ ?s ?p "{many}" }} #{many}') == "SELECT"
