// The device's queue of registrations made without a connection (issue 15).
// Shared by the pages (offline.js) and the service worker (sw.js, Background Sync):
// no DOM here, only IndexedDB, fetch and (where present) Web Locks.
//
// One IndexedDB database per user ("hh-queue-<user id>"), so another user of the
// same device never sees it; it is deleted at logout and when another user logs in.
// An item leaves the queue only when the server confirmed it with {"ok": true}.
(function (root) {
  "use strict";
  var DB_PREFIX = "hh-queue-";
  var HEADER = "X-HH-Offline";

  function dbName(userId) { return DB_PREFIX + userId; }

  function open(userId) {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(dbName(userId), 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore("items", { keyPath: "id", autoIncrement: true });
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function tx(userId, mode, work) {
    return open(userId).then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction("items", mode);
        var store = t.objectStore("items");
        var result;
        Promise.resolve(work(store, function (r) { result = r; }));
        t.oncomplete = function () { db.close(); resolve(result); };
        t.onerror = function () { db.close(); reject(t.error); };
        t.onabort = function () { db.close(); reject(t.error); };
      });
    });
  }

  function all(userId) {
    return tx(userId, "readonly", function (store, done) {
      var req = store.getAll();
      req.onsuccess = function () { done(req.result.sort(function (a, b) { return a.id - b.id; })); };
    });
  }

  function get(userId, id) {
    return tx(userId, "readonly", function (store, done) {
      var req = store.get(id);
      req.onsuccess = function () { done(req.result); };
    });
  }

  function add(userId, item) {
    return tx(userId, "readwrite", function (store, done) {
      var req = store.add(item);
      req.onsuccess = function () { done(req.result); };
    });
  }

  function put(userId, item) {
    return tx(userId, "readwrite", function (store) { store.put(item); });
  }

  function remove(userId, id) {
    return tx(userId, "readwrite", function (store) { store.delete(id); });
  }

  function count(userId) {
    return all(userId).then(function (items) { return items.length; });
  }

  function destroy(userId) {
    return new Promise(function (resolve) {
      var req = indexedDB.deleteDatabase(dbName(userId));
      req.onsuccess = req.onerror = req.onblocked = function () { resolve(); };
    });
  }

  // The form's entries as storable values. Files become ArrayBuffers: older iOS
  // Safari versions could not keep Blobs in IndexedDB.
  function serialise(formData) {
    var entries = [];
    var pending = [];
    formData.forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      if (typeof value === "string") { entries.push({ name: name, value: value }); return; }
      if (!value || (!value.size && !value.name)) return; // an empty file input
      var entry = { name: name, file: { name: value.name, type: value.type, size: value.size } };
      entries.push(entry);
      pending.push(value.arrayBuffer().then(function (buf) { entry.file.data = buf; }));
    });
    return Promise.all(pending).then(function () { return entries; });
  }

  function toFormData(item, csrf) {
    var data = new FormData();
    item.entries.forEach(function (e) {
      if (e.file) {
        data.append(e.name, new Blob([e.file.data], { type: e.file.type }), e.file.name);
      } else {
        data.append(e.name, e.value);
      }
    });
    data.append("csrfmiddlewaretoken", csrf);
    return data;
  }

  // A fetch that gives up: a line that hangs counts as no connection (the item stays).
  function fetchWithin(url, options, ms) {
    if (!root.AbortController) return fetch(url, options);
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, ms);
    options.signal = controller.signal;
    return fetch(url, options).then(function (r) { clearTimeout(timer); return r; },
      function (e) { clearTimeout(timer); throw e; });
  }

  function itemBytes(item) {
    return item.entries.reduce(function (n, e) { return n + (e.file ? e.file.size || 0 : 0); }, 0);
  }

  function status(statusUrl) {
    return fetchWithin(statusUrl, { credentials: "same-origin", cache: "no-store" }, 20000).then(function (r) {
      if (r.status === 401) return { login: true };
      if (!r.ok) throw new Error("status " + r.status);
      return r.json();
    });
  }

  function isLoginPage(response) {
    return response.redirected && /\/login\//.test(new URL(response.url).pathname);
  }

  // Send one item. Resolves to "sent", "refused", "login" or "later".
  function sendOne(userId, item, ctx) {
    function attempt(retry) {
      return fetchWithin(item.action, {
        method: "POST",
        body: toFormData(item, ctx.csrf),
        credentials: "same-origin",
        headers: (function () { var h = {}; h[HEADER] = "1"; h["X-CSRFToken"] = ctx.csrf; return h; })(),
      }, 30000 + Math.round(itemBytes(item) / 50)).then(function (response) {
        if (response.status === 401 || isLoginPage(response)) return "login";
        if (response.status === 403 && retry) {
          // A CSRF token that went stale (e.g. rotated at a new login): fetch a fresh one, once.
          return status(ctx.statusUrl).then(function (s) {
            if (s.login) return "login";
            ctx.csrf = s.csrf;
            return attempt(false);
          });
        }
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === 0) {
          return response.json().then(function (body) {
            if (body.ok) {
              return remove(userId, item.id).then(function () {
                ctx.sent.push({ kind: item.kind, url: body.url, reference: body.reference || "" });
                return "sent";
              });
            }
            item.status = "refused";
            item.message = body.message || "";
            item.errors = body.errors || {};
            ctx.refused.push({ url: response.url, status: response.status });
            return put(userId, item).then(function () { return "refused"; });
          });
        }
        if (response.status >= 500) return "later";
        // Anything else the server said (404: not (any more) allowed, 413: too large):
        // kept on the device, shown to the boa with the status.
        item.status = "refused";
        item.message = ctx.messages["http" + response.status] || ctx.messages.refused;
        item.errors = {};
        ctx.refused.push({ url: response.url, status: response.status });
        return put(userId, item).then(function () { return "refused"; });
      });
    }
    return attempt(true);
  }

  function waitsFor(item, items) {
    // A violation on an incident that is itself still on the device waits for it.
    if (!item.dependsOn) return false;
    return items.some(function (other) { return other.id !== item.id && other.key === item.dependsOn; });
  }

  // Send the queue, oldest first, one at a time. Resolves to a summary.
  function sendAll(userId, options) {
    var ctx = {
      statusUrl: options.statusUrl,
      messages: options.messages || {},
      sent: [],
      refused: [], // the server's refusals: kept on the device, shown on the queue page
      csrf: null,
    };
    function run() {
      return all(userId).then(function (items) {
        var todo = items.filter(function (i) { return i.status !== "refused"; });
        if (!todo.length) return { state: "empty", sent: [], refused: [] };
        return status(ctx.statusUrl).then(function (s) {
          if (s.login) return { state: "login", sent: [], refused: [] };
          if (String(s.user) !== String(userId)) return { state: "other-user", sent: [], refused: [] };
          ctx.csrf = s.csrf;
          var state = "done";
          var chain = Promise.resolve();
          todo.forEach(function (item) {
            chain = chain.then(function () {
              if (state !== "done") return;
              return all(userId).then(function (current) {
                if (waitsFor(item, current)) return;
                return sendOne(userId, item, ctx).then(function (result) {
                  if (result === "login" || result === "later") state = result;
                });
              });
            });
          });
          return chain.then(function () { return { state: state, sent: ctx.sent, refused: ctx.refused }; });
        });
      }).catch(function () { return { state: "later", sent: ctx.sent, refused: ctx.refused }; });
    }
    // Page and worker may both try: Web Locks let one send at a time (the server
    // deduplicates on the submission key as well).
    if (root.navigator && root.navigator.locks) {
      return root.navigator.locks.request("hh-queue-" + userId, run);
    }
    return run();
  }

  root.HHQueue = {
    open: open, all: all, get: get, add: add, put: put, remove: remove, count: count,
    destroy: destroy, serialise: serialise, sendAll: sendAll, status: status, DB_PREFIX: DB_PREFIX,
  };
})(self);
