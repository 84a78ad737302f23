/* The change form's soft lock, kept current: every minute while the page is visible, tell the
 * server this editor still has the case open, and show who else has (the server words the
 * notices). Optional: without JavaScript the notice is shown when the page loads. */
(function () {
  "use strict";
  var PING_EVERY_MS = 60 * 1000;
  var notices = document.getElementById("editing-notices");
  var list = document.getElementById("presence-notices");
  var form = document.getElementById("case_form");
  if (!notices || !list || !form || !window.fetch) {
    return;
  }
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");

  function show(others) {
    list.textContent = "";
    others.forEach(function (text) {
      var item = document.createElement("li");
      item.className = "warning";
      item.textContent = text;
      list.appendChild(item);
    });
    list.hidden = others.length === 0;
  }

  function ping() {
    if (document.visibilityState === "hidden") {
      return;
    }
    fetch(notices.dataset.presenceUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer) {
          show(answer.others);
        }
      })
      .catch(function () {
        /* Offline or signed out: the notice stays as it was. */
      });
  }

  window.setInterval(ping, PING_EVERY_MS);
  document.addEventListener("visibilitychange", ping);
}());
