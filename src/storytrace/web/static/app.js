// storytrace keyboard shortcuts. Served from /static (the Content-Security-Policy allows no inline script).
// "/" focuses the search box; "g" then "h" goes to the stories list; "j"/"k" move between sections.
(function () {
  "use strict";
  var pendingG = false;
  function typing(target) {
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    return tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable);
  }
  function moveSection(step) {
    var sections = Array.prototype.slice.call(document.querySelectorAll("[data-section] > h2"));
    if (!sections.length) { return; }
    var y = window.scrollY + 10, current = -1;
    sections.forEach(function (h, i) { if (h.getBoundingClientRect().top + window.scrollY <= y) { current = i; } });
    var next = Math.max(0, Math.min(sections.length - 1, current + step));
    var heading = sections[next];
    heading.setAttribute("tabindex", "-1");
    heading.focus();
    heading.scrollIntoView({block: "start"});
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    if (event.key === "/") {
      var box = document.getElementById("q");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    } else if (event.key === "g") {
      pendingG = true;
      return;
    } else if (event.key === "h" && pendingG) {
      window.location.assign("/");
    } else if (event.key === "j") {
      moveSection(1);
    } else if (event.key === "k") {
      moveSection(-1);
    }
    pendingG = false;
  });
}());
