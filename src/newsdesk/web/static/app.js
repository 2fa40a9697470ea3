// newsdesk: small progressive enhancements. Every page works without this file.
"use strict";

(function () {
  // Article page: bring the cited passage to the middle of the screen and give it focus, so
  // keyboard and screen-reader users land on it too (the #cited fragment already scrolls there).
  function showCited() {
    var mark = document.getElementById("cited");
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }

  // Job page: poll the JSON API instead of reloading the whole page; go to the story when done.
  function pollJob() {
    var box = document.getElementById("job");
    if (!box) return;
    var id = box.getAttribute("data-job");
    var status = box.getAttribute("data-status");
    if (status !== "queued" && status !== "running") return;
    var stage = document.getElementById("job-stage");
    var bar = document.getElementById("job-bar");
    function tick() {
      fetch("/api/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (job) {
          if (job.status === "done" && job.stories.length === 1) {
            window.location.assign(job.stories[0].url);
            return;
          }
          if (job.status === "done" || job.status === "failed") {
            window.location.reload();
            return;
          }
          if (stage) {
            var p = job.progress.total ? " " + job.progress.done + "/" + job.progress.total : "";
            stage.textContent = job.stage + p;
          }
          if (bar && job.progress.total) {
            bar.max = job.progress.total;
            bar.value = job.progress.done;
          }
          window.setTimeout(tick, 1000);
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    window.setTimeout(tick, 500);
  }

  // Analyse page: say how big the submission is before sending it, so the 5 MB cap is no surprise.
  function sizeHint() {
    var form = document.querySelector("form.analyse");
    if (!form) return;
    var files = form.querySelector("input[type=file]");
    var out = document.createElement("p");
    out.className = "hint";
    out.setAttribute("aria-live", "polite");
    form.insertBefore(out, form.querySelector("button"));
    function update() {
      var n = new Blob([form.querySelector("#text").value, form.querySelector("#urls").value]).size;
      for (var i = 0; files && i < files.files.length; i++) n += files.files[i].size;
      out.textContent = n ? "About " + (n / 1e6).toFixed(2) + " MB to send." : "";
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
  }

  document.addEventListener("DOMContentLoaded", function () {
    showCited();
    pollJob();
    sizeHint();
  });
})();
