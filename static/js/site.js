/* Progressive enhancement for the case list: apply filters as soon as they change and swap the
   results in place, keeping the URL shareable. Without this script the page is a plain GET form. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-enhance='filters']");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams || !window.history.pushState) {
    return;
  }
  document.documentElement.classList.add("js");
  var controller = null;
  /* The address of the results shown, without its fragment: following an in-page link (skip to
     results, jump to filters) fires popstate too, and must not reload the results. */
  var shown = withoutFragment(window.location.href);

  function withoutFragment(url) { return url.split("#")[0]; }

  function formUrl() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim() !== "") params.append(key, value);
    });
    var query = params.toString();
    return form.action + (query ? "?" + query : "");
  }

  function swap(selector, fresh) {
    var current = document.querySelector(selector);
    var replacement = fresh.querySelector(selector);
    if (current && replacement) current.replaceWith(replacement);
  }

  function load(url, push) {
    if (controller) controller.abort();
    controller = new AbortController();
    var focusedId = document.activeElement && document.activeElement.id;
    form.setAttribute("aria-busy", "true");
    fetch(url, { signal: controller.signal, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        if (!fresh.querySelector(".catalogue__body")) { window.location.assign(url); return; }
        swap(".catalogue__body", fresh);
        swap(".language-switch", fresh);
        var search = document.getElementById("q");
        var freshSearch = fresh.getElementById("q");
        if (search && freshSearch && search !== document.activeElement) search.value = freshSearch.value;
        document.title = fresh.title;
        shown = withoutFragment(url);
        if (push) window.history.pushState({ catalogue: true }, "", url);
        var focused = focusedId && document.getElementById(focusedId);
        if (focused) focused.focus();
      })
      .catch(function (error) {
        if (error.name !== "AbortError") window.location.assign(url);
      })
      .then(function () { form.removeAttribute("aria-busy"); });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "q") return; /* the search box applies on Enter */
    load(formUrl(), true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(formUrl(), true);
  });
  form.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link || (link.getAttribute("href") || "").charAt(0) === "#") return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    if (!link.closest(".catalogue__results") || link.href.indexOf(form.action) !== 0) return;
    event.preventDefault();
    load(link.href, true);
  });
  window.addEventListener("popstate", function () {
    if (withoutFragment(window.location.href) === shown) return;
    load(window.location.href, false);
  });
})();
