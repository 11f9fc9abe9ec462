/* 范文库: the 下载 Word button of a template page.
 *
 * The button carries the parts of the template's .docx as built by python-docx (macros/downloads.py),
 * with every field as a run highlighted yellow whose text is 【【键】】. This script fills the runs of the
 * fields the user has typed (the form's values, kept by muban.js), keeps the others as they are, zips the
 * parts with the vendored fflate (assets/vendor/fflate) and saves the file. Nothing leaves the browser.
 * The filling rules are the same as build_docx's in macros/docx_layout.py, which the tests compare.
 */
(function () {
  "use strict";

  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  var PLACEHOLDER = /^【【([^【】]*)】】$/;
  // Characters XML cannot hold (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; unpaired
  // surrogates): typed or pasted into a field, they would make a file Word refuses. The same as xml_text()
  // in macros/word/layout.py.
  var XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

  function xmlText(value) {
    return value.replace(XML_ILLEGAL, "");
  }

  function lines(value) {
    return value
      .trim()
      .split(/\r\n|\r|\n/)
      .map(function (line) {
        return line.trim();
      })
      .filter(Boolean);
  }

  function byTag(node, name) {
    return Array.prototype.slice.call(node.getElementsByTagNameNS(W, name));
  }

  function fillRun(doc, run, parts) {
    var highlight = byTag(run, "highlight")[0];
    var props = highlight.parentNode;
    props.removeChild(highlight);
    if (!props.firstChild) {
      run.removeChild(props);
    }
    var text = byTag(run, "t")[0];
    text.textContent = parts[0];
    var para = run.parentNode;
    if (byTag(para, "r").length === 1) {
      // The field is the whole paragraph: one paragraph per line, each with its first-line indent.
      var after = para;
      parts.slice(1).forEach(function (line) {
        var copy = para.cloneNode(true);
        byTag(copy, "t")[0].textContent = line;
        para.parentNode.insertBefore(copy, after.nextSibling);
        after = copy;
      });
      return;
    }
    parts.slice(1).forEach(function (line) {
      var more = doc.createElementNS(W, "w:t");
      more.textContent = line;
      run.appendChild(doc.createElementNS(W, "w:br"));
      run.appendChild(more);
    });
  }

  /* document.xml with the given values filled in; exported for the tests as window.fanwenkuFillDocx. */
  function fillDocument(xml, values) {
    var doc = new DOMParser().parseFromString(xml, "application/xml");
    byTag(doc, "r").forEach(function (run) {
      var text = byTag(run, "t")[0];
      var match = text && byTag(run, "highlight").length && PLACEHOLDER.exec(text.textContent);
      var value = match ? xmlText(values[match[1]] || "") : "";
      if (value.trim()) {
        fillRun(doc, run, lines(value));
      }
    });
    var out = new XMLSerializer().serializeToString(doc);
    if (out.indexOf("<?xml") !== 0 && xml.indexOf("<?xml") === 0) {
      out = xml.slice(0, xml.indexOf("?>") + 2) + "\n" + out; // keep the declaration where a browser drops it
    }
    return out;
  }

  function formValues(root) {
    var values = {};
    Array.prototype.forEach.call(root.querySelectorAll(".fw-tpl-form [data-key]"), function (input) {
      values[input.getAttribute("data-key")] = input.value;
    });
    return values;
  }

  function download(button) {
    var parts = JSON.parse(button.getAttribute("data-fw-docx-parts"));
    var root = button.closest(".fw-tpl") || document;
    var files = {};
    Object.keys(parts).forEach(function (name) {
      var text = name === "word/document.xml" ? fillDocument(parts[name], formValues(root)) : parts[name];
      files[name] = window.fflate.strToU8(text);
    });
    var blob = new Blob([window.fflate.zipSync(files, { level: 6 })], { type: MIME });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = button.getAttribute("data-fw-docx");
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 10000);
  }

  function setupAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-fw-docx]"), function (button) {
      if (button.getAttribute("data-fw-docx-ready") || !window.fflate) {
        return;
      }
      button.setAttribute("data-fw-docx-ready", "");
      button.addEventListener("click", function () {
        download(button);
      });
    });
  }

  window.fanwenkuFillDocx = fillDocument;
  window.fanwenkuOnPage(setupAll);
})();
