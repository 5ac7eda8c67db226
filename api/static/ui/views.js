/* The result views beside YASR's table: a bar chart (Chart.js) when a result has one label and
 * one number column, a network (vis-network) when it has two columns of IRIs; chosen from the
 * result, switchable, and kept in the page URL (?view=) so a shared link opens the same view.
 * Both libraries are served from this install (web/node_modules), nothing from elsewhere. */
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("plankg-config").textContent);
  const MAX_BARS = 200;     // more rows: the first ones drawn, and the view says so
  const MAX_EDGES = 2000;
  const NUMERIC = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsignedInt|unsignedLong)$/;
  const bar = document.getElementById("views");
  const note = document.getElementById("view-note");
  const panes = { table: document.getElementById("yasr"), chart: document.getElementById("view-chart"),
                  network: document.getElementById("view-network") };
  let current = { variables: [], bindings: [] }, possible = { table: true }, chart, network;

  const isNumber = (term) => term.type !== "uri" && term.type !== "bnode" &&
    (NUMERIC.test(term.datatype || "") || (!term.datatype && term.value !== "" && !isNaN(Number(term.value))));

  // The columns every row binds (a column some rows leave empty still counts, by its values).
  function columns(variables, bindings) {
    return variables.map((name) => {
      const terms = bindings.map((row) => row[name]).filter(Boolean);
      return { name, terms, iri: terms.length > 0 && terms.every((t) => t.type === "uri"),
               number: terms.length > 0 && terms.every(isNumber) };
    }).filter((column) => column.terms.length > 0);
  }

  // Whether the rows link many to many (a body in several tasks, a task with several bodies):
  // the shape a network shows; a column that merely files the other (task → its plan) is not.
  function manyToMany(bindings, from, to) {
    const out = new Map(), into = new Map();
    for (const row of bindings) {
      if (!row[from] || !row[to]) continue;
      (out.get(row[from].value) || out.set(row[from].value, new Set()).get(row[from].value)).add(row[to].value);
      (into.get(row[to].value) || into.set(row[to].value, new Set()).get(row[to].value)).add(row[from].value);
    }
    const several = (map) => [...map.values()].some((set) => set.size > 1);
    return several(out) && several(into);
  }

  // What the result can be drawn as: chart (one label, one number column), network (two IRI
  // columns; the text column after each, if any, labels its nodes). `auto`: the view it opens in.
  function views(variables, bindings) {
    const cols = columns(variables, bindings);
    const numbers = cols.filter((c) => c.number), labels = cols.filter((c) => !c.number);
    const iris = cols.filter((c) => c.iri);
    const chart = cols.length === 2 && numbers.length === 1 && labels.length === 1
      ? { label: labels[0].name, value: numbers[0].name } : null;
    let network = null;
    if (iris.length === 2) {
      const labelOf = (column) => {
        const next = cols[cols.indexOf(column) + 1];
        return next && !next.iri && !next.number ? next.name : null;
      };
      network = { from: iris[0].name, to: iris[1].name, fromLabel: labelOf(iris[0]), toLabel: labelOf(iris[1]) };
    }
    const auto = chart ? "chart" : network && manyToMany(bindings, network.from, network.to) ? "network" : "table";
    return { table: true, chart, network, auto };
  }

  // An IRI as the graph's pages name it: `task/yongchuan-2025/16.3`, or a prefixed name.
  function shortName(term) {
    if (term.type !== "uri") return term.value;
    if (term.value.startsWith(config.idBase)) return term.value.slice(config.idBase.length);
    for (const [prefix, iri] of Object.entries(config.prefixes)) {
      if (term.value.startsWith(iri)) return prefix + ":" + term.value.slice(iri.length);
    }
    return term.value;
  }

  function wanted() {
    return new URLSearchParams(window.location.search).get("view");
  }

  function remember(view) {
    const url = new URL(window.location.href);
    url.searchParams.set("view", view);
    window.history.replaceState(null, "", url.href);
  }

  function drawChart(spec) {
    const rows = current.bindings.filter((row) => row[spec.label] && row[spec.value]);
    const shown = rows.slice(0, MAX_BARS);
    if (chart) chart.destroy();
    panes.chart.removeAttribute("data-drawn");
    chart = new window.Chart(document.getElementById("chart-canvas"), {
      type: "bar",
      data: { labels: shown.map((row) => shortName(row[spec.label])),
              datasets: [{ label: spec.value, data: shown.map((row) => Number(row[spec.value].value)),
                           backgroundColor: "#2f6f8f" }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
                 indexAxis: shown.length > 12 ? "y" : "x",
                 plugins: { legend: { display: false } },
                 scales: { x: { ticks: { autoSkip: false } }, y: { ticks: { autoSkip: false } } } },
    });
    panes.chart.style.height = Math.max(320, shown.length > 12 ? shown.length * 18 + 60 : 320) + "px";
    chart.resize();
    panes.chart.dataset.drawn = String(shown.length);
    return rows.length > shown.length ? `the first ${MAX_BARS} of ${rows.length} rows` : "";
  }

  function drawNetwork(spec) {
    const rows = current.bindings.filter((row) => row[spec.from] && row[spec.to]).slice(0, MAX_EDGES);
    const nodes = new Map(), edges = [];
    for (const row of rows) {
      for (const [term, group, label] of [[row[spec.from], spec.from, spec.fromLabel], [row[spec.to], spec.to, spec.toLabel]]) {
        const name = label && row[label] ? row[label].value : shortName(term);
        if (!nodes.has(term.value)) nodes.set(term.value, { id: term.value, label: name, title: term.value, group });
      }
      edges.push({ from: row[spec.from].value, to: row[spec.to].value });
    }
    if (network) network.destroy();
    panes.network.removeAttribute("data-drawn");
    const { DataSet, Network } = window.vis;
    network = new Network(panes.network, { nodes: [], edges: [] },
      { nodes: { shape: "dot", size: 10, font: { size: 12 } }, edges: { arrows: "to", color: { opacity: 0.5 } },
        physics: { stabilization: { iterations: 200 } }, interaction: { hover: true } });
    // handlers before the data: the stabilization may end while setData runs
    network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
    network.once("afterDrawing", () => { panes.network.dataset.drawn = String(nodes.size); });
    network.setData({ nodes: new DataSet([...nodes.values()]), edges: new DataSet(edges) });
    network.on("doubleClick", (event) => {
      const iri = event.nodes[0];
      if (iri && iri.startsWith(config.idBase)) window.location.href = "/id/" + iri.slice(config.idBase.length);
    });
    const total = current.bindings.filter((row) => row[spec.from] && row[spec.to]).length;
    return `${nodes.size} nodes, ${edges.length} links` + (total > edges.length ? ` (the first ${MAX_EDGES} of ${total} rows)` : "");
  }

  function show(view) {
    if (!possible[view]) view = "table";
    for (const [name, pane] of Object.entries(panes)) pane.hidden = name !== view;
    for (const button of bar.querySelectorAll("button[data-view]")) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
      button.disabled = !possible[button.dataset.view];
    }
    bar.dataset.view = view;
    note.textContent = view === "chart" ? drawChart(possible.chart)
      : view === "network" ? drawNetwork(possible.network) : "";
    return view;
  }

  for (const button of bar.querySelectorAll("button[data-view]")) {
    button.addEventListener("click", () => remember(show(button.dataset.view)));
  }

  // ui.js dispatches the results after YASR took them: {variables, bindings} (SPARQL JSON).
  document.addEventListener("plankg:results", (event) => {
    current = event.detail;
    possible = views(current.variables, current.bindings);
    bar.hidden = !(possible.chart || possible.network);
    const asked = wanted();
    const view = asked && possible[asked] ? asked : possible.auto;
    show(view);
  });
  // for the tests and the console: what a result can be drawn as, and the network drawn
  window.plankgViews = { views, get network() { return network; }, get chart() { return chart; } };
})();
