"""How each section's figures are measured: a paragraph a section for the report's last part,
formatted with the run's options (bench/report.py)."""

HOW = {  # one paragraph a section, formatted with the run's options
    "build": """\
- **Build**: `plankg build --corpus DIR --jobs {jobs}` run as a process from an empty build
  folder; wall time; memory is the process tree's resident set (the build and every worker it
  starts) summed and sampled every 100 ms (its peak), and, beside it, the kernel's peak for the
  largest single process of the tree (`ru_maxrss` from `wait4`). N = 5 is a copy of
  `data/sources` and `data/registry` (so `data/build` is never touched); other sizes are
  `plankg synth --plans N --seed {seed}`. The incremental rebuild changes one word (加强 → 强化)
  in the first plan's text and runs the same command into the same folder, then puts the word
  back and runs it again, {repeat} rebuilds in all, each of one changed plan; the table gives
  their median (and the slowest), and says what the last extracted and validated again.
""",
    "queries": """\
- **Queries**: each of `queries/*.rq` run {repeat} times in a child forked from a process that
  loaded the build once, after one untimed warm-up run (a freshly forked child's first run pays
  for the memory pages it first touches: up to 3 times a warm run at 1,000 plans), on the
  embedded store (`kg.store.EmbeddedStore`, pyoxigraph, the union of the named graphs as default
  graph) and on rdflib's in-memory `Dataset` (default graph the union) holding the same quads,
  ontology and SHACL report; every row is read. The warm-up, then the timed runs, stop at
  {query_limit:g} s each: a query with no finished run is "over {query_limit:g} s", and its
  speed-up a lower bound (`>`). Speed-up: rdflib's p50 over the embedded store's p50. "rows"
  shows where rdflib answers differently from pyoxigraph. Queries 03, 07, 12 and 14 ask about
  one real plan (沙坪坝; 14 about its task 6); in a synthetic corpus they ask the same of the
  corpus's first plan.
""",
    "endpoint": """\
- **Endpoint**: `wrk -t {threads} -c {connections} -d {endpoint_seconds}s` on loopback POSTing one
  query (form-encoded, the project's prefixes declared in the text, SPARQL JSON asked for) to
  `plankg serve` (embedded store, default workers, row cap lifted), to `rdflib-endpoint`'s
  FastAPI app over the same `Dataset` as above, and to `oxigraph serve-read-only
  --union-default-graph` loaded with the same quads, ontology and report. Requests per second
  count answers with a 2xx status; p95 comes from wrk's latency histogram (Lua `done` hook). A
  server that answered nothing in the run is below 1/duration, and the ratio against it a lower
  bound; one that cannot answer the query once, alone, within {endpoint_limit:g} s is not loaded
  and counts as under 1/{endpoint_limit:g} requests a second. After each run the server must
  answer `ASK {{}}` again within {drain_s:g} s (its backlog drained) before the next query, or it
  is started again.
  The three servers run one after another, never together; wrk shares the two cores.
  rdflib-endpoint evaluates each query inside its async request handler, on the event loop, so
  it answers one query at a time whatever the number of connections.
""",
    "validation": """\
- **Validation**: `plankg validate FILE --jobs {jobs}` (the graph cut by plan, parts checked in
  parallel) against one `pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology)` over the
  whole graph with pySHACL's defaults, in a child killed at {pyshacl_limit:g} s ("over").
""",
    "visualisation": """\
- **Visualisation**: pages written by `viz.render.render_network` (unfolded) from the largest
  corpus's responsibility network (tasks, bodies and the institutions tasks name), cut to the
  size; opened from a file in Debian's headless Chromium (Playwright) {repeat} times each; the
  time is `performance.now()` when the page's `data-drawn` mark appears (set after vis-network's
  `stabilizationIterationsDone` and the `afterDrawing` that follows), i.e. from navigation start.
""",
    "search": """\
- **Search**: 40 phrases cut (seeded) from the corpus's own plan texts, 5 of them 2 characters
  long (under the trigram index's 3: a LIKE scan of the index's table), the others 3 to 8; each
  looked up {repeat} times after one untimed run, in one process, in the build's search index
  (`kg.search.query.SearchIndex.search`: every kind, ranked, snippets and source lines
  included; once for the best 100 hits as `/api/search` answers by default, once for every
  hit) and by `api/rq/search-scan.rq` (`CONTAINS(LCASE(…))` over the same texts) on the
  embedded store, every row read; p50/p95 over all runs of all phrases. "differ" lists the
  phrases for which the index's every hit and the scan's rows are not the same resources.
""",
    "floor": """\
- **Floor**: in one process, over one build, each of `queries/*.rq` on a bare
  `pyoxigraph.Store` loaded from the build's graph files, the ontology and the SHACL report
  (`use_default_graph_as_union`, the project's prefixes; every solution iterated, none decoded),
  the same store writing the answer as SPARQL JSON (`serialize`, the bytes in memory), through
  `api.execute.execute` in the same process (the worker's code: the answer capped and
  serialised as SPARQL JSON, no HTTP), through `/sparql` of a `plankg serve` over the same build
  (httpx on loopback, one keep-alive connection, the query POSTed as a form, SPARQL JSON asked
  for, the whole body read; row cap lifted), through `oxigraph serve-read-only` over the same
  quads loaded with `oxigraph load` (asked the same way, the prefixes declared in the text) and
  through `/api/queries/{{name}}` (the same query, its answer as the REST layer's JSON, the whole
  body read). After one untimed run of each way, {repeat} rounds of one run of each in turn
  (fewer if the query's rounds pass {query_limit:g} s); ratio: the project's p50 over the bare
  store's (the issue's target), and over the bare store's written answer. `ASK {{}}` the same ways is the round trip
  of an empty query. Queries 03, 07, 12 and 14 ask about the corpus's first plan; the REST route
  runs them as written (about 沙坪坝), so in a synthetic corpus they have no REST figure.
""",
}
