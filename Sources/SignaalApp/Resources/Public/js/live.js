// Live updates without reloading: the server announces changed cases (server-sent events, fed by
// the database, across app instances). The inbox refreshes its list, its views' counts, its news and
// the surge banner in place (a storm shows up while agents work, S3); a case page says that the case changed, without touching a draft the agent is writing,
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

  function refreshInbox() {
    currentPage()
      .then(function (page) {
        var fresh = page && page.getElementById("live-region");
        if (!fresh) return;
        region.innerHTML = fresh.innerHTML;
        // The views' counts change with the list.
        var views = document.getElementById("inbox-views"), freshViews = page.getElementById("inbox-views");
        if (views && freshViews) views.innerHTML = freshViews.innerHTML;
        // The banner is a status region: replaced only when it says something else, so a screen
        // reader announces a new surge and not every refresh.
        var alerts = document.getElementById("inbox-alerts"), freshAlerts = page.getElementById("inbox-alerts");
        if (alerts && freshAlerts && alerts.innerHTML !== freshAlerts.innerHTML) alerts.innerHTML = freshAlerts.innerHTML;
        var slaViews = document.getElementById("inbox-sla-views"), freshSLAViews = page.getElementById("inbox-sla-views");
        if (slaViews && freshSLAViews) slaViews.innerHTML = freshSLAViews.innerHTML;
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
