/* 范文库 同类写法 for a draft, in the browser: the twin of sketch.py beside it (tests/twins/ compares them).
 *
 *   fanwenkuSketch.pairHashes(text) -> the distinct hashes of the text's sketch pairs (two Chinese characters side by
 *     side after folding), smallest first
 *   fanwenkuSketch.lookedUp(hashes, bloom) -> the hashes a draft paragraph looks up: its smallest LOOKUPS that the
 *     common-pair filter (a Uint8Array) does not hold
 *   fanwenkuSketch.shardName(hash, count), fanwenkuSketch.textFile(textId) -> the file a look-up or a text is in
 *   fanwenkuSketch.candidates(looked, shards, count) -> [[text id, matches], ...]: library texts sharing at least
 *     MIN_MATCHES of the looked-up pairs' sketch entries, most first, TEXTS at most (shards: loaded, by name)
 *   fanwenkuSketch.scorePairs(draft, text) -> {shared, mine, theirs, near, identical}: the pairs the two share, each
 *     one's number of pairs, whether the text is a near-copy of the draft paragraph, or the same text
 *   fanwenkuSketch.decodeIds(encoded) -> the text ids of a sketch entry
 *
 * Folding and hashing are the search's (fanwenkuSearchIndex.fold, fanwenkuShards.fnv1a: index.js and shards.js are
 * loaded first).
 * Published in the 体检 page's bundle assets/similar-draft.js (macros/build/scripts.py).
 */
(() => {
  const PY = globalThis.fanwenkuPython["similar/sketch"];
  const NOT_KEY = new RegExp(PY.NOT_KEY, "gu");

  function keyText(text) {
    return globalThis.fanwenkuSearchIndex.fold(text).replace(NOT_KEY, "");
  }

  function pairsOf(text) {
    const chars = Array.from(keyText(text));
    const pairs = new Set();
    for (let i = 1; i < chars.length; i++) {
      pairs.add(chars[i - 1] + chars[i]);
    }
    return pairs;
  }

  // The search's own hash (shards.js, published in front of this script), as sketch.py takes shards.py's
  const fnv1a = (key) => globalThis.fanwenkuShards.fnv1a(key);

  function pairHashes(text) {
    const hashes = new Set();
    for (const pair of pairsOf(text)) {
      if (Array.from(pair).every((char) => char.codePointAt(0) >= 0x80)) {
        hashes.add(fnv1a(pair));
      }
    }
    return Array.from(hashes).sort((a, b) => a - b);
  }

  function isCommon(value, bloom) {
    const size = bloom.length * 8;
    const low = value & 0xffff;
    const high = (value >>> 16) | 1;
    for (let i = 0; i < PY.BLOOM_HASHES; i++) {
      const bit = (low + i * high) & (size - 1);
      if (!((bloom[bit >> 3] >> (bit & 7)) & 1)) {
        return false;
      }
    }
    return true;
  }

  function lookedUp(hashes, bloom) {
    const out = [];
    for (const value of hashes) {
      if (out.length === PY.LOOKUPS) {
        break;
      }
      if (!isCommon(value, bloom)) {
        out.push(value);
      }
    }
    return out;
  }

  function shardName(value, count) {
    return `s${value % count}`;
  }

  function textFile(textId) {
    return `x${Math.floor(textId / PY.TEXTS_PER_FILE)}`;
  }

  function decodeIds(encoded) {
    const ids = [];
    let at = 0;
    for (const part of encoded.split(",")) {
      at += parseInt(part, 36);
      ids.push(at);
    }
    return ids;
  }

  function candidates(looked, shards, count) {
    const matches = new Map();
    for (const value of looked) {
      const entry = shards[shardName(value, count)][value.toString(36)];
      if (entry) {
        for (const id of decodeIds(entry)) {
          matches.set(id, (matches.get(id) || 0) + 1);
        }
      }
    }
    return Array.from(matches)
      .filter(([, m]) => m >= PY.MIN_MATCHES)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, PY.TEXTS);
  }

  function scorePairs(draft, text) {
    const mine = pairsOf(draft);
    const theirs = pairsOf(text);
    let shared = 0;
    for (const pair of mine) {
      shared += theirs.has(pair) ? 1 : 0;
    }
    const cosine = mine.size && theirs.size ? shared / Math.sqrt(mine.size * theirs.size) : 0;
    const held = mine.size ? shared / mine.size : 0;
    return {
      shared: shared,
      mine: mine.size,
      theirs: theirs.size,
      near: cosine >= PY.NEAR_COPY || held >= PY.NEAR_COPY,
      identical: keyText(draft) === keyText(text),
    };
  }

  globalThis.fanwenkuSketch = {
    pairHashes: pairHashes,
    lookedUp: lookedUp,
    shardName: shardName,
    textFile: textFile,
    candidates: candidates,
    scorePairs: scorePairs,
    decodeIds: decodeIds,
  };
})();
