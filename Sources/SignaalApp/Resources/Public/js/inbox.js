// Keyboard-first inbox, as agents know it from Zendesk and Chatwoot: j/k move through the
// cases, Enter (or o) opens the selected one, / searches, ? explains. Typing in a field is never taken over.
(function () {
  "use strict";
  var rows = [];
  var selected = -1;
  function collect() {
    var table = document.getElementById("inbox-cases");
    rows = table ? Array.prototype.slice.call(table.querySelectorAll("tbody tr")) : [];
    selected = -1;
  }
  collect();
  // Live updates replace the list: find the rows again.
  document.addEventListener("inbox:updated", collect);

  function select(index) {
    if (!rows.length) return;
    index = Math.max(0, Math.min(rows.length - 1, index));
    if (selected >= 0) {
      rows[selected].classList.remove("selected");
      rows[selected].removeAttribute("aria-selected");
    }
    selected = index;
    rows[selected].classList.add("selected");
    rows[selected].setAttribute("aria-selected", "true");
    var link = rows[selected].querySelector("a");
    if (link) link.focus();
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
    else if ((event.key === "Enter" || event.key === "o") && selected >= 0) {
      var link = rows[selected].querySelector("a");
      if (link) { window.location.href = link.getAttribute("href"); event.preventDefault(); }
    } else if (event.key === "?") {
      var hint = document.querySelector(".keys-hint");
      if (hint) { hint.classList.toggle("shown"); event.preventDefault(); }
    }
  });
})();
