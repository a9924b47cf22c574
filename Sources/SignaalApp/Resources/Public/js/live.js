// Live updates without reloading: the server announces changed cases (server-sent events, fed by
// the database, across app instances). The inbox refreshes its list, its views' counts, its news and
// the surge banner in place (a storm shows up while agents work, S3), touching only what changed and
// keeping the focus and the selected case; a case page says that the case changed, without touching a draft the agent is writing,
// and says so plainly when the change is a reply that did not reach the customer.
(function () {
  "use strict";
  if (!window.EventSource || !window.fetch || !window.DOMParser) return;
  var region = document.getElementById("live-region");
  var casePage = document.querySelector("[data-case-id]");
  if (!region && !casePage) return;
  var timer = null;
  var lastRefresh = 0;
  var source = new EventSource("/events");

  // This page as the server renders it now (null when it cannot be read).
  function currentPage() {
    return fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { return html ? new DOMParser().parseFromString(html, "text/html") : null; });
  }

  // The list as the server last sent it, row by row (by case id): a refresh that brings the same
  // rows touches nothing, so the keyboard focus, the j/k selection and a screen reader's place stay.
  var sentRows = {};
  var sentList = region ? region.innerHTML : "";
  function caseOf(row) { return row.getAttribute("data-case"); }
  function tableRows(container) {
    var body = container.querySelector("#inbox-cases tbody");
    return body ? Array.prototype.slice.call(body.rows) : null;
  }
  if (region) (tableRows(region) || []).forEach(function (row) { sentRows[caseOf(row)] = row.outerHTML; });

  // Where the focus is inside `container`, to put it back after a change: its link's address,
  // and the row it is in (a case that left the list leaves the focus on the row that took its place).
  function focusIn(container) {
    var active = document.activeElement;
    if (!container || !active || active === document.body || !container.contains(active)) return null;
    var row = active.closest ? active.closest("tbody tr") : null;
    var rows = tableRows(container) || [];
    return { element: active, href: active.getAttribute("href"), index: row ? rows.indexOf(row) : -1 };
  }
  function restoreFocus(container, focus) {
    if (!focus || (focus.element.isConnected && document.activeElement === focus.element)) return;
    var links = Array.prototype.slice.call(container.querySelectorAll("a[href]"));
    var same = links.filter(function (link) { return focus.href && link.getAttribute("href") === focus.href; })[0];
    if (!same && focus.index >= 0) {
      var rows = tableRows(container) || [];
      var row = rows[Math.min(focus.index, rows.length - 1)];
      same = row && row.querySelector("a");
    }
    if (same) same.focus();
  }

  // Replaces a part of the page only when it says something else, and keeps the focus on the
  // same link (a view, a count) when it does.
  function replaceKeepingFocus(element, fresh) {
    if (!element || !fresh || element.innerHTML === fresh.innerHTML) return;
    var focus = focusIn(element);
    element.innerHTML = fresh.innerHTML;
    restoreFocus(element, focus);
  }

  // Brings the list up to date; returns how many cases are new in it.
  function updateList(fresh) {
    var html = fresh.innerHTML;
    if (html === sentList) return 0;
    sentList = html;
    var focus = focusIn(region);
    var rows = tableRows(region), freshRows = tableRows(fresh);
    var before = {};
    (rows || []).forEach(function (row) { before[caseOf(row)] = row; });
    var added = 0;
    if (rows && freshRows) {
      // Row by row: an unchanged row stays the same element (with its selection and focus).
      var body = region.querySelector("#inbox-cases tbody");
      var wanted = freshRows.map(function (row) {
        var id = caseOf(row), kept = before[id];
        if (!kept) added++;
        if (kept && sentRows[id] === row.outerHTML) return kept;
        var copy = document.importNode(row, true);
        // A changed row keeps the j/k selection; inbox.js follows the case on "inbox:updated".
        if (kept && kept.classList.contains("selected")) { copy.classList.add("selected"); copy.setAttribute("aria-selected", "true"); }
        return copy;
      });
      rows.forEach(function (row) { if (wanted.indexOf(row) < 0) row.remove(); });
      wanted.forEach(function (row, index) {
        if (body.rows[index] !== row) body.insertBefore(row, body.rows[index] || null);
      });
    } else {
      region.innerHTML = html;
      (freshRows || []).forEach(function (row) { if (!before[caseOf(row)]) added++; });
    }
    sentRows = {};
    (freshRows || []).forEach(function (row) { sentRows[caseOf(row)] = row.outerHTML; });
    restoreFocus(region, focus);
    return added;
  }

  // The list itself is not a live region (it would be read out whole): a short line says what came.
  function announce(count) {
    var status = document.getElementById("inbox-live-status");
    if (!status) return;
    var text = count === 1 ? status.getAttribute("data-new-one") : (status.getAttribute("data-new-many") || "").replace("{count}", String(count));
    // Emptied first, so the same words after the next refresh are said again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 100);
  }

  function refreshInbox() {
    currentPage()
      .then(function (page) {
        var fresh = page && page.getElementById("live-region");
        if (!fresh) return;
        var added = updateList(fresh);
        if (added > 0) announce(added);
        // The views' counts change with the list.
        replaceKeepingFocus(document.getElementById("inbox-views"), page.getElementById("inbox-views"));
        // The banner is a status region: replaced only when it says something else, so a screen
        // reader announces a new surge and not every refresh.
        var alerts = document.getElementById("inbox-alerts"), freshAlerts = page.getElementById("inbox-alerts");
        if (alerts && freshAlerts && alerts.innerHTML !== freshAlerts.innerHTML) alerts.innerHTML = freshAlerts.innerHTML;
        var slaViews = document.getElementById("inbox-sla-views"), freshSLAViews = page.getElementById("inbox-sla-views");
        replaceKeepingFocus(slaViews, freshSLAViews);
        // The news beside the search (a compliment, an improvement) comes and goes with the list,
        // also when "Gezien" was pressed in another window.
        var news = document.getElementById("inbox-news"), freshNews = page.getElementById("inbox-news");
        var row = document.querySelector(".search-row");
        if (news && !freshNews) news.remove();
        else if (!news && freshNews && row) row.appendChild(document.importNode(freshNews, true));
        else if (news && freshNews && news.innerHTML !== freshNews.innerHTML) news.innerHTML = freshNews.innerHTML;
        region.setAttribute("data-updated", String(Date.now()));
        document.dispatchEvent(new CustomEvent("inbox:updated"));
      })
      .catch(function () {});
  }

  function announceCaseChange() {
    var notice = document.getElementById("live-notice");
    if (!notice) return;
    notice.hidden = false;
    // The outbox fails a reply seconds after it was written: without this the agent reads only
    // "changed" and believes the customer has an answer. The page as it is now tells.
    if (document.getElementById("not-received")) return;
    currentPage()
      .then(function (page) {
        var title = page && page.getElementById("not-received-title");
        if (!title) return;
        notice.querySelector(".live-what").textContent = title.textContent.trim() + ".";
        notice.classList.add("not-received-now");
      })
      .catch(function () {});
  }

  source.addEventListener("case", function (event) {
    if (casePage) {
      if (!event.data || event.data === casePage.getAttribute("data-case-id")) announceCaseChange();
      return;
    }
    // At most one refresh every two seconds, and one within two seconds of a change: during a
    // storm messages arrive faster than that, and waiting for a quiet moment would never refresh.
    if (timer) return;
    timer = window.setTimeout(function () {
      timer = null;
      lastRefresh = Date.now();
      refreshInbox();
    }, Math.max(600, 2000 - (Date.now() - lastRefresh)));
  });
})();
