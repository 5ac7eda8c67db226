// Sortable tables (table.sortable): a click on a heading sorts the body rows by that column's
// data-sort values, numbers and runs of digits as numbers (task 2 before task 16.3); a second
// click reverses. Body columns of the matrix sort lead (2) before shared (1) before none (0).
(function () {
  "use strict";
  const parts = (text) => String(text).split(/(\d+)/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  function compare(a, b) {
    const x = parts(a), y = parts(b);
    for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
      if (x[i] === undefined) return -1;
      if (y[i] === undefined) return 1;
      if (x[i] === y[i]) continue;
      if (typeof x[i] === "number" && typeof y[i] === "number") return x[i] - y[i];
      return String(x[i]).localeCompare(String(y[i]), "zh");
    }
    return 0;
  }
  function sortBy(table, th) {
    const column = Array.from(th.parentNode.children).indexOf(th);
    // roles and counts: most first on the first click; text: A to Z
    const descendingFirst = ["role", "number"].includes(th.dataset.type);
    const current = th.getAttribute("aria-sort");
    const ascending = current ? current === "descending" : !descendingFirst;
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort((r, s) => {
      const order = compare(r.cells[column].dataset.sort, s.cells[column].dataset.sort);
      return ascending ? order : -order;
    });
    table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach((row) => body.appendChild(row));
  }
  document.querySelectorAll("table.sortable").forEach((table) => {
    table.querySelectorAll("thead th").forEach((th) => {
      th.addEventListener("click", (event) => {
        if (event.target.closest("a")) return;   // the body's name links to its page
        sortBy(table, th);
      });
    });
  });
})();
