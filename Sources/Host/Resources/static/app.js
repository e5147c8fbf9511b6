/* Yuelao — progressive enhancement only. Every page works without this file:
   - input[data-select-all]       toggles the row checkboxes (name="ids") of its form/table
   - [data-confirm]               confirm() before a link is followed or a form is submitted
   - [data-open-modal=id]         opens <dialog id>; [data-close-modal] closes its dialog
   - button[data-batch]           disabled while no row of its batch form is checked
   - input[data-check-url]        on change/blur asks the url → {ok, message} shown under the field: a url whose query
                                  names the field (path?field=mobile[&except=7]) gets a POST of JSON {field, except, value}
                                  with the form's _csrf in X-CSRF-Token (the value never goes into a URL); any other url
                                  a GET of url?value=…
   - [data-print]                 opens the browser's print dialog
   - select[data-region-level]    cascading province → city → district selects, children from data-region-api?parent= */
(function () {
  "use strict";

  // ---------- helpers ----------

  function rowBoxes(scope) {
    return scope ? Array.prototype.slice.call(scope.querySelectorAll('input[type="checkbox"][name="ids"]')) : [];
  }

  function scopeOf(el) {
    return el.form || el.closest("form") || el.closest("table");
  }

  // The batch form a row checkbox or select-all box belongs to.
  function batchFormOf(el) {
    var form = el.form || el.closest("form");
    return form && form.classList.contains("batch-form") ? form : null;
  }

  function updateSelectAll(scope) {
    if (!scope) return;
    var boxes = rowBoxes(scope);
    var checked = boxes.filter(function (b) { return b.checked; }).length;
    scope.querySelectorAll("input[data-select-all]").forEach(function (all) {
      all.checked = boxes.length > 0 && checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    });
  }

  function updateBatchButtons(form) {
    if (!form) return;
    var any = rowBoxes(form).some(function (b) { return b.checked; });
    form.querySelectorAll("button[data-batch], input[data-batch]").forEach(function (btn) {
      btn.disabled = !any;
    });
  }

  function refreshAll() {
    document.querySelectorAll("form.batch-form").forEach(function (form) {
      updateSelectAll(form);
      updateBatchButtons(form);
    });
  }

  // ---------- select-all and batch buttons ----------

  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!(el instanceof HTMLInputElement) || el.type !== "checkbox") return;
    if (el.hasAttribute("data-select-all")) {
      var scope = scopeOf(el);
      rowBoxes(scope).forEach(function (b) { if (!b.disabled) b.checked = el.checked; });
      updateSelectAll(scope);
      updateBatchButtons(batchFormOf(el));
    } else if (el.name === "ids") {
      updateSelectAll(scopeOf(el));
      updateBatchButtons(batchFormOf(el));
    }
  });

  // ---------- confirmation ----------

  // Browsers without SubmitEvent.submitter: remember the last submit button clicked.
  var lastSubmitter = null;
  document.addEventListener("click", function (e) {
    var btn = e.target instanceof Element ? e.target.closest('button, input[type="submit"]') : null;
    lastSubmitter = btn && (btn.type === "submit") ? btn : null;
  }, true);

  document.addEventListener("submit", function (e) {
    var form = e.target;
    var submitter = e.submitter || lastSubmitter;
    lastSubmitter = null;
    var message = null;
    if (submitter && submitter.hasAttribute("data-confirm")) {
      message = submitter.getAttribute("data-confirm");
    } else if (form.hasAttribute("data-confirm")) {
      message = form.getAttribute("data-confirm");
    }
    if (message !== null && !window.confirm(message)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  });

  document.addEventListener("click", function (e) {
    var link = e.target instanceof Element ? e.target.closest("a[data-confirm]") : null;
    if (!link) return;
    if (!window.confirm(link.getAttribute("data-confirm"))) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  });

  // ---------- modal dialogs ----------

  document.addEventListener("click", function (e) {
    if (!(e.target instanceof Element)) return;
    var opener = e.target.closest("[data-open-modal]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-open-modal"));
      if (dialog && typeof dialog.showModal === "function") {
        e.preventDefault();
        if (!dialog.open) dialog.showModal();
        var first = dialog.querySelector("input:not([type=hidden]), select, textarea");
        if (first) first.focus();
      }
      return;
    }
    var closer = e.target.closest("[data-close-modal]");
    if (closer) {
      var parent = closer.closest("dialog");
      if (parent) { e.preventDefault(); parent.close(); }
      return;
    }
    // A click on the backdrop lands on the <dialog> element itself.
    if (e.target instanceof HTMLDialogElement && e.target.classList.contains("modal")) {
      var r = e.target.getBoundingClientRect();
      var inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
      if (!inside) e.target.close();
    }
  });

  // ---------- live availability check ----------

  function fieldMessage(input) {
    var field = input.closest(".field") || input.parentElement;
    var p = field.querySelector("p.field-error");
    if (!p) {
      p = document.createElement("p");
      p.className = "field-error";
      p.id = (input.id || input.name) + "-live";
      p.setAttribute("role", "alert");
      var help = field.querySelector("p.help");
      field.insertBefore(p, help);
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(p.id) < 0) {
        described.unshift(p.id);
        input.setAttribute("aria-describedby", described.join(" "));
      }
    }
    return { field: field, p: p };
  }

  function showCheck(input, ok, message) {
    var m = fieldMessage(input);
    m.field.classList.toggle("has-error", !ok);
    if (ok) input.removeAttribute("aria-invalid"); else input.setAttribute("aria-invalid", "true");
    m.p.classList.toggle("ok", ok);
    m.p.textContent = message || "";
    m.p.hidden = !message;
  }

  // [url, init] of the check of `value`: a POST with a JSON body when the url's query names the field, else a GET.
  function checkRequest(input, value) {
    var url = input.getAttribute("data-check-url");
    var q = url.indexOf("?");
    var params = q >= 0 ? new URLSearchParams(url.slice(q + 1)) : null;
    if (!params || !params.has("field")) {
      url += (q >= 0 ? "&" : "?") + "value=" + encodeURIComponent(value);
      return [url, { headers: { Accept: "application/json" }, credentials: "same-origin" }];
    }
    var body = {};
    params.forEach(function (v, k) { body[k] = v; });
    body.value = value;
    var token = input.form ? input.form.querySelector('input[name="_csrf"]') : null;
    return [url.slice(0, q), {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRF-Token": token ? token.value : "" },
      credentials: "same-origin",
      body: JSON.stringify(body)
    }];
  }

  function runCheck(input) {
    var value = input.value.trim();
    if (input.dataset.checkedValue === value) return;
    var first = input.dataset.checkedValue === undefined;
    input.dataset.checkedValue = value;
    var seq = String((Number(input.dataset.checkSeq) || 0) + 1);
    input.dataset.checkSeq = seq;
    // Nothing to ask about an empty field or the value the page was rendered with (e.g. an edit form).
    if (value === "" || value === input.defaultValue.trim()) {
      if (!first) showCheck(input, true, "");
      return;
    }
    if (!window.fetch) return;
    var request = checkRequest(input, value);
    fetch(request[0], request[1])
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (data) {
        if (!data || input.dataset.checkSeq !== seq) return;   // stale or failed: stay silent
        showCheck(input, !!data.ok, typeof data.message === "string" ? data.message : "");
      })
      .catch(function () { /* the server validates on submit anyway */ });
  }

  function onCheckEvent(e) {
    var el = e.target;
    if (el instanceof HTMLInputElement && el.hasAttribute("data-check-url")) runCheck(el);
  }
  document.addEventListener("change", onCheckEvent);
  document.addEventListener("blur", onCheckEvent, true);

  // ---------- print ----------

  document.addEventListener("click", function (e) {
    var el = e.target instanceof Element ? e.target.closest("[data-print]") : null;
    if (el) { e.preventDefault(); window.print(); }
  });

  // ---------- region selects ----------
  // Without this the form still works: city and district lists follow the chosen parent when the form is re-rendered.

  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!(el instanceof HTMLSelectElement) || !el.dataset.regionLevel || !el.form) return;
    var level = +el.dataset.regionLevel;
    if (level >= 3) return;
    var prefix = el.name.indexOf("hukou_") === 0 ? "hukou_" : "";
    var child = el.form.querySelector('[name="' + prefix + (level === 1 ? "city" : "district") + '"]');
    var grand = level === 1 ? el.form.querySelector('[name="' + prefix + 'district"]') : null;
    [child, grand].forEach(function (s) { if (s) { while (s.options.length > 1) s.remove(1); } });
    if (!child || !el.value) return;
    fetch(el.dataset.regionApi + "?parent=" + encodeURIComponent(el.value), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (list) { list.forEach(function (r) { child.add(new Option(r.name, r.code)); }); });
  });

  // ---------- start-up ----------

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refreshAll);
  } else {
    refreshAll();
  }
  // Pages restored from the back/forward cache keep their checkboxes.
  window.addEventListener("pageshow", refreshAll);
})();
