// Keys on the case page, as agents know them from Zendesk and Chatwoot: r to reply, a to take
// or hand over the case, Escape to leave a field. Typing in a field is never taken over. And a
// form that came back with an error gets its choices back; a reply form sends once.
(function () {
  "use strict";
  // A form that came back with an error keeps the agent's choices; the server fills in the text.
  Array.prototype.forEach.call(document.querySelectorAll("select[data-value]"), function (select) {
    if (select.getAttribute("data-value")) select.value = select.getAttribute("data-value");
  });
  // A reply is sent once: its button stops after the first click (the form's one-time key makes
  // the server store a second sending once anyway). Here on the document, after the composer's
  // own check, which may hold the form back; back on the page from the history, it works again.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "reply-form" || event.defaultPrevented) return;
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (button) { button.disabled = true; });
  });
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("#reply-form button[type=submit]"), function (button) { button.disabled = false; });
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable)) {
      if (event.key === "Escape") target.blur();
      return;
    }
    if (event.key === "r") {
      var reply = document.getElementById("reply-text");
      if (reply) { reply.focus(); event.preventDefault(); }
    } else if (event.key === "a") {
      var take = document.getElementById("take-case");
      if (take) { take.focus(); event.preventDefault(); return; }
      var handoff = document.querySelector("details.handoff");
      if (handoff) {
        handoff.open = true;
        var to = document.getElementById("handoff-to");
        if (to) to.focus();
        event.preventDefault();
      }
    }
  });
})();
