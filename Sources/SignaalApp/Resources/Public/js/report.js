// The monthly report prints as a PDF from the browser's own print dialog.
document.getElementById("report-print")?.addEventListener("click", () => window.print());
