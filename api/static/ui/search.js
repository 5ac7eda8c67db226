/* The header's search box: /api/search over task texts, plan titles and every printed name of
 * a body or an indicator, as the user types; each hit links to its /id/ page, with the phrase
 * marked in its context and the lines it was read from. Text goes in as text nodes only. */
(function () {
  "use strict";

  const KINDS = ["task", "plan", "indicator", "body"];
  const LIMIT = 20;
  const box = document.getElementById("site-search");
  const list = document.getElementById("site-search-results");
  if (!box || !list) return;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The snippet as text with each [start, end) of `marks` in a <mark>.
  function marked(snippet, marks) {
    const out = element("span", "hit-snippet");
    let at = 0;
    for (const [start, end] of marks) {
      out.append(document.createTextNode(snippet.slice(at, start)), element("mark", "", snippet.slice(start, end)));
      at = end;
    }
    out.append(document.createTextNode(snippet.slice(at)));
    return out;
  }

  function lines(sources) {
    return sources.map((s) => s.start === s.end ? `${s.file}:${s.start}` : `${s.file}:${s.start}-${s.end}`).join(", ");
  }

  function show(hits, phrase) {
    list.replaceChildren();
    if (!hits.length) list.append(element("p", "muted", `Nothing contains “${phrase}”.`));
    for (const hit of hits) {
      const link = element("a", "hit");
      link.href = "/id/" + hit.id;
      link.dataset.kind = hit.type;
      const head = element("span", "hit-head");
      head.append(element("span", "hit-kind", hit.type), element("span", "hit-title", hit.title));
      if (hit.plan) head.append(element("span", "hit-plan", hit.plan));
      link.append(head, marked(hit.snippet, hit.marks));
      if (hit.sources.length) link.append(element("span", "hit-lines", lines(hit.sources)));
      list.append(link);
    }
    list.hidden = false;
  }

  let pending, asked = "";
  async function ask() {
    const phrase = box.value;
    if (!phrase.trim()) { list.hidden = true; asked = ""; return; }
    if (phrase === asked) return;
    asked = phrase;
    const params = new URLSearchParams({ q: phrase, limit: String(LIMIT) });
    for (const kind of KINDS) params.append("type", kind);
    const response = await fetch("/api/search?" + params.toString());
    if (phrase !== box.value) return;   // typed on meanwhile
    if (!response.ok) {
      list.replaceChildren(element("p", "muted", `The search failed (${response.status}).`));
      list.hidden = false;
      return;
    }
    show(await response.json(), phrase);
  }

  box.addEventListener("input", () => { clearTimeout(pending); pending = setTimeout(ask, 200); });
  box.form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(pending); ask(); });
  box.addEventListener("keydown", (event) => { if (event.key === "Escape") list.hidden = true; });
  document.addEventListener("click", (event) => {
    if (!box.form.contains(event.target)) list.hidden = true;
  });
  box.addEventListener("focus", () => { if (list.childElementCount && box.value.trim()) list.hidden = false; });
})();
