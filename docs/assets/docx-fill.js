/* 范文库: the 下载 Word button of a template page.
 *
 * The button carries the parts of the template's .docx as built by python-docx (macros/word/downloads.py),
 * with every field as a run highlighted yellow whose text is 【【键】】; the parts every template has alike come
 * from a script the button names (assets/word-parts.<hash>.js). This script fills the runs of the
 * fields the user has typed (the form's values, kept by muban.js), keeps the others as they are, zips the
 * parts with the vendored fflate (assets/vendor/fflate) and saves the file. Nothing leaves the browser.
 * The filling rules are the same as build_docx's in macros/word/layout.py, which the tests compare.
 */
(() => {
  const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  const MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  /* A field's run holds exactly its placeholder; the brackets come from the page (data-fw-placeholder), where the
     build writes them from their one definition (macros/sources/templates.py). */
  function placeholderPattern(brackets) {
    const quote = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const open = quote(brackets[0]);
    const close = quote(brackets[1]);
    return new RegExp(`^${open}([^${quote(brackets[0][0])}${quote(brackets[1][0])}]*)${close}$`);
  }

  function pageBrackets() {
    const holder = document.querySelector("[data-fw-placeholder]");
    return JSON.parse(holder.getAttribute("data-fw-placeholder"));
  }

  // Characters XML cannot hold (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; unpaired
  // surrogates): typed or pasted into a field, they would make a file Word refuses. The same as xml_text()
  // in macros/word/layout.py. (Control characters in a pattern are deliberate here: scripts/biome/biome.json.)
  const XML_ILLEGAL =
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

  function xmlText(value) {
    return value.replace(XML_ILLEGAL, "");
  }

  function lines(value) {
    return value
      .trim()
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  }

  function byTag(node, name) {
    return Array.prototype.slice.call(node.getElementsByTagNameNS(W, name));
  }

  function fillRun(doc, run, parts) {
    const highlight = byTag(run, "highlight")[0];
    const props = highlight.parentNode;
    props.removeChild(highlight);
    if (!props.firstChild) {
      run.removeChild(props);
    }
    const text = byTag(run, "t")[0];
    text.textContent = parts[0];
    const para = run.parentNode;
    if (byTag(para, "r").length === 1) {
      // The field is the whole paragraph: one paragraph per line, each with its first-line indent.
      let after = para;
      parts.slice(1).forEach((line) => {
        const copy = para.cloneNode(true);
        byTag(copy, "t")[0].textContent = line;
        para.parentNode.insertBefore(copy, after.nextSibling);
        after = copy;
      });
      return;
    }
    parts.slice(1).forEach((line) => {
      const more = doc.createElementNS(W, "w:t");
      more.textContent = line;
      run.appendChild(doc.createElementNS(W, "w:br"));
      run.appendChild(more);
    });
  }

  /* document.xml with the given values filled in; exported for the tests as window.fanwenkuFillDocx. */
  function fillDocument(xml, values, brackets) {
    const pattern = placeholderPattern(brackets || pageBrackets());
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    byTag(doc, "r").forEach((run) => {
      const text = byTag(run, "t")[0];
      const match = text && byTag(run, "highlight").length && pattern.exec(text.textContent);
      const value = match ? xmlText(values[match[1]] || "") : "";
      if (value.trim()) {
        fillRun(doc, run, lines(value));
      }
    });
    let out = new XMLSerializer().serializeToString(doc);
    if (out.indexOf("<?xml") !== 0 && xml.indexOf("<?xml") === 0) {
      out = `${xml.slice(0, xml.indexOf("?>") + 2)}\n${out}`; // keep the declaration where a browser drops it
    }
    return out;
  }

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
      files[name] = window.fflate.strToU8(name === "word/document.xml" ? fillDocument(part, formValues(root)) : part);
    });
    const blob = new Blob([window.fflate.zipSync(files, { level: 6 })], { type: MIME });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = button.getAttribute("data-fw-docx");
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => {
      URL.revokeObjectURL(link.href);
    }, 10000);
  }

  /* fflate (33 KB) and the parts all templates share (15 KB) are fetched on the first Word click, as scripts next
     to this one: that works over http(s) and from the folder build (file://), where a page may not read files but
     may load scripts. */
  const HERE = document.currentScript.src;
  const FFLATE = "vendor/fflate/fflate.min.js";
  const loading = new Map();

  /* Each script once per visit; the shared parts' name holds a hash of them, so a page of a newer build loads its own */
  function loadScript(name) {
    const src = new URL(name, HERE).href;
    if (!loading.has(src)) {
      loading.set(
        src,
        new Promise((resolve, reject) => {
          const script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          script.onerror = () => {
            loading.delete(src);
            reject(new Error(`script did not load: ${src}`));
          };
          document.head.appendChild(script);
        }),
      );
    }
    return loading.get(src);
  }

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

  window.fanwenkuFillDocx = fillDocument;
  window.fanwenkuOnPage(setupAll);
})();
