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
    /* Leave out the sort a page has anyway (filters.normalized_query does the same). */
    var defaultSort = params.get("q") ? "relevance" : "newest";
    if (params.get("sort") === defaultSort) params.delete("sort");
    var query = params.toString();
    return form.action + (query ? "?" + query : "");
  }

  function swap(selector, fresh) {
    var current = document.querySelector(selector);
    var replacement = fresh.querySelector(selector);
    if (current && replacement) current.replaceWith(replacement);
  }

  /* The phone filter panel (a fixed sheet under 900 px; without this script a link to #filters
     opens it through :target and "Apply filters" reloads the page). */
  function showFilters(open) {
    form.classList.toggle("filters-open", open);
    document.documentElement.classList.toggle("filters-shown", open);
    var toggle = form.querySelector(".filters-toggle");
    if (toggle) toggle.setAttribute("aria-expanded", String(open));
  }

  function closeFilters() {
    showFilters(false);
    var toggle = form.querySelector(".filters-toggle");
    if (toggle && toggle.offsetParent !== null) toggle.focus();
  }

  function openSections() {
    var open = {};
    form.querySelectorAll("details[data-facet]").forEach(function (section) {
      open[section.getAttribute("data-facet")] = section.open;
    });
    return open;
  }

  function load(url, push, close) {
    if (controller) controller.abort();
    controller = new AbortController();
    var focusedId = document.activeElement && document.activeElement.id;
    form.setAttribute("aria-busy", "true");
    fetch(url, { signal: controller.signal, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        if (!fresh.querySelector(".catalogue__body")) { window.location.assign(url); return; }
        var sections = openSections();
        var count = fresh.getElementById("result-count");
        var countText = count ? count.textContent.trim() : "";
        swap(".catalogue__body", fresh); /* moves the fresh nodes into this page */
        /* Sections the reader opened or closed stay so. */
        form.querySelectorAll("details[data-facet]").forEach(function (section) {
          var name = section.getAttribute("data-facet");
          if (name in sections) section.open = sections[name];
        });
        showFilters(form.classList.contains("filters-open"));
        var status = document.getElementById("filter-status");
        if (status && countText) status.textContent = countText;
        swap(".language-switch", fresh);
        var search = document.getElementById("q");
        var freshSearch = fresh.getElementById("q");
        if (search && freshSearch && search !== document.activeElement) search.value = freshSearch.value;
        document.title = fresh.title;
        shown = withoutFragment(url);
        if (push) window.history.pushState({ catalogue: true }, "", url);
        var focused = focusedId && document.getElementById(focusedId);
        if (close) closeFilters();
        else if (focused) focused.focus();
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
    var close = Boolean(event.submitter && event.submitter.hasAttribute("data-close-filters"));
    if (close && withoutFragment(formUrl()) === shown) { closeFilters(); return; }
    load(formUrl(), true, close);
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && form.classList.contains("filters-open")) closeFilters();
  });
  form.addEventListener("click", function (event) {
    if (event.target.closest(".filters-toggle")) {
      event.preventDefault();
      showFilters(true);
      document.getElementById("filters").focus();
      return;
    }
    if (event.target.closest(".filters__close")) {
      event.preventDefault();
      closeFilters();
      return;
    }
    var link = event.target.closest("a");
    if (!link || (link.getAttribute("href") || "").charAt(0) === "#") return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    if (!link.closest(".catalogue__results") || link.href.indexOf(form.action) !== 0) return;
    event.preventDefault();
    load(link.href, true);
  });
  showFilters(false);
  window.addEventListener("popstate", function () {
    if (withoutFragment(window.location.href) === shown) return;
    load(window.location.href, false);
  });
})();

/* "Copy the citation" on a case page: shown only where the browser can copy. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[role='status']");
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) status.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();

/* Share your practice: a box above each long list (countries, SDG targets, organizations) that
   narrows its options as you type; chosen options always stay. Without this script each list is
   a plain multi-select. */
(function () {
  "use strict";
  var lists = document.querySelectorAll("select[data-filter-label]");
  Array.prototype.forEach.call(lists, function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "_filter";
    box.className = "option-filter";
    box.setAttribute("aria-controls", select.id);
    box.setAttribute("autocomplete", "off");
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.className = "option-filter__label";
    label.textContent = select.getAttribute("data-filter-label");
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      Array.prototype.forEach.call(select.options, function (option) {
        var matches = option.text.toLowerCase().indexOf(words) !== -1;
        option.hidden = words !== "" && !matches && !option.selected;
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (option) {
          return !option.hidden;
        });
      });
    });
  });
})();
