/* 范文库: a template's Word document filled in, in the browser: the twin of layout.py's build_docx with values.
 *
 *   fanwenkuFillDocx(documentXml, values) -> documentXml with the fields the user typed filled in
 *
 * The unfilled document (macros/word/downloads.py) has every field as a run highlighted yellow whose text is its
 * placeholder 【【键】】. A field with a value loses the highlight and takes the value: a multi-line value makes
 * new paragraphs when the field is the whole paragraph, line breaks otherwise; a field left blank stays as it is.
 * The same rules as build_docx, whose constants (script_constants()) the build writes in front of this file
 * (macros/build/scripts.py); tests/twins/ compares both on generated values. docs/assets/docx-fill.js is the
 * button that uses it.
 */
(() => {
  const PY = globalThis.fanwenkuPython["word/fill"];
  const W = PY.W;

  /* A field's run holds exactly its placeholder, 【【键】】 (brackets from macros/sources/templates.py). */
  function placeholderPattern(brackets) {
    const quote = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const open = quote(brackets[0]);
    const close = quote(brackets[1]);
    return new RegExp(`^${open}([^${quote(brackets[0][0])}${quote(brackets[1][0])}]*)${close}$`);
  }

  // Characters XML cannot hold (layout.py XML_ILLEGAL_RANGES): typed or pasted into a field, they would make a file
  // Word refuses. Python drops the same (xml_text). With the u flag, the surrogate range matches unpaired ones only.
  const XML_ILLEGAL = new RegExp(
    `[${PY.XML_ILLEGAL_RANGES.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join("")}]`,
    "gu",
  );

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

  /* document.xml with the given values filled in */
  function fillDocument(xml, values) {
    const pattern = placeholderPattern(PY.PLACEHOLDER);
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

  globalThis.fanwenkuFillDocx = fillDocument;
})();
