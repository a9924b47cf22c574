// Keyboard-first inbox, as agents know it from Zendesk and Chatwoot: j/k move through the
// cases, Enter (or o) opens the selected one, / searches, ? explains. Typing in a field is never taken over,
// and Enter on another link, button or "Verfijn" does what it always does.
(function () {
  "use strict";
  var rows = [];
  var selected = -1;
  // The selected case by id: a live update may move it or bring other rows, the selection stays on it.
  var selectedCase = null;
  function collect() {
    var table = document.getElementById("inbox-cases");
    rows = table ? Array.prototype.slice.call(table.querySelectorAll("tbody tr")) : [];
  }
  collect();

  function mark(index) {
    rows.forEach(function (row, at) {
      row.classList.toggle("selected", at === index);
      if (at === index) row.setAttribute("aria-selected", "true");
      else row.removeAttribute("aria-selected");
    });
    selected = index;
    selectedCase = index >= 0 ? rows[index].getAttribute("data-case") : null;
  }

  // Live updates change the list: find the rows again and the selected case among them (or the
  // row that took its place when it left the list).
  document.addEventListener("inbox:updated", function () {
    var previous = selected;
    collect();
    if (selectedCase === null) { selected = -1; return; }
    var index = -1;
    rows.forEach(function (row, at) { if (row.getAttribute("data-case") === selectedCase) index = at; });
    if (index < 0) index = rows.length ? Math.min(previous, rows.length - 1) : -1;
    mark(index);
  });

  function select(index) {
    if (!rows.length) return;
    index = Math.max(0, Math.min(rows.length - 1, index));
    mark(index);
    var link = rows[selected].querySelector("a");
    if (link) link.focus();
  }

  // Tab (or a click) onto a case's link selects that case: j/k go on from there.
  document.addEventListener("focusin", function (event) {
    var row = event.target && event.target.closest ? event.target.closest("#inbox-cases tbody tr") : null;
    if (!row) return;
    // A live update may have put the focus on a row this script does not know yet.
    if (rows.indexOf(row) < 0) collect();
    var index = rows.indexOf(row);
    if (index >= 0 && index !== selected) mark(index);
  });

  // Enter/o open the selected case only from that case's row or from nowhere in particular (the page
  // itself): on another link or button the key is that element's.
  function atSelectedCase(target) {
    if (!target || target === document.body || target === document.documentElement) return true;
    return selected >= 0 && rows[selected].contains(target);
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable)) return;
    if (event.key === "/") {
      var search = document.getElementById("search");
      if (search) { search.focus(); search.select(); event.preventDefault(); }
    } else if (event.key === "j") { select(selected + 1); event.preventDefault(); }
    else if (event.key === "k") { select(selected - 1); event.preventDefault(); }
    else if ((event.key === "Enter" || event.key === "o") && selected >= 0 && atSelectedCase(target)) {
      var link = rows[selected].querySelector("a");
      if (link) { window.location.href = link.getAttribute("href"); event.preventDefault(); }
    } else if (event.key === "?") {
      var hint = document.querySelector(".keys-hint");
      if (hint) { hint.classList.toggle("shown"); event.preventDefault(); }
    }
  });
})();
