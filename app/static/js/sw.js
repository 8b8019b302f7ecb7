// Comptoir service worker: static files from the cache, an offline page when the network is
// gone. Pages themselves are never cached: they are private (customers, invoices, tickets).
"use strict";
var CACHE = "comptoir-static-v5";  // a new name drops the old copies at once (new CSS, new JS)
var PRECACHE = ["/offline", "/static/css/app.css", "/static/js/early.js", "/static/js/htmx.min.js",
                "/static/js/app.js",
                "/static/js/fields.js", "/static/js/menu.js",
                "/static/img/favicon.svg", "/static/img/icon-192.png", "/static/manifest.webmanifest"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(PRECACHE); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key !== CACHE; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) {
        var fresh = fetch(request).then(function (response) {
          if (response.ok) cache.put(request, response.clone());
          return response;
        });
        return hit || fresh;
      });
    }));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return caches.match("/offline");
    }));
  }
});
