/* 范文库: the 下载 Word button of a template page.
 *
 * The button carries the parts of the template's .docx as built by python-docx (macros/word/downloads.py),
 * with every field as a run highlighted yellow whose text is 【【键】】; the parts every template has alike come
 * from a script the button names (assets/word-parts.<hash>.js). This script fills the runs of the
 * fields the user has typed (the form's values, kept by muban.js) with macros/word/fill.js, published in front
 * of it, zips the parts with the vendored fflate (assets/vendor/fflate) and saves the file. Nothing leaves the
 * browser.
 */
(() => {
  const MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  function formValues(root) {
    const values = {};
    Array.prototype.forEach.call(root.querySelectorAll(".fw-tpl-form [data-key]"), (input) => {
      values[input.getAttribute("data-key")] = input.value;
    });
    return values;
  }

  function download(button) {
    const parts = JSON.parse(button.getAttribute("data-fw-docx-parts"));
    const root = button.closest(".fw-tpl") || document;
    const files = {};
    Object.keys(parts).forEach((name) => {
      /* null: a part every template shares, from the script loaded with fflate (word-parts.<hash>.js) */
      const part = parts[name] === null ? window.fanwenkuWordParts[name] : parts[name];
      if (typeof part !== "string") {
        throw new Error(`Word part missing: ${name}`);
      }
      files[name] = window.fflate.strToU8(
        name === "word/document.xml" ? window.fanwenkuFillDocx(part, formValues(root)) : part,
      );
    });
    const blob = new Blob([window.fflate.zipSync(files, { level: 6 })], { type: MIME });
    window.fanwenkuDownload(blob, button.getAttribute("data-fw-docx"));
  }

  /* fflate (33 KB) and the parts all templates share (15 KB) are fetched on the first Word click, as scripts next
     to this one: that works over http(s) and from the folder build (file://), where a page may not read files but
     may load scripts. */
  const HERE = document.currentScript.src;
  const FFLATE = "vendor/fflate/fflate.min.js";
  const loadScript = (name) => window.fanwenkuLoadScript(new URL(name, HERE).href);

  function loadScripts(button) {
    return Promise.all([loadScript(FFLATE), loadScript(button.getAttribute("data-fw-docx-shared"))]);
  }

  function setupAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-fw-docx]"), (button) => {
      if (button.hasAttribute("data-fw-docx-ready")) {
        return;
      }
      button.setAttribute("data-fw-docx-ready", "");
      button.addEventListener("click", () => {
        loadScripts(button).then(() => {
          download(button);
        });
      });
    });
  }

  window.fanwenkuOnPage(setupAll);
})();
