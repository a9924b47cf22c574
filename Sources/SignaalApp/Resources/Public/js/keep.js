// Long texts outlive a lost session: every textarea marked data-keep is kept in this tab
// (sessionStorage, per form and field) as the agent types, so being sent to the sign-in page and
// back (or a reload) brings back what they wrote. A form that was sent is marked; the next page
// says how it went: the sign-in or error page means it never arrived (the text stays), any other
// page means the server took it (accepted, or refused and shown again with the text in it).
(function () {
  "use strict";
  var storage = null;
  try { storage = window.sessionStorage; } catch (e) { return; }
  if (!storage) return;
  // One prefix for all, which signed-out.js clears when someone signs out on purpose.
  var prefix = "signaal-concept:";
  var sent = "|verstuurd";
  var unsent = !!document.querySelector("[data-unsent]");
  for (var index = storage.length - 1; index >= 0; index--) {
    var name = storage.key(index);
    if (!name || name.indexOf(prefix) !== 0 || name.slice(-sent.length) !== sent) continue;
    storage.removeItem(name);
    if (!unsent) storage.removeItem(name.slice(0, -sent.length));
  }
  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-keep]"), function (field) {
    var form = field.form;
    if (!form) return;
    var key = prefix + form.getAttribute("action") + "#" + field.name;
    var kept = storage.getItem(key);
    if (kept && !field.value.trim()) {
      field.value = kept;
      // A folded form is opened, so the agent sees the text came back.
      for (var parent = field.parentElement; parent; parent = parent.parentElement) {
        if (parent.tagName === "DETAILS") parent.open = true;
      }
      // Scripts that follow the field (the reply coach) read it again.
      field.dispatchEvent(new Event("input"));
    }
    field.addEventListener("input", function () {
      try {
        if (field.value.trim()) storage.setItem(key, field.value);
        else storage.removeItem(key);
      } catch (e) { /* storage full or refused: the text is only not kept */ }
    });
    form.addEventListener("submit", function (event) {
      // A submit another script held back (the promise without its time; coach.js listens
      // first, as it runs first) was not sent.
      if (event.defaultPrevented || !storage.getItem(key)) return;
      try { storage.setItem(key + sent, "1"); } catch (e) { /* nothing to mark */ }
    });
  });
})();
