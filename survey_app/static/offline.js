/* Offline answering (docs/decisions/0028), over the form that works without it. Send writes
   the answers to IndexedDB under their response id, then posts them; if that fails they wait
   here and go again on `online`, `visibilitychange`, every 20 s and whenever a form opens.
   The server stores an id once: a redirect to the thank-you page means stored, now or before.
   Answers go to the form's own action (its page with ?lang=). A 429 ("please wait") is tried
   again later; a 410 (too late even for a late answer) is final. A language button is no Send:
   it goes as without a script once the server answers, else the page says it needs the Wi-Fi.
   The words shown are the page's own (#offline), in its language. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-offline]"), box = document.getElementById("offline");
  if (!form || !box || !document.getElementById("offline-lang") || !window.indexedDB || !window.fetch || !window.AbortController) return;
  var DAY = 864e5, keepMs = 7 * DAY, formMs = DAY / 2, here = location.pathname;
  var db = null, busy = false, leaving = false, bypass = false, waiting = 0, mine = null, memory = [];
  var language = null, pressed = null, nolang = document.getElementById("offline-lang");

  function open() { // again whenever iOS closes the connection
    return new Promise(function (ok, fail) {
      var r = indexedDB.open("cohesion-offline", 1);
      r.onupgradeneeded = function () {
        ["outbox", "pool", "used"].forEach(function (n) { r.result.createObjectStore(n, { keyPath: "id" }); });
      };
      r.onsuccess = function () { db = r.result; db.onclose = function () { db = null; }; ok(db); };
      r.onerror = function () { fail(r.error); };
    });
  }
  function run(store, mode, work, again) {
    return (db ? Promise.resolve(db) : open()).then(function (d) {
      return new Promise(function (ok, fail) {
        var t = d.transaction(store, mode), r = work(t.objectStore(store));
        t.oncomplete = function () { ok(r && r.result); };
        t.onerror = t.onabort = function () { fail(t.error); };
      });
    }).catch(function (e) { db = null; if (again) throw e; return run(store, mode, work, true); });
  }
  function put(s, v) { return run(s, "readwrite", function (o) { return o.put(v); }); }
  function del(s, k) { return run(s, "readwrite", function (o) { return o.delete(k); }).catch(function () {}); }
  function all(s) { return run(s, "readonly", function (o) { return o.getAll(); }).catch(function () { return []; }); }
  function part(n) { return box.querySelector("[data-part=" + n + "]"); }
  function field(n) { return form.querySelector("input[name=" + n + "]"); }

  function show() {
    return all("outbox").then(function (items) {
      waiting = items.length + memory.length;
      if (!waiting && box.hidden) return;
      box.hidden = false;
      part("count").textContent = String(waiting);
      part("waiting").hidden = !waiting;
      part("sent").hidden = !!waiting;
      part("next").hidden = !form.hidden;
    });
  }
  function deliver(item) { // "stored" (then .at is the thank-you page), "refused", "final" or "wait"
    var stop = new AbortController(), timer = setTimeout(function () { stop.abort(); }, 15000);
    return fetch(item.url, { method: "POST", body: item.body, credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }, signal: stop.signal
    }).then(function (r) {
      if (r.redirected && /\/thanks$/.test(new URL(r.url).pathname)) { item.thanks = r.url; return "stored"; }
      if (r.status === 410) return "final"; // closed past the grace: never stored, stop trying
      return r.status === 429 || r.status >= 500 ? "wait" : "refused";
    }, function () { return "wait"; }).then(function (result) { clearTimeout(timer); return result; });
  }
  function forget(item) {
    memory = memory.filter(function (m) { return m.id !== item.id; });
    return del("outbox", item.id);
  }
  function flush() {
    if (busy) return;
    busy = true;
    all("outbox").then(function (items) {
      items = items.concat(memory).sort(function (a, b) { return a.at - b.at; });
      function next(i) {
        var item = items[i];
        if (!item) return;
        if (Date.now() - item.at > keepMs) return forget(item).then(function () { return next(i + 1); });
        return deliver(item).then(function (result) {
          if (result === "wait") return; // still no server: later
          if (result !== "stored" && item.id === mine && form.hidden) { // this pupil's own: show why
            return forget(item).then(function () { form.hidden = false; send(); });
          }
          return forget(item).then(function () { return next(i + 1); });
        });
      }
      return next(0);
    }).then(show).then(function () { busy = false; }, function () { busy = false; });
  }
  function send() { leaving = bypass = true; form.submit(); } // as without a script

  function switchLanguage(button) { // a normal navigation with the answers, never queued
    var stop = new AbortController(), timer = setTimeout(function () { stop.abort(); }, 8000);
    nolang.hidden = true;
    fetch("/sw.js", { method: "HEAD", cache: "no-store", signal: stop.signal }).then(function (r) {
      clearTimeout(timer);
      if (!r.ok) throw new Error("no server");
      if (!language) {
        language = document.createElement("input");
        language.type = "hidden";
        language.name = "switch_language";
        form.appendChild(language);
      }
      language.value = button.value;
      leaving = bypass = true; // any answers waiting go when the next page opens
      form.submit();
    }).catch(function () { clearTimeout(timer); nolang.hidden = false; nolang.focus(); });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[type=submit]");
    if (button) pressed = button;
  });
  form.addEventListener("submit", function (event) {
    if (bypass) return;
    event.preventDefault();
    var button = event.submitter || pressed; // Safari before 15.4 has no submitter
    pressed = null;
    if (button && button.name === "switch_language") return switchLanguage(button);
    nolang.hidden = true;
    var data = new FormData(form), now = Date.now();
    data.delete("switch_language");
    data.set("completed_at", String(now));
    var item = { id: String(data.get("response_id")), url: form.action,
      body: new URLSearchParams(data).toString(), at: now };
    put("outbox", item).catch(function () { memory.push(item); }).then(function () {
      put("used", { id: item.id, at: now }).catch(function () {});
      return deliver(item);
    }).then(function (result) {
      if (result === "stored") {
        leaving = true;
        return forget(item).then(function () { location.assign(item.thanks); });
      }
      // errors to fix, or too late: the server's own page shows why, with the answers on it
      if (result === "refused" || result === "final") return forget(item).then(send);
      mine = item.id;
      form.hidden = true; // out of sight: the next pupil never sees these answers
      return show().then(function () { part("title").focus(); });
    });
  });

  function freshId() { // one nobody used, from this tablet's pool for this form
    return all("pool").then(function (pairs) {
      var fresh = pairs.filter(function (p) { return p.form === here && Date.now() - p.at < formMs; })
        .sort(function (a, b) { return b.at - a.at; })[0];
      if (!fresh) return;
      field("response_id").value = fresh.id;
      field("csrf_token").value = fresh.token;
      return del("pool", fresh.id);
    });
  }
  part("next").addEventListener("click", function () {
    form.reset();
    freshId().then(function () {
      mine = null;
      form.hidden = false;
      show();
      form.querySelector("input:not([type=hidden]), select, textarea").focus();
    });
  });
  function checkId() { // a page from the cache keeps the id it was cached with
    return all("used").then(function (used) {
      var id = field("response_id").value;
      if (used.some(function (u) { return u.id === id; })) return freshId();
    });
  }

  function prepare() { // after load: spare ids and the session's open forms, kept for offline
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    fetch(here + "/offline" + location.search, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; }).then(function (kit) {
        if (!kit) return;
        var now = Date.now(), files = [].map.call(document.scripts, function (s) { return s.src; });
        keepMs = kit.keep_ms;
        formMs = kit.form_ms;
        kit.forms.forEach(function (f) {
          f.ids.forEach(function (p) { put("pool", { id: p[0], token: p[1], form: f.path, at: now }).catch(function () {}); });
        });
        if (window.caches) {
          caches.open("cohesion-forms-v1").then(function (c) {
            return c.addAll(kit.forms.map(function (f) { return f.url; }).concat(files));
          }).catch(function () {});
        }
        return tidy();
      }).catch(function () {});
    if (navigator.serviceWorker) navigator.serviceWorker.register("/sw.js", { scope: "/s/" }).catch(function () {});
  }
  function tidy() { // at most 30 spare ids a form, none past a form's life; used ids for a week
    all("pool").then(function (pairs) {
      var count = {};
      pairs.sort(function (a, b) { return b.at - a.at; }).forEach(function (p) {
        count[p.form] = (count[p.form] || 0) + 1;
        if (count[p.form] > 30 || Date.now() - p.at > formMs) del("pool", p.id);
      });
    });
    all("used").then(function (used) {
      used.forEach(function (u) { if (Date.now() - u.at > keepMs + DAY) del("used", u.id); });
    });
  }

  addEventListener("beforeunload", function (event) {
    if (leaving || !waiting) return;
    event.preventDefault();
    event.returnValue = ""; // the browser's own words
  });
  addEventListener("online", flush);
  addEventListener("pageshow", function (event) { if (event.persisted) checkId(); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) flush(); });
  setInterval(flush, 20000);
  checkId().then(flush);
  addEventListener("load", function () { setTimeout(prepare, 1000); });
})();
