// Collision warnings on the case page: the page reports every 10 seconds that it is open, and at
// once when the agent starts writing the reply; the answer names the colleagues who have the same
// case open and who of them is writing, so two people never answer one customer twice.
// Each report also says whether the page is in use (in view, and touched in the last five
// minutes): the server adds that up to the case's measured handling time.
(function () {
  "use strict";
  var box = document.getElementById("presence");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-presence");
  var csrf = box.getAttribute("data-csrf");
  var reply = document.getElementById("reply-text");
  // The page's language: the texts come with the element, Dutch if they are missing.
  function text(name, dutch) { return box.getAttribute("data-" + name) || dutch; }
  var lastInput = 0, typingSent = false, timer = null, lastUse = Date.now();

  function typing() { return Date.now() - lastInput < 8000; }
  ["pointermove", "pointerdown", "keydown", "scroll", "focus"].forEach(function (name) {
    window.addEventListener(name, function () { lastUse = Date.now(); }, { passive: true, capture: true });
  });
  function active() { return document.visibilityState === "visible" && Date.now() - lastUse < 300000; }

  function join(names) {
    if (names.length < 2) return names.join("");
    return names.slice(0, -1).join(", ") + " " + text("and", "en") + " " + names[names.length - 1];
  }

  function show(others) {
    var typers = [], viewers = [];
    others.forEach(function (other) { (other.typing ? typers : viewers).push(other.name); });
    var parts = [];
    if (typers.length) parts.push(join(typers) + " " + (typers.length > 1
      ? text("writes-many", "schrijven nu een antwoord op deze zaak.") : text("writes-one", "schrijft nu een antwoord op deze zaak.")));
    if (viewers.length) parts.push(join(viewers) + " " + (viewers.length > 1
      ? text("views-many", "bekijken deze zaak ook.") : text("views-one", "bekijkt deze zaak ook.")));
    // The box is a status region: written only when it says something else, or a screen reader
    // would repeat "… bekijkt deze zaak ook." at every report.
    var said = parts.join(" ");
    if (box.textContent !== said) box.textContent = said;
    if (box.classList.contains("typing") !== typers.length > 0) box.classList.toggle("typing", typers.length > 0);
    if (box.hidden !== (parts.length === 0)) box.hidden = parts.length === 0;
  }

  function report() {
    typingSent = typing();
    fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ typing: typingSent, active: active() })
    }).then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) { if (answer) show(answer.others); })
      .catch(function () { /* the next report tries again */ });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { report(); schedule(); }, 10000);
  }

  // Closing the page or going elsewhere: colleagues stop seeing us at once instead of for another
  // half minute. keepalive lets the request outlive the page (sendBeacon cannot send the CSRF header).
  window.addEventListener("pagehide", function () {
    clearTimeout(timer);
    try {
      fetch(url, {
        method: "POST", credentials: "same-origin", keepalive: true,
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ typing: false, leaving: true })
      }).catch(function () { /* the window lets the report lapse anyway */ });
    } catch (e) { /* old browsers: the report lapses after the window */ }
  });
  // Back from the browser's cache (bfcache): we are here again.
  window.addEventListener("pageshow", function (event) { if (event.persisted) { report(); schedule(); } });

  if (reply) {
    reply.addEventListener("input", function () {
      lastInput = Date.now();
      if (!typingSent) { report(); schedule(); }
    });
  }
  report();
  schedule();
})();
