/* 范文库 search: reading the index files in the browser, the twin of shards.py beside it (tests/twins/ compares
 * them on the numbers, postings, page tables and keys shards.py writes).
 *
 *   fanwenkuShards.decodeNumbers(text) -> numbers (shards.py encode_numbers)
 *   fanwenkuShards.decodeGaps(text) -> ascending numbers (shards.py encode_gaps)
 *   fanwenkuShards.decodePostings(text) -> {pages, starts, positions}: Int32Arrays; page i's positions are
 *     positions[starts[i] .. starts[i + 1]) (shards.py encode_postings)
 *   fanwenkuShards.decodePageTable(text) -> per page {kind, masks, lengths, parts} (shards.py page_rows)
 *   fanwenkuShards.fnv1a(key) -> the key's shard hash, 32-bit FNV-1a over UTF-16 code units
 *   fanwenkuShards.termKeys(term) -> the [key, offset] pairs a folded query term is confirmed by
 *   fanwenkuShards.FORMAT: the manifest format this worker reads; PAGE_SHARD: pages per page-table file
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

  /* The first number, then each one's step from the one before */
  function decodeGaps(text) {
    const numbers = decodeNumbers(text);
    for (let i = 1; i < numbers.length; i++) numbers[i] += numbers[i - 1];
    return numbers;
  }

  /* Per page: its step from the one before minus one, its positions minus one, the first position, then each
     one's step from the one before minus one. Decoded straight from the digits: postings are most of a query's
     work, and no number of theirs needs more than 31 bits. */
  function decodePostings(text) {
    const pages = [];
    const starts = [0];
    const positions = new Int32Array(text.length);
    let count = 0;
    let page = -1;
    let state = 0; /* 0: a page's step; 1: its count; 2: a position */
    let left = 0;
    let at = 0;
    let value = 0;
    let shift = 0;
    for (let i = 0; i < text.length; i++) {
      const digit = DIGIT[text.charCodeAt(i)];
      value |= (digit & 31) << shift;
      if (digit >= 32) {
        shift += 5;
        continue;
      }
      if (state === 0) {
        page += value + 1;
        pages.push(page);
        state = 1;
      } else if (state === 1) {
        left = value + 1;
        at = -1;
        state = 2;
      } else {
        at = at < 0 ? value : at + value + 1;
        positions[count++] = at;
        if (--left === 0) {
          starts.push(count);
          state = 0;
        }
      }
      value = 0;
      shift = 0;
    }
    return { pages: Int32Array.from(pages), starts: Int32Array.from(starts), positions: positions.slice(0, count) };
  }

  /* Per page: kind, a bit mask per 行业/文种/层级, its number of sections, the lengths of their fields (title, text
     and annotation text of each in turn), its text's parts minus one, then where each further part starts (its
     step from the one before) */
  function decodePageTable(text) {
    const numbers = decodeNumbers(text);
    const rows = [];
    for (let i = 0; i < numbers.length; ) {
      const kind = numbers[i++];
      const masks = numbers.slice(i, i + PY.MASKS);
      i += PY.MASKS;
      const sections = numbers[i++];
      const lengths = Int32Array.from(numbers.slice(i, i + 3 * sections));
      i += 3 * sections;
      const parts = [0];
      for (let k = numbers[i++]; k > 0; k--) parts.push(parts[parts.length - 1] + numbers[i++]);
      rows.push({ kind, masks, lengths, parts });
    }
    return rows;
  }

  function fnv1a(key) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      hash ^= key.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
  }

  /* The character itself, or pairs covering every character of the term: at offsets 0, 2, 4, ... and the last */
  function termKeys(term) {
    const chars = Array.from(term);
    if (chars.length === 1) return [[term, 0]];
    const offsets = new Set();
    for (let i = 0; i < chars.length - 1; i += 2) offsets.add(i);
    offsets.add(chars.length - 2);
    return [...offsets].sort((a, b) => a - b).map((i) => [chars[i] + chars[i + 1], i]);
  }

  globalThis.fanwenkuShards = {
    decodeNumbers: decodeNumbers,
    decodeGaps: decodeGaps,
    decodePostings: decodePostings,
    decodePageTable: decodePageTable,
    fnv1a: fnv1a,
    termKeys: termKeys,
    FORMAT: PY.FORMAT,
    PAGE_SHARD: PY.PAGE_SHARD,
  };
})();
