// After signing out: this tab's unsent reply drafts (coach.js keeps them per case until sent) are
// forgotten, so the next person at this desk does not find a colleague's words in the composer.
(function () {
  "use strict";
  var storage = null;
  try { storage = window.sessionStorage; } catch (e) { return; }
  if (!storage) return;
  for (var index = storage.length - 1; index >= 0; index--) {
    var key = storage.key(index);
    if (key && key.indexOf("signaal-concept:") === 0) storage.removeItem(key);
  }
})();
