(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var findings = Array.prototype.slice.call(document.querySelectorAll("#by-opd article.finding"));
  var links = Array.prototype.slice.call(document.querySelectorAll("[data-finding-link]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  var shown = document.getElementById("shown");
  function matches(el, q) {
    var d = el.dataset;
    return (!form.severity.value || d.severity === form.severity.value) &&
      (!form.opd.value || d.opd === form.opd.value) &&
      (!form.rule.value || d.rule === form.rule.value) &&
      (!form.status.value || d.status === form.status.value) &&
      (!q || el.textContent.toLowerCase().indexOf(q) >= 0);
  }
  function apply() {
    var q = form.q.value.trim().toLowerCase(), visible = {}, n = 0;
    findings.forEach(function (el) {
      var ok = matches(el, q);
      el.hidden = !ok;
      if (ok) { visible[el.id] = true; n += 1; }
    });
    links.forEach(function (li) { li.hidden = !visible[li.getAttribute("data-finding-link")]; });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector("article.finding:not([hidden]), li[data-finding-link]:not([hidden])");
    });
    shown.textContent = shown.getAttribute("data-template").replace("{n}", n).replace("{total}", findings.length);
    form.setAttribute("data-shown", String(n));
  }
  function land() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.closest("[hidden]")) {
      form.reset();
      apply();
      target.scrollIntoView();
    }
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  window.addEventListener("hashchange", land);
  apply();
})();
