// Keys on the case page, as agents know them from Zendesk and Chatwoot: r to reply, a to take
// or hand over the case, Escape to leave a field. Typing in a field is never taken over. And a
// form that came back with an error gets its choices back.
(function () {
  "use strict";
  // A form that came back with an error keeps the agent's choices; the server fills in the text.
  Array.prototype.forEach.call(document.querySelectorAll("select[data-value]"), function (select) {
    if (select.getAttribute("data-value")) select.value = select.getAttribute("data-value");
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
