// Refreshes the session page's counts while it is open: one small request every few seconds,
// none while the tab is hidden. Without this script the page shows the counts as of loading.
(function () {
  var box = document.querySelector("[data-counts-url]");
  if (!box || !window.fetch) return;
  var every = Number(box.getAttribute("data-every-ms")) || 5000;
  var timer = setInterval(function () {
    if (document.hidden) return;
    // A redirect (signed out) or a refusal stops the refreshing; a dropped connection does not.
    fetch(box.getAttribute("data-counts-url"), { credentials: "same-origin", redirect: "manual" })
      .then(function (r) { if (r.ok) return r.json(); clearInterval(timer); })
      .then(function (counts) {
        if (!counts) return;
        box.querySelectorAll("[data-count]").forEach(function (el) {
          var n = counts[el.getAttribute("data-count")];
          if (typeof n === "number" && el.textContent !== String(n)) el.textContent = String(n);
        });
      })
      .catch(function () {});
  }, every);
})();
