/* 范文库 search: reading the index files in the browser, the twin of shards.py beside it (tests/twins/ compares
 * them on the numbers, postings and keys shards.py writes).
 *
 *   fanwenkuShards.decodeNumbers(text) -> numbers (shards.py encode_numbers)
 *   fanwenkuShards.decodePostings(value) -> Int32Array of section numbers (shards.py encode_postings)
 *   fanwenkuShards.fnv1a(key) -> the key's shard hash, 32-bit FNV-1a over UTF-16 code units
 *   fanwenkuShards.termKeys(term) -> the keys a folded query term is looked up by
 *   fanwenkuShards.FORMAT: the manifest format this worker reads
 *
 * Published inside the search bundle (macros/build/scripts.py), with shards.py's constants in front of it.
 */
(() => {
  const PY = globalThis.fanwenkuPython["search/shards"];
  const ALPHABET = PY.ALPHABET;

  const DIGIT = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

  /* 5 bits per digit, low bits first; digits 32-63 mean "more follows" */
  function decodeNumbers(text) {
    const numbers = [];
    let value = 0;
    let shift = 0;
    for (let i = 0; i < text.length; i++) {
      const digit = DIGIT[text.charCodeAt(i)];
      value += (digit & 31) * 2 ** shift;
      if (digit >= 32) shift += 5;
      else {
        numbers.push(value);
        value = 0;
        shift = 0;
      }
    }
    return numbers;
  }

  /* Gaps as numbers, or [first, bitmap of 6 bits per digit] */
  function decodePostings(value) {
    if (typeof value === "string") {
      const gaps = decodeNumbers(value);
      const ids = new Int32Array(gaps.length);
      let at = -1;
      for (let i = 0; i < gaps.length; i++) ids[i] = at += gaps[i] + 1;
      return ids;
    }
    const [first, digits] = value;
    const ids = [];
    for (let j = 0; j < digits.length; j++) {
      const digit = DIGIT[digits.charCodeAt(j)];
      for (let k = 0; k < 6; k++) if ((digit >> k) & 1) ids.push(first + 6 * j + k);
    }
    return Int32Array.from(ids);
  }

  function fnv1a(key) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      hash ^= key.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
  }

  /* The character itself, or up to KEYS_PER_TERM pairs spread over the term (first and last included) */
  function termKeys(term) {
    const chars = Array.from(term);
    if (chars.length === 1) return [term];
    const pairs = [...new Set(chars.slice(1).map((char, i) => chars[i] + char))];
    if (pairs.length <= PY.KEYS_PER_TERM) return pairs;
    const step = (pairs.length - 1) / (PY.KEYS_PER_TERM - 1);
    return [...new Set(Array.from({ length: PY.KEYS_PER_TERM }, (_, i) => pairs[Math.floor(i * step + 0.5)]))];
  }

  globalThis.fanwenkuShards = {
    decodeNumbers: decodeNumbers,
    decodePostings: decodePostings,
    fnv1a: fnv1a,
    termKeys: termKeys,
    FORMAT: PY.FORMAT,
  };
})();
