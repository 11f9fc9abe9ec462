/*
 * 范文库 exact phrase search (docs/weihu/sousuo.md). One file, two roles:
 * - as the search worker (Material's UI starts it from the "search" URL in #__config): it speaks the message
 *   protocol of Material for MkDocs 9.8 (SETUP -> READY, QUERY -> RESULT; see
 *   src/templates/assets/javascripts/integrations/search/worker/message in Material's sources) and finds every
 *   section that holds each query term as an exact substring. The index is sharded (macros/search/shards.py):
 *   SETUP brings only the manifest's name; on the first query the worker loads the manifest, then the key shards
 *   of the query's characters and character pairs, then the text of the candidate sections, and checks each
 *   candidate for the exact substring. Every file is a script loaded with importScripts, over http(s) and from
 *   the folder build (file://, where the iframe-worker shim runs this worker in an iframe) alike.
 * - as a page script (loaded before Material's bundle): the filters by kind, 行业, 文种 and 层级 in the search
 *   dialog, and on the page a result leads to, the searched phrase marked whole, Chinese punctuation included.
 * Text is compared folded: each character NFKC-normalised and lower-cased on its own (macros/search/index.js, the
 * twin of index.py's `fold`, with which the index is built). The index files are read with macros/search/shards.js
 * (the twin of shards.py). Everything shown is HTML-escaped before tags are added. The build publishes both twins
 * and this file joined, as assets/search/search.<hash>.js (macros/build/scripts.py).
 */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (page and worker), not a module
  "use strict";

  /* Material's SearchMessageType, in order; tests/test_search.py checks them against the installed bundle */
  const SETUP = 0;
  const READY = 1;
  const QUERY = 2;
  const RESULT = 3;
  /* Ours, page to worker: the filter choice (the worker answers with a RESULT for the current query); the result
     pages drawn as placeholders (DRAW), which the worker answers with their sections (DRAWN) */
  const FILTER = "fanwenku-filter";
  const DRAW = "fanwenku-draw";
  const DRAWN = "fanwenku-drawn";

  const CONTEXT = 30; /* characters of context on each side of a match in a snippet */
  const FRAGMENTS = 6; /* snippet fragments shown per section; further matches are counted */
  const NOTE_FRAGMENTS = 2; /* fragments of annotation text shown under the original's */
  const PREVIEW = 60; /* characters of text shown under a section that matched in its title only */
  const PARAM = "hl"; /* query parameter carrying the phrase to the result page (Material's "h" stays empty) */
  const FIRST_SCREEN = 10; /* result groups Material draws at once: drawn with the answer, and shown early */
  const FIRST_LOADS = 4; /* rounds of postings parts a first screen may load before the complete search takes over */
  const BATCH = 16; /* postings parts loaded at a time for the complete results */
  const STORAGE = "fanwenku-search-filters"; /* sessionStorage: the filter choice survives page loads */

  /* ---------------------------------------------------------------- folding and matching */

  const { fold, foldChar, MAY_CHANGE } = globalThis.fanwenkuSearchIndex; /* macros/search/index.js */
  /* macros/search/shards.js */
  const { decodeGaps, decodePageTable, decodePostings, fnv1a, termKeys, FORMAT, PAGE_SHARD } =
    globalThis.fanwenkuShards;

  /* Folded text, and whether every character kept its length (then positions carry over unchanged) */
  function foldAligned(text) {
    let aligned = true;
    const out = text.replace(MAY_CHANGE, (run) => {
      let result = "";
      for (const char of run) {
        const value = foldChar(char);
        if (value.length !== char.length) aligned = false;
        result += value;
      }
      return result;
    });
    return { folded: out, aligned };
  }

  /* Folded text plus, for each folded code unit, where the original character it came from starts and ends */
  function foldWithMap(text) {
    const starts = [];
    const ends = [];
    let out = "";
    let at = 0;
    for (const char of text) {
      const value = foldChar(char);
      for (let k = 0; k < value.length; k++) {
        starts.push(at);
        ends.push(at + char.length);
      }
      out += value;
      at += char.length;
    }
    return { text: out, starts, ends };
  }

  /* The distinct terms of a query: folded, split at whitespace */
  function terms(query) {
    return [...new Set(fold(String(query)).split(/\s+/).filter(Boolean))];
  }

  /* Sorted, merged [start, end) ranges of the original text where any term occurs; `known` is the text's
     foldAligned result, which keeps the position map once made */
  function ranges(text, needles, known) {
    const folding = known || foldAligned(text);
    const { folded: haystack, aligned } = folding;
    if (!aligned && !folding.map) folding.map = foldWithMap(text);
    const map = aligned ? null : folding.map;
    const found = [];
    for (const needle of needles) {
      for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
        const last = i + needle.length - 1;
        found.push(map ? [map.starts[i], map.ends[last]] : [i, last + 1]);
      }
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged = [];
    for (const [start, end] of found) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return merged;
  }

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  }

  /* text[from, to) escaped, with the given ranges wrapped in <mark> */
  function markRanges(text, found, from = 0, to = text.length) {
    let html = "";
    let at = from;
    for (const [start, end] of found) {
      if (end <= from || start >= to) continue;
      html += `${escapeHTML(text.slice(at, start))}<mark>${escapeHTML(text.slice(start, end))}</mark>`;
      at = end;
    }
    return html + escapeHTML(text.slice(at, to));
  }

  /* Do not cut a surrogate pair in two */
  function clamp(text, i) {
    const code = text.charCodeAt(i);
    return i > 0 && i < text.length && code >= 0xdc00 && code <= 0xdfff ? i - 1 : i;
  }

  /* Fragments of context around every match, each match marked */
  function snippet(text, found, fragments = FRAGMENTS) {
    const windows = [];
    for (const [start, end] of found) {
      const from = clamp(text, Math.max(0, start - CONTEXT));
      const to = clamp(text, Math.min(text.length, end + CONTEXT));
      const last = windows[windows.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else windows.push([from, to]);
    }
    const shown = windows.slice(0, fragments);
    let html = shown
      .map(([from, to]) => (from > 0 ? "…" : "") + markRanges(text, found, from, to) + (to < text.length ? "…" : ""))
      .join(" ");
    const hidden = found.filter(([start]) => start >= shown[shown.length - 1][1]).length;
    if (hidden) html += ` <small>（本节另有 ${hidden} 处）</small>`;
    return html.replace(/\s*\n\s*/g, " ");
  }

  /* ---------------------------------------------------------------- worker: the index files */

  /* Where this script was loaded from: a Worker knows its location; in the shim's iframe it is a <script> */
  const SCRIPT_URL =
    (typeof document !== "undefined" && document.currentScript && document.currentScript.src) ||
    (typeof location !== "undefined" ? location.href : "");
  const ROOT = SCRIPT_URL.split(/[?#]/)[0].replace(/assets\/search\/[^/]*$/, "");

  const files = new Map(); /* name -> data of each loaded index file: each calls fanwenkuSearchFile (startWorker) */
  let fetched = 0; /* index files loaded so far (the benchmark and the tests read it from RESULT) */
  let fetchedText = 0; /* of which text files: only those of the results drawn */

  /* Load the missing ones of [name, path] at once; importScripts is synchronous in a Worker, a promise in the shim */
  async function load(entries) {
    const missing = [...new Map(entries.filter(([name]) => !files.has(name))).entries()];
    if (!missing.length) return;
    await importScripts(...missing.map(([, path]) => new URL(path, ROOT).href));
    fetched += missing.length;
    fetchedText += missing.filter(([name]) => name.startsWith("t")).length;
    for (const [name, path] of missing) if (!files.has(name)) throw new Error(`search: ${path} did not load`);
  }

  let manifestPath = null;
  let index = null;

  async function openIndex() {
    if (index) return index;
    if (!manifestPath) throw new Error("search: SETUP gave no fanwenku.manifest");
    await load([["manifest", manifestPath]]);
    const manifest = files.get("manifest");
    const format = FORMAT;
    if (manifest.format !== format) throw new Error(`search: manifest format ${manifest.format}, expected ${format}`);
    const folder = manifestPath.slice(0, manifestPath.lastIndexOf("/") + 1);
    index = { manifest, groups: manifest.groups, folder };
    return index;
  }

  /* [name, path] of an index file */
  function file(name) {
    return [name, `${index.folder}${name}.${index.manifest.version}.js`];
  }

  function keyShard(key) {
    return file(`k${fnv1a(key) % index.manifest.keys}`);
  }

  /* The first index of a sorted array whose value is at least `value` */
  function lowerBound(array, value, from = 0) {
    let low = from;
    let high = array.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (array[middle] < value) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /* A key's postings: in its key shard (one part, there with the shard), or in parts of their own, part i holding
     its pages from starts[i] on; decoded parts are kept, so a later query loads and decodes only what is new */
  const keyCache = new Map();
  function postingsOf(key) {
    let value = keyCache.get(key);
    if (!value) {
      const shard = files.get(keyShard(key)[0]);
      const entry = Object.hasOwn(shard, key) ? shard[key] : "";
      value =
        typeof entry === "string"
          ? { starts: [0], file: null, parts: [decodePostings(entry)], loaded: 1, flat: null }
          : { starts: decodeGaps(entry[1]), file: entry[0], parts: [], loaded: 0, flat: null };
      keyCache.set(key, value);
    }
    return value;
  }

  /* The part holding a page (-1 before the first), and where that part ends */
  function partAt(postings, page) {
    return lowerBound(postings.starts, page + 1) - 1;
  }

  function partEnd(postings, part) {
    return part + 1 < postings.starts.length ? postings.starts[part + 1] : Number.POSITIVE_INFINITY;
  }

  function complete(postings) {
    return postings.loaded === postings.starts.length;
  }

  async function loadParts(wanted) {
    const missing = wanted.filter(([postings, part]) => !postings.parts[part]);
    await load(missing.map(([postings, part]) => file(`c${postings.file}-${part}`)));
    for (const [postings, part] of missing) {
      if (postings.parts[part]) continue;
      const name = `c${postings.file}-${part}`;
      postings.parts[part] = decodePostings(files.get(name));
      files.delete(name); /* decoded it is kept; the text is not needed again */
      postings.loaded++;
      postings.flat = null;
    }
  }

  /* The loaded parts of a key's postings as one: pages, where each page's positions start, the positions */
  function flatOf(postings) {
    if (postings.flat) return postings.flat;
    const parts = postings.parts.filter(Boolean);
    if (parts.length === 1) postings.flat = parts[0];
    else {
      const size = (name) => parts.reduce((sum, part) => sum + part[name].length, 0);
      const pages = new Int32Array(size("pages"));
      const starts = new Int32Array(pages.length + 1);
      const positions = new Int32Array(size("positions"));
      let p = 0;
      let q = 0;
      for (const part of parts) {
        pages.set(part.pages, p);
        for (let i = 0; i < part.pages.length; i++) starts[p + i] = part.starts[i] + q;
        positions.set(part.positions, q);
        p += part.pages.length;
        q += part.positions.length;
      }
      starts[p] = q;
      postings.flat = { pages, starts, positions };
    }
    return postings.flat;
  }

  /* The first page from `page` on that a key may hold, as far as its loaded parts tell */
  function nextPage(postings, page) {
    let part = partAt(postings, page);
    if (part < 0) return postings.starts[0];
    for (; part < postings.starts.length; part++) {
      const data = postings.parts[part];
      if (!data) return Math.max(page, postings.starts[part]);
      const k = lowerBound(data.pages, page);
      if (k < data.pages.length) return data.pages[k];
    }
    return Number.POSITIVE_INFINITY;
  }

  /* The first page from `from` on that every key may hold */
  function leap(postingsList, from) {
    let start = from;
    for (let moved = true; moved && start < Number.POSITIVE_INFINITY; ) {
      moved = false;
      for (const postings of postingsList) {
        const next = nextPage(postings, start);
        if (next > start) {
          start = next;
          moved = true;
        }
      }
    }
    return start;
  }

  /* The page table: per page its kind, a bit mask per 行业/文种/层级, its fields' places and its text's parts */
  const rows = new Map();
  async function loadRows(pages) {
    const wanted = new Set();
    for (const page of pages) if (!rows.has(page)) wanted.add(Math.floor(page / PAGE_SHARD));
    await load([...wanted].map((n) => file(`p${n}`)));
    for (const n of wanted) {
      if (!files.has(`p${n}`)) continue;
      decodePageTable(files.get(`p${n}`)).forEach((row, k) => {
        /* Where each field starts in the page's text: fields follow each other with a line break between */
        row.offsets = new Int32Array(row.lengths.length);
        for (let f = 1; f < row.lengths.length; f++) row.offsets[f] = row.offsets[f - 1] + row.lengths[f - 1] + 1;
        rows.set(n * PAGE_SHARD + k, row);
      });
      files.delete(`p${n}`);
    }
  }

  /* The text of the results drawn: a page's text is cut into parts at section boundaries */
  function textName(page, section) {
    const parts = rows.get(page).parts;
    let k = parts.length - 1;
    while (parts[k] > section) k--;
    return k ? `t${page}-${k}` : `t${page}`;
  }

  async function loadText(entries) {
    await load(entries.flatMap(({ page, hits }) => hits.map((hit) => file(textName(page, hit.section)))));
  }

  /* A section's record from its loaded text, with its folded fields (kept: later queries reuse them) */
  const sectionCache = new Map();
  function sectionOf(page, index) {
    const key = `${page}/${index}`;
    let value = sectionCache.get(key);
    if (!value) {
      const data = files.get(textName(page, index));
      const [title = "", fragment = "", text = "", note = ""] = data.s[index - data.o];
      value = { page, index, url: data.u, pageTitle: data.h, title, fragment, text, note };
      value.foldedTitle = foldAligned(title);
      value.foldedText = foldAligned(text);
      value.foldedNote = foldAligned(note);
      sectionCache.set(key, value);
    }
    return value;
  }

  /* ---------------------------------------------------------------- worker: filters */

  let filters = []; /* per group: the chosen value indexes */

  function pageValues(page, g) {
    const row = rows.get(page);
    if (g === 0) return [row.kind];
    const mask = row.masks[g - 1] || 0;
    const values = [];
    for (let v = 0; mask >> v; v++) if ((mask >> v) & 1) values.push(v);
    return values;
  }

  /* ---------------------------------------------------------------- worker: search */

  /* Where a term occurs in pages from `from` to before `to`: for a term of one character its positions, for a
     longer one the positions p where each of its covering pairs (termKeys) sits at p plus its offset. The
     postings alone say it, exactly: no text is needed. */
  function termMatches(term, from, to) {
    const lists = term.lists.map(([postings, offset]) => [flatOf(postings), offset]);
    const out = { pages: [], starts: [0], positions: [] };
    /* Pages are walked in the list with the fewest; the others are looked up (they only move forward) */
    let driver = 0;
    for (let j = 1; j < lists.length; j++) if (lists[j][0].pages.length < lists[driver][0].pages.length) driver = j;
    const pages = lists[driver][0].pages;
    const at = lists.map(([flat]) => lowerBound(flat.pages, from));
    for (let i = at[driver]; i < pages.length && pages[i] < to; i++) {
      const page = pages[i];
      let everywhere = true;
      for (let j = 0; j < lists.length && everywhere; j++) {
        const flat = lists[j][0];
        at[j] = lowerBound(flat.pages, page, at[j]);
        everywhere = flat.pages[at[j]] === page;
      }
      if (!everywhere) continue;
      const [first] = lists[0];
      const cursor = lists.map(([flat], j) => flat.starts[at[j]]);
      for (let q = first.starts[at[0]]; q < first.starts[at[0] + 1]; q++) {
        const p = first.positions[q];
        let match = true;
        for (let j = 1; j < lists.length && match; j++) {
          const [flat, offset] = lists[j];
          const end = flat.starts[at[j] + 1];
          while (cursor[j] < end && flat.positions[cursor[j]] < p + offset) cursor[j]++;
          match = cursor[j] < end && flat.positions[cursor[j]] === p + offset;
        }
        if (match) out.positions.push(p);
      }
      if (out.positions.length > out.starts[out.starts.length - 1]) {
        out.pages.push(page);
        out.starts.push(out.positions.length);
      }
    }
    return out;
  }

  /* Found sections, in page order, as parallel arrays (a phrase on every page of a large library finds hundreds of
     thousands): page, section, flags (1: a term in its title, 2: one in its original text or title), count */
  function noHits() {
    return { page: [], section: [], flags: [], count: [] };
  }

  /* Adds to `hits` the sections from page `from` to before `to` that hold every term, and how often they occur
     there (as indexOf counts them: an occurrence starts after the one before ends). Loads the page table of the
     pages found: where their sections' fields lie. */
  const scratch = [];
  async function hitsIn(plan, from, to, hits) {
    const matched = plan.map((term) => termMatches(term, from, to));
    let pages = matched[0].pages;
    for (const other of matched.slice(1)) {
      const kept = new Set(other.pages);
      pages = pages.filter((page) => kept.has(page));
    }
    await loadRows(pages);
    const cursors = matched.map(() => 0);
    for (const page of pages) {
      const offsets = rows.get(page).offsets;
      const fields = offsets.length;
      /* Per term, its occurrences in each field of the page: 3 per section (title, text, annotation text) */
      for (let j = 0; j < plan.length; j++) {
        if (!scratch[j] || scratch[j].length < fields) scratch[j] = new Int32Array(2 * fields + 64);
        const counts = scratch[j];
        counts.fill(0, 0, fields);
        const m = matched[j];
        while (m.pages[cursors[j]] < page) cursors[j]++;
        const length = plan[j].length;
        let f = 0;
        let last = Number.NEGATIVE_INFINITY;
        for (let q = m.starts[cursors[j]]; q < m.starts[cursors[j] + 1]; q++) {
          const p = m.positions[q];
          if (p < last + length) continue;
          last = p;
          while (f + 1 < fields && offsets[f + 1] <= p) f++;
          counts[f]++;
        }
      }
      for (let at = 0; at < fields; at += 3) {
        let flags = 0;
        let count = 0;
        let everyTerm = true;
        for (let j = 0; j < plan.length && everyTerm; j++) {
          const c = scratch[j];
          const inTitle = c[at];
          const inText = c[at + 1];
          const all = inTitle + inText + c[at + 2];
          if (!all) everyTerm = false;
          else {
            if (inTitle) flags |= 1;
            if (inTitle || inText) flags |= 2;
            count += all;
          }
        }
        if (everyTerm) {
          hits.page.push(page);
          hits.section.push(at / 3);
          hits.flags.push(flags);
          hits.count.push(count);
        }
      }
    }
    return hits;
  }

  /* Where the terms are in a section's fields, for its snippet: only for the results drawn */
  function located(s, needles) {
    return {
      section: s,
      textRanges: ranges(s.text, needles, s.foldedText),
      noteRanges: ranges(s.note, needles, s.foldedNote),
    };
  }

  /* The query parameter a result carries to its page, made once per query */
  let carried = { needles: null, value: "" };
  function link(url, needles, fragment) {
    if (carried.needles !== needles) carried = { needles, value: `?${PARAM}=${encodeURIComponent(needles.join(" "))}` };
    const address = url + carried.value;
    return fragment === undefined ? address : `${address}#${fragment}`;
  }

  function sectionText(hit) {
    const { section: s, textRanges, noteRanges } = hit;
    let html = "";
    if (textRanges.length) html += `<p>${snippet(s.text, textRanges)}</p>`;
    if (noteRanges.length) {
      html +=
        '<p class="fw-search-note"><span class="fw-search-note__label">批注</span>' +
        `${snippet(s.note, noteRanges, NOTE_FRAGMENTS)}</p>`;
    }
    if (!html && s.text) {
      const preview = s.text.slice(0, clamp(s.text, PREVIEW));
      html = `<p>${escapeHTML(preview)}${s.text.length > PREVIEW ? "…" : ""}</p>`;
    }
    return html;
  }

  /* Pages rank by one number, sorted as numbers are (fast even for tens of thousands): the kind of hit first (the
     original text of samples, templates, the phrase bank, samples found in our annotations only, other pages),
     then a title hit, then more occurrences, then the page's place in the library */
  const COUNT_SPAN = 2 ** 20;
  const PAGE_SPAN = 2 ** 20;
  function rankKey(kind, flags, count, page) {
    const tier = kind === 0 ? (flags & 2 ? 0 : 3) : kind === 1 ? 1 : kind === 2 ? 2 : 4;
    const order = tier * 2 + (flags & 1 ? 0 : 1);
    return (order * COUNT_SPAN + COUNT_SPAN - 1 - Math.min(count, COUNT_SPAN - 1)) * PAGE_SPAN + page;
  }

  /* The pages found, ranked (with where each one's hits are), and the counts per filter value */
  function rank(hits) {
    const counts = index.groups.map(([, values]) => values.map(() => 0));
    const chosen = index.groups.map((_, g) => (filters[g] || []).reduce((mask, v) => mask | (1 << v), 0));
    const choosing = chosen.some(Boolean);
    const keys = [];
    const where = new Map(); /* page -> [first hit, number of hits] */
    const masks = new Array(index.groups.length);
    for (let i = 0; i < hits.page.length; ) {
      const page = hits.page[i];
      let end = i;
      let flags = 0;
      let count = 0;
      for (; end < hits.page.length && hits.page[end] === page; end++) {
        flags |= hits.flags[end];
        count += hits.count[end];
      }
      where.set(page, [i, end - i]);
      i = end;
      const row = rows.get(page);
      masks[0] = 1 << row.kind;
      for (let g = 1; g < masks.length; g++) masks[g] = row.masks[g - 1] || 0;
      let failed = -1;
      let failures = 0;
      if (choosing) {
        for (let g = 0; g < masks.length; g++) {
          if (chosen[g] && !(masks[g] & chosen[g])) {
            failures++;
            failed = g;
          }
        }
      }
      if (failures > 1) continue;
      for (let g = 0; g < masks.length; g++) {
        if (failures && failed !== g) continue;
        for (let v = 0; masks[g] >> v; v++) if ((masks[g] >> v) & 1) counts[g][v]++;
      }
      if (!failures) keys.push(rankKey(row.kind, flags, count, page));
    }
    const order = Float64Array.from(keys).sort();
    const ranked = new Int32Array(order.length);
    for (let r = 0; r < order.length; r++) ranked[r] = order[r] % PAGE_SPAN;
    return { ranked, where, counts };
  }

  /* A ranked page with its hits, for drawing */
  function entryOf(state, page) {
    const [first, count] = state.where.get(page);
    const hits = [];
    for (let i = first; i < first + count; i++) {
      const flags = state.hits.flags[i];
      hits.push({ section: state.hits.section[i], inTitle: (flags & 1) > 0, original: (flags & 2) > 0 });
    }
    return { page, hits };
  }

  /* Material's items for one result page, drawn from its text (loaded): the page, then its sections. Material
     shows a page's sections that score at least its first item's score: the page gets the lowest. */
  function group(entry, needles) {
    const hits = entry.hits
      .map((hit) => ({ ...hit, s: sectionOf(entry.page, hit.section) }))
      .sort((a, b) => b.original - a.original || b.inTitle - a.inTitle || a.section - b.section);
    const first = hits[0].s;
    const article = { location: link(first.url, needles), title: escapeHTML(first.pageTitle), text: "", score: 1 };
    article.terms = {};
    const tags = pageTags(entry.page);
    if (tags.length) article.tags = tags;
    return [
      article,
      ...hits.map((hit) => ({
        location: link(first.url, needles, hit.s.fragment),
        title: markRanges(hit.s.title, ranges(hit.s.title, needles, hit.s.foldedTitle)),
        text: sectionText(located(hit.s, needles)),
        score: hit.inTitle ? 2 : 1,
        terms: {},
      })),
    ];
  }

  /* The result pages not drawn yet: one group, the same for all (a phrase found on tens of thousands of pages
     answers with a list of references to it, not tens of thousands of objects). Material draws them as the list
     is scrolled; the page script then asks for their sections (DRAW), by their place in the list. */
  function placeholder(answerId) {
    const text = `<p class="fw-search-pending" data-answer="${answerId}">正在载入……</p>`;
    return [{ location: "", title: "……", text, score: 1, terms: {} }];
  }

  /* What a page is, shown under its title: 范文 · 文种 · 层级 (and the same for a template) */
  const tagCache = new Map();
  function pageTags(page) {
    let tags = tagCache.get(page);
    if (!tags) {
      const kind = rows.get(page).kind;
      tags = kind > 1 ? (kind === 2 ? [index.groups[0][1][kind]] : []) : [index.groups[0][1][kind]];
      for (let g = 1; kind <= 1 && g < index.groups.length; g++) {
        if (index.groups[g][0] === "行业") continue;
        for (const v of pageValues(page, g)) tags.push(index.groups[g][1][v]);
      }
      tags = tags.map(escapeHTML);
      tagCache.set(page, tags);
    }
    return tags;
  }

  let generation = 0;
  let current = "";
  let queue = Promise.resolve();
  let answers = 0;
  let last = null; /* the latest answer: what DRAW draws from */

  function answer(query, data) {
    const groups = index ? index.groups : null;
    data.fanwenku = {
      query,
      groups,
      counts: data.counts || [],
      done: data.done !== false,
      fetched,
      fetchedText,
      filters,
      sections: data.sections || [],
    };
    delete data.counts;
    delete data.done;
    delete data.sections;
    postMessage({ type: RESULT, data });
  }

  /* Answer with these hits: the first screen of result pages drawn (their text loaded), the others placeholders;
     with each ranked page's number of sections found */
  async function answerWith(query, needles, hits, done, mine) {
    const { ranked, where, counts } = rank(hits);
    const state = { id: answers + 1, query, needles, hits, ranked, where };
    const firstScreen = Array.from(ranked.subarray(0, FIRST_SCREEN), (page) => entryOf(state, page));
    await loadText(firstScreen);
    if (mine !== generation) return;
    answers = state.id;
    last = state;
    const pending = placeholder(state.id);
    const items = new Array(ranked.length);
    for (let r = 0; r < ranked.length; r++) items[r] = r < FIRST_SCREEN ? group(firstScreen[r], needles) : pending;
    const sections = Int32Array.from(ranked, (page) => where.get(page)[1]);
    answer(query, { items, counts, done, sections });
  }

  /* Run a query; a newer one (or a new filter choice) makes it stop at its next pause */
  async function run(query, mine) {
    const needles = terms(query);
    if (!needles.length) {
      last = null;
      return answer(query, { items: [] });
    }
    await openIndex();
    if (mine !== generation) return;
    const plan = needles.map((term) => ({ length: Array.from(term).length, keys: termKeys(term) }));
    const keys = [...new Set(plan.flatMap((term) => term.keys.map(([key]) => key)))];
    await load(keys.map(keyShard));
    if (mine !== generation) return;
    for (const term of plan) term.lists = term.keys.map(([key, offset]) => [postingsOf(key), offset]);
    const postingsList = keys.map(postingsOf);
    const long = postingsList.filter((postings) => !complete(postings));
    /* Loading happens on a cold worker only; once everything is here the query runs in one go */
    if (long.length && (await firstScreen(query, needles, plan, postingsList, long, mine)) === null) return;
    if (!(await loadRest(postingsList, long, mine))) return;
    const hits = await hitsIn(plan, 0, Number.POSITIVE_INFINITY, noHits());
    if (mine !== generation) return;
    await answerWith(query, needles, hits, true, mine);
  }

  /* The first screen: pages in order, the parts of the long postings that cover them loaded as they come, until
     FIRST_SCREEN pages are found; shown while the rest loads. null when a newer query came. */
  async function firstScreen(query, needles, plan, postingsList, long, mine) {
    const hits = noHits();
    const pages = new Set();
    let from = 0;
    let loads = 0;
    while (pages.size < FIRST_SCREEN) {
      const start = leap(postingsList, from);
      if (start === Number.POSITIVE_INFINITY) return false;
      const missing = long.filter((postings) => !postings.parts[partAt(postings, start)]);
      if (missing.length) {
        if (loads++ >= FIRST_LOADS) return false; /* rare together: the complete search finds them */
        await loadParts(missing.map((postings) => [postings, partAt(postings, start)]));
        if (mine !== generation) return null;
        continue;
      }
      let end = Number.POSITIVE_INFINITY;
      for (const postings of postingsList) end = Math.min(end, partEnd(postings, partAt(postings, start)));
      const before = hits.page.length;
      await hitsIn(plan, start, end, hits);
      for (let i = before; i < hits.page.length; i++) pages.add(hits.page[i]);
      if (mine !== generation) return null;
      from = end;
    }
    await answerWith(query, needles, hits, false, mine);
    if (mine !== generation) return null;
    await new Promise((resolve) => setTimeout(resolve, 0));
    return mine === generation ? true : null;
  }

  /* The rest of the long postings, only the parts covering pages that the keys loaded so far all hold: the key
     with the fewest parts first, so that each next key needs as few as possible. false when a newer query came. */
  async function loadRest(postingsList, long, mine) {
    let candidates = null;
    const narrow = (postings) => {
      const pages = flatOf(postings).pages;
      if (candidates === null) candidates = pages;
      else {
        const kept = [];
        for (let i = 0, j = 0; i < candidates.length; i++) {
          j = lowerBound(pages, candidates[i], j);
          if (pages[j] === candidates[i]) kept.push(candidates[i]);
        }
        candidates = kept;
      }
    };
    for (const postings of postingsList) if (complete(postings)) narrow(postings);
    const rest = long.filter((postings) => !complete(postings)).sort((a, b) => a.starts.length - b.starts.length);
    for (const postings of rest) {
      const wanted = [];
      for (let part = 0; part < postings.starts.length; part++) {
        if (postings.parts[part]) continue;
        const start = postings.starts[part];
        const k = candidates === null ? 0 : lowerBound(candidates, start);
        if (candidates === null || (k < candidates.length && candidates[k] < partEnd(postings, part))) {
          wanted.push([postings, part]);
        }
      }
      for (let k = 0; k < wanted.length; k += BATCH) {
        await loadParts(wanted.slice(k, k + BATCH));
        if (mine !== generation) return false;
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (mine !== generation) return false;
      }
      narrow(postings);
    }
    return true;
  }

  /* The page script asks for result pages Material has drawn as placeholders: their sections, from their text */
  async function draw(request) {
    const state = last;
    if (!state || request.answer !== state.id) return;
    const ranks = (request.ranks || []).filter((r) => Number.isInteger(r) && r >= 0 && r < state.ranked.length);
    const entries = ranks.map((r) => entryOf(state, state.ranked[r]));
    await loadText(entries);
    if (state !== last) return;
    const drawn = entries.map((entry, i) => [ranks[i], group(entry, state.needles)]);
    postMessage({ type: DRAWN, data: { answer: state.id, groups: drawn, fetched, fetchedText } });
  }

  function schedule(query) {
    current = query;
    const mine = ++generation;
    queue = queue
      .then(() => (mine === generation ? run(query, mine) : undefined))
      .catch((error) => {
        console.warn(error);
        answer(query, { items: [] });
      });
  }

  function startWorker() {
    self.fanwenkuSearchFile = (name, data) => files.set(name, data);
    addEventListener("message", (event) => {
      const message = event.data;
      switch (message.type) {
        case SETUP:
          manifestPath = message.data.config?.fanwenku?.manifest || null;
          postMessage({ type: READY });
          break;
        case QUERY:
          schedule(String(message.data));
          break;
        case FILTER:
          filters = Array.isArray(message.data)
            ? message.data.map((chosen) => (Array.isArray(chosen) ? chosen : []))
            : [];
          if (current) schedule(current);
          break;
        case DRAW:
          queue = queue.then(() => draw(message.data || {})).catch((error) => console.warn(error));
          break;
        default:
          throw new TypeError("Invalid message type");
      }
    });
  }

  /* ---------------------------------------------------------------- page: filters in the search dialog */

  /* The filter bar: one row per group, one toggle per value with its count for the current phrase */
  function startFilters(config) {
    const Native = window.Worker;
    if (typeof Native !== "function") return;
    const workerURL = new URL(config.search, location.href).href;
    let worker = null;
    let bar = null;
    let last = null;
    let chosen = restore();

    function restore() {
      try {
        const value = JSON.parse(sessionStorage.getItem(STORAGE) || "[]");
        return Array.isArray(value)
          ? value.map((group) => (Array.isArray(group) ? group.filter(Number.isInteger) : []))
          : [];
      } catch {
        return [];
      }
    }

    function send() {
      try {
        sessionStorage.setItem(STORAGE, JSON.stringify(chosen));
      } catch {
        /* storage may be off: the choice then lasts for this page */
      }
      if (worker) worker.postMessage({ type: FILTER, data: chosen });
    }

    /* Material starts the search worker itself: note it as it is made, to talk to it and hear its results */
    window.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        if (new URL(url, location.href).href === workerURL) {
          worker = this;
          window.fanwenkuSearchWorker = this;
          this.addEventListener("message", (event) => {
            if (event.data && event.data.type === RESULT && event.data.data.fanwenku) {
              show(event.data.data.fanwenku);
              watchList();
            }
            if (event.data && event.data.type === DRAWN) fill(event.data.data);
          });
          send();
        }
      }
    };

    function build() {
      const wrap = document.querySelector(".md-search__scrollwrap");
      const result = document.querySelector(".md-search-result");
      if (!wrap || !result) return null;
      const element = document.createElement("div");
      element.className = "fw-search-filters";
      element.setAttribute("role", "group");
      element.setAttribute("aria-label", "筛选搜索结果");
      element.hidden = true;
      wrap.insertBefore(element, result);
      element.addEventListener("click", (event) => {
        const button = event.target instanceof Element && event.target.closest("button");
        if (!button || !element.contains(button)) return;
        if (button.dataset.clear !== undefined) chosen = [];
        else {
          const g = Number(button.dataset.group);
          const v = Number(button.dataset.value);
          const group = new Set(chosen[g] || []);
          if (group.has(v)) group.delete(v);
          else group.add(v);
          while (chosen.length <= g) chosen.push([]);
          chosen[g] = [...group].sort((a, b) => a - b);
        }
        send();
      });
      /* Material's keys in the dialog: Tab closes it, other keys go to the search box; not from here */
      element.addEventListener("keydown", (event) => {
        if (!["Tab", " ", "Enter"].includes(event.key)) return;
        event.stopPropagation();
        const buttons = [...element.querySelectorAll("button:not([disabled])")];
        if (
          event.key === "Tab" &&
          buttons.length &&
          event.target === buttons[event.shiftKey ? 0 : buttons.length - 1]
        ) {
          event.preventDefault();
          document.querySelector(".md-search__input").focus();
        }
      });
      const input = document.querySelector(".md-search__input");
      if (input) {
        input.addEventListener("keydown", (event) => {
          if (event.key !== "Tab" || event.shiftKey || element.hidden) return;
          const first = element.querySelector("button:not([disabled])");
          if (!first) return;
          event.preventDefault();
          event.stopPropagation();
          first.focus();
        });
      }
      return element;
    }

    function show(state) {
      last = state;
      if (!bar) bar = document.querySelector(".fw-search-filters") || build();
      if (!bar) return;
      bar.hidden = !state.query.trim() || !state.groups;
      if (bar.hidden) return;
      const focused = document.activeElement && bar.contains(document.activeElement) ? document.activeElement : null;
      const focusKey = focused ? `${focused.dataset.group}/${focused.dataset.value}/${focused.dataset.clear}` : null;
      bar.replaceChildren();
      const picked = state.filters.some((group) => group?.length);
      state.groups.forEach(([name, values], g) => {
        const row = document.createElement("div");
        row.className = "fw-search-filters__row";
        const label = document.createElement("span");
        label.className = "fw-search-filters__label";
        label.textContent = name;
        row.append(label);
        values.forEach((value, v) => {
          const count = state.counts[g] ? state.counts[g][v] : 0;
          const on = Boolean(state.filters[g]?.includes(v));
          if (!count && !on) return;
          const button = document.createElement("button");
          button.type = "button";
          button.className = "fw-search-filters__value";
          button.dataset.group = String(g);
          button.dataset.value = String(v);
          button.setAttribute("aria-pressed", String(on));
          button.textContent = value;
          const small = document.createElement("small");
          small.textContent = String(count);
          button.append(" ", small);
          row.append(button);
        });
        if (row.childElementCount > 1) bar.append(row);
      });
      if (picked) {
        const clear = document.createElement("button");
        clear.type = "button";
        clear.className = "fw-search-filters__clear";
        clear.dataset.clear = "";
        clear.textContent = "清除筛选";
        bar.append(clear);
      }
      if (!state.done) {
        const busy = document.createElement("span");
        busy.className = "fw-search-filters__busy";
        busy.textContent = "仍在查找……";
        bar.append(busy);
      }
      bar.setAttribute("aria-busy", String(!state.done));
      if (focusKey) {
        const again = [...bar.querySelectorAll("button")].find(
          (b) => `${b.dataset.group}/${b.dataset.value}/${b.dataset.clear}` === focusKey,
        );
        if (again) again.focus();
      }
    }

    /* Result pages past the first screen come as placeholders (the worker has not fetched their text): when
       Material draws one, which it does as the list is scrolled, ask the worker for its sections, naming it by
       its place in the list (Material appends the results in their order, after emptying the list for a new
       answer) */
    let list = null;
    function watchList() {
      const found = document.querySelector(".md-search-result__list");
      if (!found || found === list) return;
      list = found;
      new MutationObserver((records) => {
        const added = records.flatMap((record) => [...record.addedNodes]).filter((node) => node.parentNode === list);
        askToDraw(added);
      }).observe(list, { childList: true });
      askToDraw([...list.children]);
    }

    function askToDraw(added) {
      if (!worker || !added.length) return;
      const appended = list.lastElementChild === added[added.length - 1];
      const ranks = [];
      let answer = null;
      added.forEach((item, i) => {
        const pending = item.querySelector?.(".fw-search-pending:not([data-rank])");
        if (!pending) return;
        const rank = appended ? list.childElementCount - added.length + i : [...list.children].indexOf(item);
        pending.dataset.rank = String(rank);
        answer ??= Number(pending.dataset.answer);
        if (Number(pending.dataset.answer) === answer) ranks.push(rank);
      });
      if (ranks.length) worker.postMessage({ type: DRAW, data: { answer, ranks } });
    }

    /* The worker's sections of result pages: each placeholder's list item gets the links Material would have
       made of them (the same markup: its keyboard navigation and styles apply) */
    function fill(data) {
      for (const [rank, items] of data.groups) {
        const pending = list?.querySelector(`.fw-search-pending[data-answer="${data.answer}"][data-rank="${rank}"]`);
        const item = pending?.closest(".md-search-result__item");
        if (item) item.replaceChildren(...items.map((doc, i) => resultLink(doc, i === 0, items.length === 1)));
      }
      lastDrawn = data;
    }

    /* One entry as Material's renderer makes it (its text and titles are HTML the worker escaped) */
    function resultLink(doc, parent, teaser) {
      const url = new URL(doc.location, base);
      if (highlighting) url.searchParams.set("h", "");
      const link = document.createElement("a");
      link.href = `${url}`;
      link.className = "md-search-result__link";
      link.tabIndex = -1;
      const article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      article.dataset.mdScore = doc.score.toFixed(2);
      if (parent) {
        const icon = document.createElement("div");
        icon.className = "md-search-result__icon md-icon";
        article.append(icon);
      }
      const heading = document.createElement(parent ? "h1" : "h2");
      heading.innerHTML = doc.title;
      article.append(heading);
      if ((!parent || teaser) && doc.text) article.insertAdjacentHTML("beforeend", doc.text);
      if (doc.tags) {
        const tags = document.createElement("nav");
        tags.className = "md-tags";
        for (const tag of doc.tags) {
          const span = document.createElement("span");
          span.className = "md-tag ";
          span.innerHTML = tag;
          tags.append(span);
        }
        article.append(tags);
      }
      link.append(article);
      return link;
    }

    const base = new URL(config.base, location.href);
    const highlighting = (config.features || []).includes("search.highlight");
    let lastDrawn = null;

    window.fanwenkuSearchFilters = {
      get state() {
        return last;
      },
      get drawn() {
        return lastDrawn;
      },
    };
  }

  /* ---------------------------------------------------------------- page: highlight the phrase */

  const SKIP = "script, style, [data-search-exclude], .headerlink, mark[data-md-highlight]";
  const BLOCKS = "p, li, dt, dd, td, th, h1, h2, h3, h4, h5, h6, pre, blockquote, figcaption, summary, div, article";

  function highlight(root, needles) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const runs = [];
    let block = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement.closest(BLOCKS);
      if (parent !== block || !runs.length) runs.push([]);
      block = parent;
      runs[runs.length - 1].push(node);
    }
    let count = 0;
    for (const nodes of runs) {
      const starts = [];
      let text = "";
      for (const node of nodes) {
        starts.push(text.length);
        text += node.data;
      }
      const found = ranges(text, needles);
      count += found.length;
      /* From the last match backwards, so that splitting a text node keeps earlier offsets valid */
      for (const [start, end] of found.reverse()) {
        for (let k = nodes.length - 1; k >= 0; k--) {
          const from = Math.max(start, starts[k]) - starts[k];
          const to = Math.min(end, starts[k] + nodes[k].data.length) - starts[k];
          if (from >= to) continue;
          const range = document.createRange();
          range.setStart(nodes[k], from);
          range.setEnd(nodes[k], to);
          const mark = document.createElement("mark");
          mark.setAttribute("data-md-highlight", "");
          range.surroundContents(mark);
        }
      }
    }
    return count;
  }

  /* Undo earlier marks, then mark the terms of the given URL's parameter */
  function highlightPage(url) {
    const root = document.querySelector("article.md-content__inner");
    if (!root) return;
    for (const mark of root.querySelectorAll("mark[data-md-highlight]")) {
      const parent = mark.parentNode;
      mark.replaceWith(...mark.childNodes);
      parent.normalize();
    }
    const needles = terms(url.searchParams.get(PARAM) || "");
    if (needles.length) highlight(root, needles);
  }

  function startHighlight(config) {
    if (!(config.features || []).includes("search.highlight")) return;
    /* Material announces every page it shows on document$, the first one too; it exists once its bundle ran */
    const subscribe = () => {
      if (typeof document$ === "undefined") highlightPage(new URL(location.href));
      else document$.subscribe(() => highlightPage(new URL(location.href)));
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
    else subscribe();
    /* A result on the page already shown loads nothing (instant navigation), and for a link to the part
       already in view Material even takes the new address back out of the history: mark from the link */
    document.addEventListener("click", (event) => {
      const target = event.target instanceof Element && event.target.closest(".md-search-result__link");
      if (!target) return;
      const url = new URL(target.href);
      if (url.pathname === location.pathname) highlightPage(url);
    });
  }

  /* ---------------------------------------------------------------- page: search on any input */

  /* Material starts a search on keyup only: a phrase pasted with the mouse (right click, 粘贴), dropped into the box
     or chosen with the mouse from an input method's list started none until a key was pressed. Every finished input
     is handed on as a keyup; Material drops a value it has already searched, so a typed key searches once. Not while
     an input method is still composing: its end (compositionend) is handed on instead. */
  function startOnInput() {
    const handOn = (event) => {
      const box = event.target instanceof Element && event.target.closest("[data-md-component=search-query]");
      if (box && !event.isComposing) box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    };
    document.addEventListener("input", handOn);
    document.addEventListener("compositionend", handOn);
  }

  /* ---------------------------------------------------------------- which role */

  const config = typeof document !== "undefined" && document.getElementById("__config");
  if (config) {
    const settings = JSON.parse(config.textContent);
    startFilters(settings);
    startHighlight(settings);
    startOnInput();
  } else startWorker();
})();
