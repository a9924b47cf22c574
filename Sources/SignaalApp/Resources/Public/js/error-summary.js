// The public form after a refused submit: its error summary takes the focus, so a screen reader
// reads what to fix and the keyboard goes on from there (autofocus is not honoured on a div).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary") || document.getElementById("form-refusal");
  if (summary) summary.focus();
})();
