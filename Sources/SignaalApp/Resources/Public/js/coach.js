// The reply coach in the composer: reviews the draft as the agent types (debounced), marks the
// spans it is about and lists its findings with suggestions. Advice only: the coach never blocks
// sending (the server refuses only a template's placeholders left in the text).
(function () {
  "use strict";
  var form = document.getElementById("reply-form");
  if (!form || !window.fetch) return;
  var textarea = form.querySelector("textarea[name=text]");
  var select = document.getElementById("reply-template");
  var panel = document.getElementById("coach-panel");
  var scoreView = document.getElementById("coach-score");
  var statusView = document.getElementById("coach-status");
  // The one live region: a short summary. The preview and findings are not announced, so a
  // screen reader does not read the agent's own draft back on every review.
  var summary = document.getElementById("coach-summary");
  var preview = document.getElementById("coach-preview");
  var list = document.getElementById("coach-findings");
  var notes = document.getElementById("coach-notes");
  var signalField = form.querySelector("input[name=signal]");
  var timer = null;
  var latest = 0;
  // The page's language: the texts come with the panel, Dutch if they are missing.
  function text(name, dutch) { return panel.getAttribute("data-" + name) || dutch; }
  var severityText = { high: text("high", "belangrijk"), medium: text("medium", "let op"), low: text("low", "tip") };

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(review, 350);
  }

  function review() {
    var draft = textarea.value;
    var ticket = ++latest;
    if (!draft.trim()) {
      panel.hidden = true;
      return;
    }
    statusView.textContent = text("busy", "bezig…");
    var body = { draft: draft };
    if (signalField && signalField.value) body.signal = signalField.value;
    // By e-mail instead of in public: read as a private message.
    var via = form.querySelector("input[name=via]:checked");
    if (via && via.value) body.via = via.value;
    fetch(form.getAttribute("data-coach"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": form.getAttribute("data-csrf") },
      body: JSON.stringify(body)
    }).then(function (response) {
      // The session ended (401; 403 when its form token went with it; a sign-in page reached by
      // a redirect): say so, not that the coach is down.
      if (response.status === 401 || response.status === 403 || (response.redirected && /\/login/.test(response.url))) {
        var ended = new Error("session ended");
        ended.sessionEnded = true;
        throw ended;
      }
      if (!response.ok) throw new Error("status " + response.status);
      return response.json();
    }).then(function (result) {
      // An older answer arriving after a newer request is dropped.
      if (ticket === latest) show(draft, result);
    }).catch(function (error) {
      if (ticket !== latest) return;
      panel.hidden = false;
      statusView.textContent = error && error.sessionEnded
        ? text("session-ended", "Uw sessie is verlopen: de coach kan niet meekijken. Uw concept is bewaard; log opnieuw in (versturen brengt u daar) en ga verder.")
        : text("unreachable", "De coach is nu niet bereikbaar; u kunt gewoon versturen.");
      announce(statusView.textContent);
    });
  }

  function announce(message) {
    if (summary && summary.textContent !== message) summary.textContent = message;
  }

  function show(draft, result) {
    panel.hidden = false;
    statusView.textContent = "";
    scoreView.textContent = result.reviewed ? result.score + "/100" : text("unreviewed", "niet beoordeeld");
    panel.setAttribute("data-score", result.reviewed ? String(result.score) : "");
    list.textContent = "";
    result.findings.forEach(function (finding, index) {
      var item = document.createElement("li");
      item.className = "finding severity-" + finding.severity;
      item.setAttribute("data-code", finding.code);
      var label = document.createElement("strong");
      label.textContent = (severityText[finding.severity] || finding.severity) + ": ";
      item.appendChild(label);
      item.appendChild(document.createTextNode(finding.message));
      if (finding.suggestion) {
        var hint = document.createElement("span");
        hint.className = "suggestion";
        hint.textContent = " → " + finding.suggestion;
        item.appendChild(hint);
      }
      if (finding.start != null) item.setAttribute("data-mark", String(index));
      list.appendChild(item);
    });
    if (!result.findings.length && result.reviewed) {
      var fine = document.createElement("li");
      fine.className = "finding none";
      fine.textContent = text("fine", "De coach ziet niets om te verbeteren.");
      list.appendChild(fine);
    }
    notes.textContent = (result.notes || []).join(" ");
    var count = result.findings.length;
    var score = scoreView.textContent;
    announce(count === 0 ? text("summary-none", "Antwoordcoach: {score}, niets om te verbeteren.").replace("{score}", score)
      : count === 1 ? text("summary-one", "Antwoordcoach: {score}, 1 punt.").replace("{score}", score)
      : text("summary-many", "Antwoordcoach: {score}, {count} punten.").replace("{score}", score).replace("{count}", String(count)));
    var promises = document.getElementById("coach-promises");
    if (promises) {
      var promiseList = promises.querySelector("ul");
      promiseList.textContent = "";
      (result.promises || []).forEach(function (promise) {
        var item = document.createElement("li");
        item.textContent = promise.text;
        promiseList.appendChild(item);
      });
      promises.hidden = !(result.promises || []).length;
    }
    // Offer to track the first promise the coach found, without overwriting what the agent wrote.
    var promiseText = document.getElementById("promise-text");
    var found = (result.promises || [])[0];
    if (promiseText && found) {
      document.getElementById("promise-found").hidden = false;
      document.getElementById("promise-details").open = true;
      if (!promiseText.value || promiseText.getAttribute("data-from-coach") === "1") {
        promiseText.value = found.text;
        promiseText.setAttribute("data-from-coach", "1");
      }
      // Its time too, when the coach read one and the agent has not chosen one: they only confirm.
      if (promiseText.getAttribute("data-from-coach") === "1") suggestDue(found.due ? localTime(found.due) : "");
    } else if (promiseText && promiseText.getAttribute("data-from-coach") === "1") {
      // The promise left the draft: so does the suggestion.
      promiseText.value = "";
      promiseText.removeAttribute("data-from-coach");
      document.getElementById("promise-found").hidden = true;
      suggestDue("");
    }
    mark(draft, result.findings);
  }

  // Fills "Uiterlijk" with the coach's time unless the agent chose one (an empty field, or one
  // the coach filled before, is the coach's to change).
  function suggestDue(value) {
    var due = document.getElementById("promise-due");
    if (!due || (due.value && due.getAttribute("data-from-coach") !== "1")) return;
    due.value = value;
    if (value) {
      due.setAttribute("data-from-coach", "1");
      var missing = document.getElementById("promise-due-missing");
      if (missing) missing.hidden = true;
    } else {
      due.removeAttribute("data-from-coach");
    }
  }

  // An ISO 8601 instant as the datetime-local field takes it: Amsterdam wall-clock time, as the
  // page shows times and the server reads the field ("2025-03-25T12:00").
  function localTime(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime()) || !window.Intl) return "";
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day + "T" + parts.hour + ":" + parts.minute;
  }

  // Offsets are in code points, as Array.from counts them. Overlapping spans: the first wins.
  function mark(draft, findings) {
    var characters = Array.from(draft);
    var spans = findings
      .map(function (finding, index) { return { start: finding.start, end: finding.end, index: index, finding: finding }; })
      .filter(function (span) { return span.start != null && span.end != null && span.end > span.start && span.start < characters.length; })
      .sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    preview.textContent = "";
    var position = 0;
    spans.forEach(function (span) {
      if (span.start < position) return;
      if (span.start > position) preview.appendChild(document.createTextNode(characters.slice(position, span.start).join("")));
      var highlighted = document.createElement("mark");
      highlighted.className = "severity-" + span.finding.severity;
      highlighted.setAttribute("data-code", span.finding.code);
      highlighted.title = span.finding.message;
      highlighted.textContent = characters.slice(span.start, Math.min(span.end, characters.length)).join("");
      preview.appendChild(highlighted);
      position = Math.min(span.end, characters.length);
    });
    if (position < characters.length) preview.appendChild(document.createTextNode(characters.slice(position).join("")));
    preview.hidden = spans.length === 0;
  }

  // The coach's promise left the draft (deleted, or the draft replaced): its suggestion goes at
  // once, not only when the next review comes back, so a quick "Versturen" is not held back for a
  // promise that is no longer there.
  function dropStalePromise() {
    var promiseText = document.getElementById("promise-text");
    if (!promiseText || promiseText.getAttribute("data-from-coach") !== "1") return;
    function flat(value) { return value.replace(/\s+/g, " ").trim(); }
    var probe = flat(promiseText.value.replace(/…$/, "")).slice(0, 60);
    if (probe && flat(textarea.value).indexOf(probe) >= 0) return;
    promiseText.value = "";
    promiseText.removeAttribute("data-from-coach");
    var found = document.getElementById("promise-found");
    if (found) found.hidden = true;
    suggestDue("");
  }

  textarea.addEventListener("input", function () { dropStalePromise(); schedule(); });
  Array.prototype.forEach.call(form.querySelectorAll("input[name=via]"), function (choice) {
    choice.addEventListener("change", schedule);
  });
  var promiseInput = document.getElementById("promise-text");
  if (promiseInput) promiseInput.addEventListener("input", function () { promiseInput.removeAttribute("data-from-coach"); });
  var dueInput = document.getElementById("promise-due");
  if (dueInput) dueInput.addEventListener("input", function () { dueInput.removeAttribute("data-from-coach"); });
  // A promise is tracked with its time: without one the reply waits and the agent is asked for
  // it, instead of the promise being dropped unseen (clear the promise to send the reply alone).
  form.addEventListener("submit", function (event) {
    dropStalePromise();
    var due = document.getElementById("promise-due");
    var missing = document.getElementById("promise-due-missing");
    if (!promiseInput || !due || !promiseInput.value.trim() || due.value) return;
    event.preventDefault();
    document.getElementById("promise-details").open = true;
    if (missing) missing.hidden = false;
    due.focus();
  });
  // A template goes in only by the "Invoegen" button: choosing in the list does nothing by itself,
  // so browsing it with the arrow keys neither inserts one nor asks to replace the draft.
  var insert = document.getElementById("reply-template-insert");
  if (select && insert) {
    insert.addEventListener("click", function () {
      var option = select.options[select.selectedIndex];
      var text = option && option.getAttribute("data-text");
      if (!text) { select.focus(); return; }
      if (textarea.value.trim() && !window.confirm(select.getAttribute("data-confirm") || "Uw concept vervangen door dit sjabloon?")) return;
      textarea.value = text;
      // Kept as typed text is (keep.js), and the coach's stale promise goes.
      textarea.dispatchEvent(new Event("input"));
      textarea.focus();
      // Brackets mark what the agent still has to write: select the first one.
      var open = text.search(/\[|\{/);
      if (open >= 0) {
        var close = text.indexOf(text.charAt(open) === "[" ? "]" : "}", open);
        if (close > open) textarea.setSelectionRange(open, close + 1);
      }
    });
  }
  // A draft kept from before a lost session is put back by keep.js (which runs after this
  // script and says so with an input event); one the server filled in is reviewed at once.
  if (textarea.value.trim()) schedule();
})();
