/* 范文库 search: text folding in the browser, the twin of index.py beside it (tests/twins/ compares them).
 *
 *   fanwenkuSearchIndex.fold(text) -> text as the search compares it: each character NFKC-normalised and
 *     lower-cased on its own, so a match in the folded text maps back to whole characters of the original
 *   fanwenkuSearchIndex.foldChar(char), fanwenkuSearchIndex.MAY_CHANGE (runs folding may change)
 *
 * Published inside the search bundle (macros/build/scripts.py), with index.py's constants in front of it.
 */
(() => {
  const PY = globalThis.fanwenkuPython["search/index"];

  const folded = new Map();
  function foldChar(char) {
    let value = folded.get(char);
    if (value === undefined) {
      value = char.normalize("NFKC").toLowerCase();
      folded.set(char, value);
    }
    return value;
  }

  /* Folding leaves ASCII other than capitals and the main CJK block alone; only other runs need work */
  const MAY_CHANGE = new RegExp(PY.MAY_CHANGE, "gu");

  function fold(text) {
    return text.replace(MAY_CHANGE, (run) => Array.from(run, foldChar).join(""));
  }

  globalThis.fanwenkuSearchIndex = { fold: fold, foldChar: foldChar, MAY_CHANGE: MAY_CHANGE };
})();
