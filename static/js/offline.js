// Offline registration in the page (issue 15): keeps the street pages on the device,
// stores a form submitted without a connection in the device's queue (IndexedDB, see
// queue-core.js), sends the queue by itself when the connection is back, and shows
// what waits. Strings come translated from the #hh-offline element in base.html.
/* global HHQueue */
(function () {
  "use strict";
  var cfg = document.getElementById("hh-offline");
  if (!cfg || !window.HHQueue) return;
  var ds = cfg.dataset;
  var user = ds.user || "";
  var T = JSON.parse(document.getElementById("hh-offline-strings").textContent);
  var LAST_USER = "hh-last-user";
  var maxBytes = parseInt(ds.maxBytes, 10) || 15 * 1024 * 1024;
  var maxPhotos = parseInt(ds.maxPhotos, 10) || 10;
  var sending = false;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function link(href, text, cls) {
    var a = el("a", cls || "", text);
    a.href = href;
    return a;
  }
  function fmt(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, k) { return values[k]; });
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function localDate(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function localDateTime(d) { return localDate(d) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function shown(d) {
    return pad(d.getDate()) + "-" + pad(d.getMonth() + 1) + "-" + d.getFullYear() + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  // --- notices --------------------------------------------------------------------------
  var noticeBox = document.getElementById("hh-offline-notice");
  function notice(kind, parts, id) {
    if (!noticeBox) return null;
    var box = el("div", "alert alert-" + kind);
    box.setAttribute("role", kind === "danger" ? "alert" : "status");
    if (id) box.id = id;
    parts.forEach(function (p) { box.appendChild(typeof p === "string" ? document.createTextNode(p) : p); });
    var old = id && document.getElementById(id);
    // The same notice again (the page and the worker both report): leave the one shown,
    // so a link in it does not vanish under the boa's finger.
    if (old && old.textContent === box.textContent) return old;
    if (old) old.remove();
    noticeBox.appendChild(box);
    return box;
  }

  // --- the count in the menu bar ---------------------------------------------------------
  function updateCount() {
    if (!user) return Promise.resolve(0);
    return HHQueue.all(user).then(function (items) {
      var badge = document.getElementById("hh-queue-count");
      if (badge) {
        badge.textContent = fmt(items.length === 1 ? T.waitingOne : T.waitingMany, { n: items.length });
        badge.classList.toggle("d-none", items.length === 0);
      }
      if (document.getElementById("hh-queue-list")) renderQueue(items);
      return items.length;
    }).catch(function () { return 0; });
  }

  // --- sending ---------------------------------------------------------------------------
  var retryTimer = null;
  function send() {
    if (!user || sending || !navigator.onLine) return Promise.resolve(null);
    sending = true;
    return HHQueue.sendAll(user, { statusUrl: ds.statusUrl, messages: T }).then(function (result) {
      sending = false;
      report(result);
      if (result && result.state === "later") retryLater();
      return updateCount().then(function () { return result; });
    }, function () { sending = false; retryLater(); return null; });
  }

  // The network said "online" but did not carry (a dead spot, a hotspot without
  // internet): try again in a while, besides the online event and Background Sync.
  function retryLater() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; send(); }, parseInt(ds.retryMs, 10) || 30000);
  }

  function report(result) {
    if (!result) return;
    if (result.state === "login") {
      var next = location.pathname + location.search;
      notice("warning", [T.sessionExpired + " ", link(ds.loginUrl + "?next=" + encodeURIComponent(next), T.loginAgain, "alert-link")], "hh-login-needed");
    }
    if (result.sent && result.sent.length) {
      var parts = [fmt(result.sent.length === 1 ? T.sentOne : T.sentMany, { n: result.sent.length }) + " "];
      result.sent.forEach(function (s, i) {
        if (i) parts.push(", ");
        parts.push(link(s.url, s.reference || T.open, "alert-link"));
      });
      notice("success", parts, "hh-sent");
    }
    HHQueue.all(user).then(function (items) {
      var refused = items.filter(function (i) { return i.status === "refused"; }).length;
      if (refused) {
        notice("danger", [fmt(T.refusedSome, { n: refused }) + " ", link(ds.queueUrl, T.toQueue, "alert-link")], "hh-refused");
      }
      (result.refused || []).forEach(handled);
    });
  }

  function registerSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.sync) return reg.sync.register("hh-send-queue");
    }).catch(function () {});
  }

  // --- forms that work without a connection ---------------------------------------------
  function setField(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = el("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
    return input;
  }

  function checkPhotos(form) {
    var problems = [];
    Array.prototype.forEach.call(form.querySelectorAll('input[type="file"]'), function (input) {
      var files = Array.prototype.slice.call(input.files || []);
      if (files.length > maxPhotos) problems.push({ input: input, text: fmt(T.tooMany, { n: files.length, max: maxPhotos }) });
      files.forEach(function (f) {
        if (f.size > maxBytes) {
          problems.push({ input: input, text: fmt(T.tooLarge, { name: f.name, mb: (f.size / 1048576).toLocaleString(document.documentElement.lang || 'nl', { minimumFractionDigits: 1, maximumFractionDigits: 1 }), max: Math.round(maxBytes / 1048576) }) });
        }
      });
    });
    return problems;
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll(".hh-error"), function (n) { n.remove(); });
    Array.prototype.forEach.call(form.querySelectorAll(".is-invalid.hh-invalid"), function (n) { n.classList.remove("is-invalid", "hh-invalid"); });
  }

  function showErrors(form, message, errors) {
    clearErrors(form);
    var top = el("div", "alert alert-danger hh-error");
    top.setAttribute("role", "alert");
    top.id = "hh-form-refused";
    top.appendChild(el("p", "mb-1 fw-bold", message || T.refused));
    (errors.__all__ || []).forEach(function (m) { top.appendChild(el("p", "mb-0", m)); });
    form.insertBefore(top, form.firstChild);
    Object.keys(errors).forEach(function (name) {
      if (name === "__all__") return;
      var field = form.querySelector('[name="' + name + '"]');
      var visible = field && field.type !== "hidden";
      errors[name].forEach(function (m) {
        var node = el(visible ? "div" : "p", (visible ? "invalid-feedback d-block" : "mb-0") + " hh-error", m);
        if (visible) {
          field.classList.add("is-invalid", "hh-invalid");
          var holder = field.closest(".mb-3") || field.parentNode;
          holder.appendChild(node);
        } else {
          top.appendChild(node);
        }
      });
    });
    top.scrollIntoView({ block: "start" });
  }

  function fill(form, entries) {
    var byName = {};
    entries.forEach(function (e) { (byName[e.name] = byName[e.name] || []).push(e); });
    Array.prototype.forEach.call(form.elements, function (input) {
      var name = input.name;
      if (!name || name === "csrfmiddlewaretoken") return;
      var values = (byName[name] || []).filter(function (e) { return !e.file; }).map(function (e) { return e.value; });
      if (input.type === "file") {
        var files = (byName[name] || []).filter(function (e) { return e.file; });
        if (files.length && window.DataTransfer) {
          var dt = new DataTransfer();
          files.forEach(function (e) { dt.items.add(new File([e.file.data], e.file.name, { type: e.file.type })); });
          input.files = dt.files;
        }
      } else if (input.type === "checkbox" || input.type === "radio") {
        input.checked = values.indexOf(input.value) !== -1;
      } else if (input.tagName === "SELECT" && input.multiple) {
        Array.prototype.forEach.call(input.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else if (name in byName) {
        input.value = values[0] || "";
      }
      if (input.type !== "hidden") input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function titleOf(form) {
    var h = document.querySelector("main h1");
    return (h ? h.textContent.trim() : document.title);
  }

  function savedScreen(form, item) {
    var box = el("div", "alert alert-success");
    box.setAttribute("role", "status");
    box.id = "hh-saved";
    box.appendChild(el("p", "mb-2 fw-bold", T.saved));
    var links = el("p", "mb-0 d-flex flex-column gap-2");
    if (item.kind === "incident" && ds.pendingViolationUrl) {
      links.appendChild(link(ds.pendingViolationUrl + "#melding=" + item.key, T.violationOnIt, "btn btn-primary"));
    }
    if (item.kind === "patrol_start" && ds.pendingEndUrl) {
      links.appendChild(link(ds.pendingEndUrl + "#dienst=" + item.key, T.endShift, "btn btn-danger"));
    }
    links.appendChild(link(location.pathname, T.another, "btn btn-outline-primary"));
    links.appendChild(link(ds.homeUrl, T.home, "btn btn-outline-secondary"));
    box.appendChild(links);
    form.classList.add("d-none");
    form.parentNode.insertBefore(box, form);
    box.scrollIntoView({ block: "start" });
  }

  function enableButtons(form) {
    setTimeout(function () {
      Array.prototype.forEach.call(form.querySelectorAll('[type="submit"]'), function (b) { b.disabled = false; });
    }, 10);
  }

  function store(form, submitter) {
    busy(form, false);
    var existingId = form.dataset.hhItem ? parseInt(form.dataset.hhItem, 10) : null;
    var problems = checkPhotos(form);
    if (problems.length) {
      var errors = {};
      problems.forEach(function (p) { (errors[p.input.name] = errors[p.input.name] || []).push(p.text); });
      showErrors(form, T.notSaved, errors);
      enableButtons(form);
      return;
    }
    var data = new FormData(form, submitter || undefined);
    var recorded = existingId && form.dataset.hhRecorded ? form.dataset.hhRecorded : new Date().toISOString();
    data.set("recorded_at", recorded);
    HHQueue.serialise(data).then(function (entries) {
      var keyEntry = entries.filter(function (e) { return e.name === "submission_key"; })[0];
      var dependsInput = form.querySelector("input[data-hh-depends]");
      var depends = dependsInput && entries.filter(function (e) { return e.name === dependsInput.name; })[0];
      var item = {
        kind: form.dataset.hhOffline,
        action: new URL(form.getAttribute("action") || location.pathname, location.href).href,
        page: location.pathname,
        title: titleOf(form),
        key: keyEntry ? keyEntry.value : "",
        dependsOn: depends ? depends.value : "",
        recorded_at: recorded,
        entries: entries,
        status: "pending",
      };
      if (existingId) item.id = existingId;
      var saved = existingId ? HHQueue.put(user, item).then(function () { return existingId; }) : HHQueue.add(user, item);
      return saved.then(function (id) {
        item.id = id;
        if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
        registerSync();
        updateCount();
        if (existingId && navigator.onLine) {
          // A corrected item: send it now and show the result.
          return send().then(function () {
            return HHQueue.get(user, id).then(function (left) {
              if (!left) { location.href = ds.queueUrl; return; }
              if (left.status === "refused") { showErrors(form, left.message, left.errors || {}); enableButtons(form); }
              else savedScreen(form, item);
            });
          });
        }
        savedScreen(form, item);
        if (navigator.onLine) send(); // it looked online: try now, and again later
      });
    }).catch(function (err) {
      var quota = err && err.name === "QuotaExceededError";
      showErrors(form, quota ? T.noSpace : T.notStored, {});
      enableButtons(form);
    });
  }

  function prepare(form) {
    var itemMatch = /hh-item=(\d+)/.exec(location.hash);
    if (itemMatch && user) {
      var id = parseInt(itemMatch[1], 10);
      HHQueue.get(user, id).then(function (item) {
        if (!item) return;
        form.dataset.hhItem = String(id);
        form.dataset.hhRecorded = item.recorded_at;
        fill(form, item.entries);
        if (item.status === "refused") showErrors(form, item.message, item.errors || {});
      });
    } else {
      // A page kept on the device carries the key and time of when it was kept: fresh ones.
      setField(form, "submission_key", uuid());
      var now = new Date();
      if (!form.querySelector(".is-invalid")) {
        Array.prototype.forEach.call(form.querySelectorAll("[data-hh-now]"), function (input) {
          input.value = input.dataset.hhNow === "date" ? localDate(now) : localDateTime(now);
        });
      }
    }
    // A form about a record that itself still waits on the device (a violation on a
    // waiting incident, the end of a waiting shift): the earlier item's key from the link.
    var pendingKey = form.querySelector("input[data-hh-depends]");
    if (pendingKey && !itemMatch) {
      var m = new RegExp(pendingKey.dataset.hhDepends + "=([0-9a-f-]{36})").exec(location.hash);
      if (m) pendingKey.value = m[1];
      else {
        var missing = document.querySelector("[data-hh-depends-missing]");
        if (missing) missing.classList.remove("d-none");
        Array.prototype.forEach.call(form.querySelectorAll('[type="submit"]'), function (b) { b.disabled = true; });
      }
    }
    form.addEventListener("submit", function (event) {
      if (form.dataset.hhNative) { delete form.dataset.hhNative; return; } // the server's own page
      var named = event.submitter && event.submitter.name;
      // Online submits go by fetch, so a network that fails keeps the form on the device
      // (switched off with data-live-submit="0" on #hh-offline). A named submit button
      // asks the server for another page of the form (e.g. "add a row"): that goes natively.
      if (navigator.onLine && !form.dataset.hhItem && (named || ds.liveSubmit === "0")) return;
      event.preventDefault();
      if (navigator.onLine && !form.dataset.hhItem) submitLive(form, event.submitter);
      else store(form, event.submitter);
    });
  }

  // --- online, but is it? -----------------------------------------------------------------
  // navigator.onLine only knows there is a network, not that it carries. So the form goes
  // by fetch: the server's answer (JSON) leads to the record or, when it refuses (422),
  // the form stays as the boa filled it in, photos included, with the server's messages
  // at its fields (nothing is uploaded twice). A fetch that fails or takes too long means
  // no connection: the form goes into the device's queue, under the same submission key
  // (should it have arrived after all, the server answers the first result again).
  function busy(form, on) {
    Array.prototype.forEach.call(form.querySelectorAll('[type="submit"]'), function (b) { b.disabled = on; });
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  function nativeSubmit(form, submitter) {
    busy(form, false);
    form.dataset.hhNative = "1";
    if (form.requestSubmit) form.requestSubmit(submitter || undefined);
    else form.submit();
  }

  // Tells whoever watches the page (the browser tests) that this refusal was expected
  // and is shown to the boa: a 422 that nobody shows is a fault.
  function handled(response) {
    document.dispatchEvent(new CustomEvent("hh:refusal-shown", {
      detail: { url: response.url, status: response.status },
    }));
  }

  function sizeOf(data) {
    var bytes = 0;
    data.forEach(function (value) { if (value && typeof value !== "string") bytes += value.size || 0; });
    return bytes;
  }

  function submitLive(form, submitter) {
    if (checkPhotos(form).length) { store(form, submitter); return; } // reports the problem
    var data = new FormData(form, submitter || undefined);
    var token = form.querySelector('input[name="csrfmiddlewaretoken"]');
    var headers = { "X-HH-Offline": "1", "X-HH-Live": "1" };
    if (token) headers["X-CSRFToken"] = token.value;
    // Patience grows with the photos: a slow but working line is not "no connection".
    var limit = (parseInt(ds.sendTimeout, 10) || 20000) + Math.round(sizeOf(data) / 50);
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, limit) : null;
    busy(form, true);
    fetch(new URL(form.getAttribute("action") || location.pathname, location.href).href, {
      method: "POST", body: data, credentials: "same-origin", headers: headers,
      signal: controller ? controller.signal : undefined,
    }).then(function (response) {
      clearTimeout(timer);
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === 0) {
        return response.json().then(function (body) {
          if (body.ok) { location.assign(body.url); return; }
          busy(form, false);
          showErrors(form, body.message, body.errors || {});
          handled(response);
        });
      }
      var login = response.redirected && /\/login\//.test(new URL(response.url).pathname);
      if (login || response.status === 401 || response.status === 403 || response.status >= 500) {
        store(form, submitter); // kept; the queue renews the session or token, or waits
        return;
      }
      nativeSubmit(form, submitter);
    }).catch(function () {
      clearTimeout(timer);
      store(form, submitter);
    });
  }

  // --- the queue page --------------------------------------------------------------------
  function renderQueue(items) {
    var list = document.getElementById("hh-queue-list");
    var empty = document.getElementById("hh-queue-empty");
    list.textContent = "";
    empty.classList.toggle("d-none", items.length > 0);
    items.forEach(function (item) {
      var li = el("li", "list-group-item");
      li.appendChild(el("div", "fw-bold", item.title));
      li.appendChild(el("div", "small text-body-secondary", fmt(T.recordedAt, { at: shown(new Date(item.recorded_at)) })));
      if (item.status === "refused") {
        li.appendChild(el("div", "text-danger", item.message || T.refused));
        Object.keys(item.errors || {}).forEach(function (k) {
          (item.errors[k] || []).forEach(function (m) { li.appendChild(el("div", "small text-danger", m)); });
        });
        li.appendChild(link(item.page + "#hh-item=" + item.id, T.correct, "btn btn-primary btn-sm mt-2 me-2"));
      } else {
        li.appendChild(el("div", "small", T.pending));
        var ended = items.some(function (other) { return other.dependsOn && other.dependsOn === item.key; });
        if (item.kind === "patrol_start" && !ended && ds.pendingEndUrl) {
          li.appendChild(link(ds.pendingEndUrl + "#dienst=" + item.key, T.endShift, "btn btn-danger btn-sm mt-2 me-2"));
        }
      }
      var del = el("button", "btn btn-outline-danger btn-sm mt-2", T.remove);
      del.type = "button";
      del.addEventListener("click", function () {
        if (window.confirm(T.removeConfirm)) HHQueue.remove(user, item.id).then(updateCount);
      });
      li.appendChild(del);
      list.appendChild(li);
    });
  }

  // --- logout and another user: nothing stays behind ------------------------------------
  // At logout: everything of this user. When another user logs in: the previous user's
  // queue and every kept page except the new user's.
  function clearDevice(userId, keepUser) {
    var work = [HHQueue.destroy(userId)];
    if (window.caches) {
      work.push(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (k) {
          return k.indexOf("hh-pages-") === 0 && (!keepUser || k !== "hh-pages-" + keepUser);
        }).map(function (k) { return caches.delete(k); }));
      }));
    }
    // To the active worker, not the page's controller: the first page after logging in
    // can be one the worker has not taken control of (it was loading while the worker
    // activated), and the worker must hear of the logout all the same.
    if (navigator.serviceWorker) {
      work.push(navigator.serviceWorker.getRegistration("/").then(function (reg) {
        if (reg && reg.active) reg.active.postMessage(keepUser ? { type: "user", user: keepUser } : { type: "logout" });
      }).catch(function () {}));
    }
    try {
      if (keepUser) localStorage.setItem(LAST_USER, keepUser);
      else localStorage.removeItem(LAST_USER);
    } catch (e) { /* private mode */ }
    return Promise.all(work);
  }

  function guardLogout() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-hh-logout]"), function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.hhCleared) return;
        event.preventDefault();
        HHQueue.count(user).catch(function () { return 0; }).then(function (n) {
          if (n && !window.confirm(fmt(n === 1 ? T.logoutWarnOne : T.logoutWarnMany, { n: n }))) return;
          clearDevice(user).then(function () {
            form.dataset.hhCleared = "1";
            form.submit();
          });
        });
      });
    });
  }

  // --- honest without a connection -------------------------------------------------------
  function needsConnection() {
    document.body.classList.toggle("hh-offline", !navigator.onLine);
    var map = document.getElementById("incident-map");
    if (map) {
      var note = document.getElementById("incident-map-offline");
      if (!navigator.onLine && !note) {
        note = el("p", "alert alert-secondary", T.mapOffline);
        note.id = "incident-map-offline";
        map.parentNode.insertBefore(note, map);
      }
      if (note) note.classList.toggle("d-none", navigator.onLine);
      map.classList.toggle("d-none", !navigator.onLine);
    }
    var nearby = document.getElementById("nearby");
    if (nearby && !navigator.onLine) {
      nearby.textContent = "";
      var p = el("p", "small text-body-secondary", T.nearbyOffline);
      p.id = "nearby-offline";
      nearby.appendChild(p);
    } else if (nearby) {
      var old = document.getElementById("nearby-offline");
      if (old) old.remove();
    }
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (navigator.onLine) return;
    event.preventDefault();
    needsConnection();
  });

  // --- installing the app ---------------------------------------------------------------
  // Chrome on Android offers an install prompt (beforeinstallprompt): a button for it.
  // Safari on iOS has none: the boa is told how (Share, then "Add to Home Screen").
  function installOffer() {
    var box = document.getElementById("hh-install");
    if (!box) return;
    var standalone = window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
    if (standalone) return;
    var button = document.getElementById("hh-install-button");
    window.addEventListener("beforeinstallprompt", function (event) {
      event.preventDefault();
      box.classList.remove("d-none");
      button.classList.remove("d-none");
      button.addEventListener("click", function () {
        event.prompt();
        box.classList.add("d-none");
      }, { once: true });
    });
    var ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
    if (ios) {
      box.classList.remove("d-none");
      document.getElementById("hh-install-ios").classList.remove("d-none");
    }
  }

  // --- start -----------------------------------------------------------------------------
  function start() {
    if ("serviceWorker" in navigator && ds.swUrl) {
      navigator.serviceWorker.register(ds.swUrl, { scope: "/" }).catch(function () {});
      navigator.serviceWorker.addEventListener("message", function (event) {
        var data = event.data || {};
        if (data.type === "queue-sent") { report(data.result); updateCount(); }
      });
    }
    needsConnection();
    installOffer();
    window.addEventListener("offline", needsConnection);
    if (!user) return;
    var previous = null;
    try { previous = localStorage.getItem(LAST_USER); localStorage.setItem(LAST_USER, user); } catch (e) { /* private mode */ }
    var ready = previous && previous !== user ? clearDevice(previous, user) : Promise.resolve();
    Array.prototype.forEach.call(document.querySelectorAll("form[data-hh-offline]"), prepare);
    guardLogout();
    ready.then(function () {
      updateCount();
      if (navigator.onLine) online();
    });
    window.addEventListener("online", function () { needsConnection(); online(); });
    // Safari has no Background Sync: the queue also goes when the app comes to the front.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && navigator.onLine) send();
    });
  }

  function online() {
    send().then(function () {
      // Refresh the pages kept on the device for this user (after sending: new records).
      return HHQueue.status(ds.statusUrl).then(function (s) {
        if (s.login || !s.pages) return;
        return navigator.serviceWorker && navigator.serviceWorker.ready.then(function (reg) {
          if (reg.active) reg.active.postMessage({ type: "user", user: user, pages: s.pages });
        });
      });
    }).catch(function () {});
  }

  start();
})();
