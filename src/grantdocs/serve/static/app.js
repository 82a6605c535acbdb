// Reload the page when a new build has finished (a saved file, a decision). Polls /state.
(function () {
  "use strict";
  var shown = document.body.getAttribute("data-generation");
  var building = document.body.getAttribute("data-building") === "yes";
  var status = document.getElementById("status");
  function poll() {
    fetch("/state", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (String(s.generation) !== shown) {
          window.location.reload();
          return;
        }
        if (s.building !== building && status) {
          building = s.building;
          status.textContent = building
            ? "Building the documents\u2026 the page refreshes when they are ready."
            : "Up to date.";
        }
        setTimeout(poll, 700);
      })
      .catch(function () {
        if (status) { status.textContent = "The grantdocs server has stopped."; }
        setTimeout(poll, 3000);
      });
  }
  setTimeout(poll, 700);
})();
