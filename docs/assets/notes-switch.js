/* 范文库, sample pages: a “显示批注” switch. Unticked, the teaching notes (结构, 功能, 技法, 写法要点, 原文说明) are
   hidden on screen and in print (zhinan.css, print.css), so the page prints as the bare text; ticked, they print as
   small notes under each paragraph. The choice is kept in this browser for every sample page. */
(() => {
  const STORE = "fanwenku:显示批注";
  const LABEL = "显示批注（打印时也照此）";

  const load = () => {
    try {
      return window.localStorage.getItem(STORE) !== "否";
    } catch {
      return true; // storage disabled: notes shown, as on a first visit
    }
  };

  const save = (on) => {
    try {
      window.localStorage.setItem(STORE, on ? "是" : "否");
    } catch {
      /* storage disabled: the switch still works on this page */
    }
  };

  window.fanwenkuOnPage(() => {
    const legend = document.querySelector(".md-content .fw-legend");
    const article = legend?.closest("article");
    if (!article || article.querySelector(".fw-notes-switch")) return;
    const label = document.createElement("label");
    label.className = "fw-notes-switch";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = load();
    label.append(box, LABEL);
    legend.before(label);
    const apply = () => article.classList.toggle("fw-notes-off", !box.checked);
    box.addEventListener("change", () => {
      save(box.checked);
      apply();
    });
    apply();
  });
})();
