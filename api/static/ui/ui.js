/* The plankg web UI in the browser: YASQE (editor) and YASR (results table) from the YASGUI
 * bundle, the query kept in the page URL, download links, code snippets and the example list.
 * Nothing here talks to any host but this server: prefixes come from the page, not prefix.cc,
 * and YASQE's class/property completion (which asks lov.linkeddata.es) is left off. */
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("plankg-config").textContent);
  const endpoint = new URL(config.endpoint, window.location.origin).href;
  const { Yasqe, Yasr } = window.Yasgui;

  // Prefix completion: the project's prefixes first, then the list bundled in YASQE.
  const bundledPrefixes = Yasqe.Autocompleters.prefixes;
  const projectPrefixes = Object.entries(config.prefixes).map(([p, iri]) => `${p}: <${iri}>`);
  Yasqe.forkAutocompleter("prefixes", {
    name: "plankg-prefixes",
    persistenceId: null,
    get: (yasqe) => Promise.resolve(bundledPrefixes.get(yasqe)).then((bundled) =>
      projectPrefixes.concat(bundled.filter((entry) => !Object.hasOwn(config.prefixes, entry.split(":")[0])))),
  }, false);
  // Set on the defaults: YASQE merges its config with lodash's merge, which merges arrays index
  // by index, so a shorter list given to the constructor would keep the defaults' tail
  // ("property", "class": the completers that ask lov.linkeddata.es).
  Yasqe.defaults.autocompleters = ["variables", "plankg-prefixes"];

  // IRIs open in this window: ours are rewritten below to the local /id/ pages.
  Yasr.plugins.table.defaults.openIriInNewWindow = false;

  const initial = document.getElementById("initial-query").value;
  const yasqe = new Yasqe(document.getElementById("yasqe"), {
    value: initial,
    persistenceId: null,          // the URL holds the query, not localStorage
    consumeShareLink: null,       // YASQE's own share links live in the #hash; ours in ?query=
    createShareableLink: null,
    editorHeight: "260px",
    showQueryButton: false,       // the toolbar's Run button does it, and says when it runs
    requestConfig: { endpoint, method: "POST" },
  });
  const yasrElement = document.getElementById("yasr");
  const yasr = new Yasr(yasrElement, {
    persistenceId: null,
    prefixes: config.prefixes,
    pluginOrder: ["table", "response"],
    defaultPlugin: "table",
  });
  const runButton = document.getElementById("run");
  yasqe.on("queryBefore", () => {
    runButton.disabled = true;
    runButton.textContent = "Running…";
  });
  yasqe.on("queryResponse", (_yasqe, response, duration) => {
    runButton.disabled = false;
    runButton.textContent = "Run query";
    document.getElementById("results-placeholder").hidden = true;
    yasr.setResponse(response, duration);
    showEmpty(yasr.results);
    // the other result views (views.js) draw from the same answer, if it is SELECT results
    let answer = null;
    const content = response && (response.content ?? response.body ?? response.text);  // YASQE 4: .content
    try { answer = typeof content === "string" ? JSON.parse(content) : content; } catch (_) { answer = null; }
    if (answer && answer.head && answer.results) {
      document.dispatchEvent(new CustomEvent("plankg:results", { detail: {
        variables: answer.head.vars || [], bindings: answer.results.bindings || [] } }));
    } else {
      document.dispatchEvent(new CustomEvent("plankg:results", { detail: { variables: [], bindings: [] } }));
    }
  });

  // A SELECT or CONSTRUCT that ran and matched nothing says so above the (empty) table.
  function showEmpty(results) {
    const empty = Boolean(results && !results.getError() && results.getBoolean() === undefined
                          && (results.getBindings() || []).length === 0);
    document.getElementById("results-empty").hidden = !empty;
  }

  // Result IRIs under https://w3id.org/plankg/id/ link to this server's /id/ pages.
  function localiseLinks() {
    for (const link of yasrElement.querySelectorAll("a.iri")) {
      const iri = link.getAttribute("href") || "";
      if (!iri.startsWith(config.idBase)) continue;
      link.setAttribute("href", "/id/" + iri.slice(config.idBase.length));
      link.setAttribute("title", iri);
      link.removeAttribute("target");
    }
  }
  new MutationObserver(localiseLinks).observe(yasrElement, { childList: true, subtree: true });

  // The query in the page URL (and the result view, views.js): a link shares it, a reload restores it.
  function pageUrl(query) {
    const url = new URL(window.location.href);
    const view = url.searchParams.get("view");
    url.search = new URLSearchParams(view ? { query, view } : { query }).toString();
    url.hash = "";
    return url.href;
  }

  function downloadHref(query, format) {
    return config.endpoint + "?" + new URLSearchParams({ query, format }).toString();
  }

  function updateDownloads(query) {
    const kind = ["CONSTRUCT", "DESCRIBE"].includes(yasqe.getQueryType()) ? "graph" : "results";
    for (const group of document.querySelectorAll(".downloads")) {
      group.hidden = group.dataset.kind !== kind;
      for (const link of group.querySelectorAll("a[data-format]")) {
        link.href = downloadHref(query, link.dataset.format);
      }
    }
  }

  // A Python string literal holding `text` exactly: raw triple quotes where they can hold it.
  function pythonString(text) {
    if (!text.includes('"""') && !/["\\]$/.test(text)) return 'r"""\n' + text + '"""';
    return JSON.stringify(text);  // JSON's escapes are all valid in Python
  }

  function shellQuote(text) {
    return "'" + text.replace(/'/g, "'\\''") + "'";
  }

  function pythonSnippet(query) {
    const type = yasqe.getQueryType();
    const graph = ["CONSTRUCT", "DESCRIBE"].includes(type);
    const lines = [
      `from SPARQLWrapper import ${graph ? "TURTLE" : "JSON"}, SPARQLWrapper`,
      "",
      `sparql = SPARQLWrapper(${JSON.stringify(endpoint)})`,
      `sparql.setQuery(${pythonString(query.endsWith("\n") ? query : query + "\n")})`,
      `sparql.setReturnFormat(${graph ? "TURTLE" : "JSON"})`,
    ];
    if (graph) {
      lines.push('print(sparql.queryAndConvert().decode("utf-8"))');
    } else if (type === "ASK") {
      lines.push('print(sparql.queryAndConvert()["boolean"])');
    } else {
      lines.push('for row in sparql.queryAndConvert()["results"]["bindings"]:',
                 '    print({name: term["value"] for name, term in row.items()})');
    }
    return lines.join("\n") + "\n";
  }

  function curlSnippet(query) {
    const graph = ["CONSTRUCT", "DESCRIBE"].includes(yasqe.getQueryType());
    return `curl ${shellQuote(endpoint)} \\\n  -H ${shellQuote("Accept: " + (graph ? "text/turtle" : "text/csv"))} \\\n` +
      `  --data-urlencode ${shellQuote("query=" + query)}\n`;
  }

  function sync() {
    const query = yasqe.getValue();
    window.history.replaceState(null, "", pageUrl(query));
    updateDownloads(query);
    document.getElementById("snippet-python").textContent = pythonSnippet(query);
    document.getElementById("snippet-curl").textContent = curlSnippet(query);
  }

  function run() {
    yasqe.query().catch(() => {});  // YASR shows the error; nothing else to do with it
  }

  let pending;
  yasqe.on("change", () => {
    clearTimeout(pending);
    pending = setTimeout(sync, 200);
  });
  sync();

  runButton.addEventListener("click", run);

  // Example queries: one click puts the query in the editor and runs it.
  function queryOfLink(link) {
    return new URL(link.href).searchParams.get("query") || "";
  }

  document.getElementById("examples").addEventListener("click", (event) => {
    const link = event.target.closest("a.example");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const query = queryOfLink(link);
    window.history.pushState(null, "", pageUrl(query));
    yasqe.setValue(query);
    sync();
    for (const other of document.querySelectorAll("a.example")) {
      other.classList.toggle("current", other === link);
    }
    run();
  });

  window.addEventListener("popstate", () => {
    yasqe.setValue(new URLSearchParams(window.location.search).get("query") || initial);
    sync();
  });

  // The example list, filtered by every word typed (description or file name).
  const search = document.getElementById("example-search");
  search.addEventListener("input", () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of document.querySelectorAll("#examples li")) {
      item.hidden = !words.every((word) => item.dataset.search.includes(word));
      shown += item.hidden ? 0 : 1;
    }
    document.getElementById("examples-none").hidden = shown > 0;
  });

  // Snippet tabs and copy buttons.
  for (const tab of document.querySelectorAll(".tabs [data-tab]")) {
    tab.addEventListener("click", () => {
      for (const other of document.querySelectorAll(".tabs [data-tab]")) {
        other.setAttribute("aria-selected", String(other === tab));
      }
      for (const panel of document.querySelectorAll(".snippet")) {
        panel.hidden = panel.dataset.tab !== tab.dataset.tab;
      }
    });
  }

  function copied(button, text) {
    const label = button.textContent;
    const done = () => {
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = label; }, 1200);
    };
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, () => {});
  }

  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", () =>
      copied(button, document.getElementById(button.dataset.copy).textContent));
  }
  document.getElementById("share").addEventListener("click", (event) =>
    copied(event.currentTarget, window.location.href));
})();
