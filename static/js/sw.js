// Service worker of Handhaving OOV (issue 15), served from /sw.js (config/pwa.py puts
// self.HH_CONFIG above this code: the static URLs and the status URL).
//
// Pages: network first; a page the server marked X-HH-Offline-Page is kept in the
// cache of the user it was rendered for ("hh-pages-<user id>"), so each online visit
// refreshes it. Without a connection only the current user's cache is read. Another
// user's page is never served: a response for a new user empties the other caches.
// Static files: cache first (their names carry a content hash in production).
/* global HH_CONFIG, HHQueue */
"use strict";
importScripts(HH_CONFIG.core);

var STATIC_CACHE = "hh-static-v1";
var PAGE_PREFIX = "hh-pages-";
var META_CACHE = "hh-meta";
var USER_KEY = "/__hh_user__";

function currentUser() {
  return caches.open(META_CACHE).then(function (cache) {
    return cache.match(USER_KEY).then(function (r) { return r ? r.text() : ""; });
  });
}

function setUser(userId) {
  userId = userId ? String(userId) : "";
  return currentUser().then(function (previous) {
    var work = [];
    if (previous !== userId) {
      work.push(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (k) {
          return k.indexOf(PAGE_PREFIX) === 0 && k !== PAGE_PREFIX + userId;
        }).map(function (k) { return caches.delete(k); }));
      }));
      if (previous && previous !== userId) work.push(HHQueue.destroy(previous));
    }
    work.push(caches.open(META_CACHE).then(function (cache) {
      return cache.put(USER_KEY, new Response(userId));
    }));
    return Promise.all(work);
  });
}

function clearAll() {
  return currentUser().then(function (userId) {
    return caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k.indexOf(PAGE_PREFIX) === 0;
      }).map(function (k) { return caches.delete(k); }));
    }).then(function () {
      return userId ? HHQueue.destroy(userId) : null;
    }).then(function () {
      return caches.open(META_CACHE).then(function (cache) { return cache.delete(USER_KEY); });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE).then(function (cache) {
      return cache.addAll(HH_CONFIG.shell.concat([HH_CONFIG.offline])).catch(function () {});
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k.indexOf("hh-static-") === 0 && k !== STATIC_CACHE;
      }).map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function keepPage(request, response) {
  var owner = response.headers.get("X-HH-User");
  if (!owner || response.headers.get("X-HH-Offline-Page") !== "1") return Promise.resolve();
  return currentUser().then(function (userId) {
    var ready = userId === owner ? Promise.resolve() : setUser(owner);
    return ready.then(function () {
      return caches.open(PAGE_PREFIX + owner).then(function (cache) {
        return cache.put(request.url, response);
      });
    });
  });
}

function cachedPage(request) {
  return currentUser().then(function (userId) {
    if (!userId) return null;
    return caches.open(PAGE_PREFIX + userId).then(function (cache) {
      // Django varies on Cookie and Accept-Language; the copy is this user's anyway.
      return cache.match(request.url, { ignoreVary: true });
    });
  });
}

function offlinePage() {
  return caches.match(HH_CONFIG.offline, { ignoreVary: true }).then(function (r) {
    return r || new Response("Geen verbinding. / No connection.", {
      status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf(HH_CONFIG.static) === 0) {
    event.respondWith(
      caches.open(STATIC_CACHE).then(function (cache) {
        return cache.match(request, { ignoreVary: true }).then(function (hit) {
          return hit || fetch(request).then(function (response) {
            if (response.ok) cache.put(request, response.clone());
            return response;
          });
        });
      })
    );
    return;
  }
  if (request.mode !== "navigate") return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok) event.waitUntil(keepPage(request, response.clone()));
      return response;
    }).catch(function () {
      return cachedPage(request).then(function (hit) { return hit || offlinePage(); });
    })
  );
});

// Refresh the street pages of the logged-in user (asked by the page on each online visit).
function refresh(pages, userId) {
  return setUser(userId).then(function () {
    return Promise.all(pages.map(function (page) {
      // Marked, so the server leaves the boa's one-time messages for the page they belong to.
      // Not followed to the login page when the session is gone: that page is not kept,
      // and fetching it could hand the browser a new CSRF cookie behind the back of a
      // login form already on screen.
      return fetch(page, { credentials: "same-origin", redirect: "manual", headers: { "X-HH-Refresh": "1" } }).then(function (response) {
        if (response.ok) return keepPage(new Request(new URL(page, self.location.origin).href), response);
      }).catch(function () {});
    }));
  });
}

function tellClients(message) {
  return self.clients.matchAll({ includeUncontrolled: true }).then(function (list) {
    list.forEach(function (client) { client.postMessage(message); });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "user") {
    event.waitUntil(setUser(data.user).then(function () {
      if (data.pages) return refresh(data.pages, data.user);
    }));
  } else if (data.type === "logout") {
    event.waitUntil(clearAll().then(function () {
      if (event.source) event.source.postMessage({ type: "logged-out" });
    }));
  }
});

// Background Sync (Chromium): the queue is sent even when no page of ours is open.
self.addEventListener("sync", function (event) {
  if (event.tag !== "hh-send-queue") return;
  event.waitUntil(currentUser().then(function (userId) {
    if (!userId) return null;
    return HHQueue.sendAll(userId, { statusUrl: HH_CONFIG.status }).then(function (result) {
      return tellClients({ type: "queue-sent", result: result }).then(function () {
        // Still no connection: a rejected sync is tried again by the browser later.
        if (result.state === "later") throw new Error("no connection yet");
      });
    });
  }));
});
