/* 范文库 fill-in templates: a template's paragraph filled in, in the browser: the twin of templates.py beside it
 * (`fill_parts`, `placeholder`; tests/twins/ compares them).
 *
 *   fanwenkuTemplates.fillParts(parts, values) -> the paragraph's text: parts are [text, isField] pairs, a field
 *     with a value shows the value, one without its placeholder
 *   fanwenkuTemplates.placeholder(key) -> 【【键】】 (the brackets from templates.py's constants)
 *
 * Published in front of docs/assets/muban.js, the form that uses it (macros/build/scripts.py).
 */
(() => {
  const PY = globalThis.fanwenkuPython["sources/templates"];

  function placeholder(key) {
    return PY.OPEN + key + PY.CLOSE;
  }

  function fillParts(parts, values) {
    return parts
      .map(([text, isField]) => (isField ? (Object.hasOwn(values, text) && values[text]) || placeholder(text) : text))
      .join("");
  }

  globalThis.fanwenkuTemplates = { fillParts: fillParts, placeholder: placeholder };
})();
