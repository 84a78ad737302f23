/* A minimal stand-in for jQuery UI's tabs widget, enough for django-modeltranslation's
 * tabbed_translation_fields.js: $(el).tabs({active: n}), $(el).tabs("option", "active", n) and
 * the "tabsactivate" event. jQuery UI would otherwise be loaded from a CDN, which the site's
 * Content-Security-Policy (and the offline rule) does not allow. Uses Django admin's jQuery. */
(function ($) {
  "use strict";
  if (!$ || $.fn.tabs) {
    return;
  }

  function parts($container) {
    var $list = $container.children("ul").first();
    var $items = $list.children("li");
    var $children = $container.children("div");
    var panels = $items.map(function () {
      var id = ($(this).children("a").attr("href") || "").replace(/^#/, "");
      return $children.filter(function () {
        return this.id === id;
      }).get(0);
    }).get();
    return { list: $list, items: $items, panels: $(panels) };
  }

  function activate($container, index, focus) {
    var p = parts($container);
    if (!p.items.length) {
      return;
    }
    index = Math.max(0, Math.min(parseInt(index, 10) || 0, p.items.length - 1));
    var previous = $container.data("tabs-active");
    p.items.each(function (i) {
      var selected = i === index;
      $(this).toggleClass("ui-tabs-active ui-state-active", selected);
      $(this).children("a")
        .attr("aria-selected", selected ? "true" : "false")
        .attr("tabindex", selected ? "0" : "-1");
    });
    p.panels.each(function (i) {
      if (i === index) {
        $(this).show().attr("aria-hidden", "false");
      } else {
        $(this).hide().attr("aria-hidden", "true");
      }
    });
    $container.data("tabs-active", index);
    if (focus) {
      p.items.eq(index).children("a").trigger("focus");
    }
    if (previous !== undefined && previous !== index) {
      $container.trigger("tabsactivate", [{
        newTab: p.items.eq(index),
        oldTab: p.items.eq(previous),
        newPanel: p.panels.eq(index),
        oldPanel: p.panels.eq(previous)
      }]);
    }
  }

  function setUp($container, options) {
    var p = parts($container);
    $container.addClass("ui-tabs");
    p.list.addClass("ui-tabs-nav").attr("role", "tablist");
    p.items.each(function (i) {
      var $link = $(this).children("a");
      var panel = p.panels.get(i);
      $(this).attr("role", "presentation");
      $link.attr({ role: "tab", "aria-controls": panel ? panel.id : null });
      if (panel) {
        $(panel).addClass("ui-tabs-panel").attr("role", "tabpanel");
      }
      $link.on("click", function (event) {
        event.preventDefault();
        activate($container, i, false);
      });
      $link.on("keydown", function (event) {
        var count = p.items.length;
        if (event.key === "ArrowRight") {
          event.preventDefault();
          activate($container, (i + 1) % count, true);
        } else if (event.key === "ArrowLeft") {
          event.preventDefault();
          activate($container, (i - 1 + count) % count, true);
        }
      });
    });
    activate($container, (options && options.active) || 0, false);
  }

  /* modeltranslation opens each field's tab in the page's language but leaves its "all
   * fields" switch on the first language: make the switch show the language that is open. */
  function syncMainSwitch() {
    var $switch = $("#modeltranslation-main-switch");
    var lang = (document.documentElement.lang || "").toLowerCase().replace(/-/g, "_");
    $switch.children("option").each(function () {
      if ($(this).text().toLowerCase().replace(/-/g, "_") === lang) {
        $switch.val($(this).val());
      }
    });
  }

  $(function () {
    // After tabbed_translation_fields.js has built the tabs and the switch.
    window.setTimeout(syncMainSwitch, 0);
  });

  $.fn.tabs = function (options, name, value) {
    if (typeof options === "string") {
      if (options === "option" && name === "active") {
        if (value === undefined) {
          return this.first().data("tabs-active");
        }
        return this.each(function () {
          activate($(this), value, false);
        });
      }
      return this;
    }
    return this.each(function () {
      setUp($(this), options || {});
    });
  };
})(window.django && window.django.jQuery);
