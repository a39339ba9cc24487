/* The pupil forms' service worker (docs/decisions/0028). Scope /s/: the forms only, never a
   staff page. Network first, always: a form from the network carries a fresh response id.
   Without a network, a form page (blank: only GET navigations are kept, never a page with
   answers) and the pupil page's script files come from the cache, so a tablet that loaded a
   session's BEFORE form opens its AFTER form, and a reload of an open form still shows it.
   Nothing is posted from here: offline.js keeps and sends the answers. */
"use strict";
var CACHE = "cohesion-forms-v1", NAVIGATION_TIMEOUT_MS = 8000;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  var form = request.mode === "navigate" && /^\/s\/[^/]+$/.test(url.pathname);
  var file = url.pathname.indexOf("/static/") === 0;
  if (!form && !file) return;
  event.respondWith(fromNetwork(request, form ? NAVIGATION_TIMEOUT_MS : 0).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreVary: true }).then(function (kept) { return kept || Response.error(); });
  }));
});

function fromNetwork(request, timeoutMs) {
  if (!timeoutMs) return fetch(request);
  return new Promise(function (ok, fail) {
    var timer = setTimeout(function () { fail(new Error("timeout")); }, timeoutMs);
    fetch(request).then(function (r) { clearTimeout(timer); ok(r); },
                        function (e) { clearTimeout(timer); fail(e); });
  });
}
