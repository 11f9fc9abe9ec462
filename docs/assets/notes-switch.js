/* Sample pages: a “显示批注” switch. Unticked, the teaching notes (结构, 功能, 技法, 写法要点, 原文说明) are hidden on
   screen and in print, so the page prints as the bare text; ticked, they print as small notes under each
   paragraph. The choice is kept in this browser for every sample page. */
(function () {
  "use strict";

  var STORE = "fanwenku:显示批注";
  var OFF = "fw-notes-off";

  function load() {
    try {
      return window.localStorage.getItem(STORE) !== "否";
    } catch (e) {
      return true;
    }
  }

  function save(on) {
    try {
      window.localStorage.setItem(STORE, on ? "是" : "否");
    } catch (e) {
      /* storage disabled: the switch still works on this page */
    }
  }

  window.fanwenkuOnPage(function () {
    var legend = document.querySelector(".md-content .fw-legend");
    var article = legend && legend.closest("article");
    if (!article || article.querySelector(".fw-notes-switch")) {
      return;
    }
    var label = document.createElement("label");
    label.className = "fw-notes-switch";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = load();
    label.appendChild(box);
    label.appendChild(document.createTextNode("显示批注（打印时也照此）"));
    legend.parentNode.insertBefore(label, legend);
    function apply() {
      article.classList.toggle(OFF, !box.checked);
    }
    box.addEventListener("change", function () {
      save(box.checked);
      apply();
    });
    apply();
  });
})();
