/*
 * 范文库 exact phrase search (README: 搜索). One file, two roles:
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
  /* Ours, page to worker: the filter choice (the worker answers with a RESULT for the current query) */
  const FILTER = "fanwenku-filter";

  const CONTEXT = 30; /* characters of context on each side of a match in a snippet */
  const FRAGMENTS = 6; /* snippet fragments shown per section; further matches are counted */
  const NOTE_FRAGMENTS = 2; /* fragments of annotation text shown under the original's */
  const PREVIEW = 60; /* characters of text shown under a section that matched in its title only */
  const PARAM = "hl"; /* query parameter carrying the phrase to the result page (Material's "h" stays empty) */
  const FIRST_SCREEN = 10; /* result groups Material draws at once: once found, show them while the rest load */
  const BATCH = 16; /* text shards loaded at a time after those of the first screen */
  const SECTION_PAGES = 100; /* result pages listed with their sections; those further down, as pages */
  const STORAGE = "fanwenku-search-filters"; /* sessionStorage: the filter choice survives page loads */

  /* ---------------------------------------------------------------- folding and matching */

  const { fold, foldChar, MAY_CHANGE } = globalThis.fanwenkuSearchIndex; /* macros/search/index.js */
  const { decodeNumbers, decodePostings, fnv1a, termKeys } = globalThis.fanwenkuShards; /* macros/search/shards.js */

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
  let fetched = 0; /* index files loaded so far (the benchmark reads it from RESULT) */

  /* Load the missing ones of [name, path] at once; importScripts is synchronous in a Worker, a promise in the shim */
  async function load(entries) {
    const missing = entries.filter(([name]) => !files.has(name));
    if (!missing.length) return;
    await importScripts(...missing.map(([, path]) => new URL(path, ROOT).href));
    fetched += missing.length;
    for (const [name, path] of missing) if (!files.has(name)) throw new Error(`search: ${path} did not load`);
  }

  let manifestPath = null;
  let index = null;

  async function openIndex() {
    if (index) return index;
    if (!manifestPath) throw new Error("search: SETUP gave no fanwenku.manifest");
    await load([["manifest", manifestPath]]);
    const manifest = files.get("manifest");
    const format = globalThis.fanwenkuShards.FORMAT;
    if (manifest.format !== format) throw new Error(`search: manifest format ${manifest.format}, expected ${format}`);
    const sectionPage = new Int32Array(manifest.sections);
    let section = 0;
    decodeNumbers(manifest.pages).forEach((count, page) => {
      sectionPage.fill(page, section, section + count);
      section += count;
    });
    const starts = [];
    let at = 0;
    for (const step of decodeNumbers(manifest.textStarts)) {
      at += step;
      starts.push(at);
    }
    const sectionShard = new Int32Array(manifest.sections);
    starts.forEach((start, shard) => {
      sectionShard.fill(shard, start, starts[shard + 1] ?? manifest.sections);
    });
    const folder = manifestPath.slice(0, manifestPath.lastIndexOf("/") + 1);
    index = { manifest, groups: manifest.groups, sectionPage, sectionShard, starts, folder };
    return index;
  }

  const postingsCache = new Map();
  function postings(key) {
    let ids = postingsCache.get(key);
    if (!ids) {
      const shard = files.get(`k${fnv1a(key) % index.manifest.keys}`);
      ids = Object.hasOwn(shard, key) ? decodePostings(shard[key]) : new Int32Array(0);
      postingsCache.set(key, ids);
    }
    return ids;
  }

  function keyShard(key) {
    const i = fnv1a(key) % index.manifest.keys;
    return [`k${i}`, `${index.folder}k${i}.${index.manifest.version}.js`];
  }

  function textShard(i) {
    return [`t${i}`, `${index.folder}t${i}.${index.manifest.version}.js`];
  }

  function intersect(lists) {
    lists.sort((a, b) => a.length - b.length);
    let result = lists[0];
    for (const other of lists.slice(1)) {
      const kept = [];
      let j = 0;
      for (let i = 0; i < result.length && j < other.length; i++) {
        while (j < other.length && other[j] < result[i]) j++;
        if (other[j] === result[i]) kept.push(result[i]);
      }
      result = kept;
      if (!result.length) break;
    }
    return Array.from(result);
  }

  /* What a page is, from the text shard of any of its sections: address, title, kind, a bit mask per group */
  const pages = new Map();

  /* A section's record from its loaded text shard, with its folded fields (kept: later queries reuse them) */
  const sectionCache = new Map();
  function section(id) {
    let value = sectionCache.get(id);
    if (!value) {
      const shard = index.sectionShard[id];
      const data = files.get(`t${shard}`);
      const [title = "", fragment = "", text = "", note = ""] = data.s[id - index.starts[shard]];
      const page = index.sectionPage[id];
      if (!pages.has(page)) {
        const [url, pageTitle, kind, ...masks] = data.p[page];
        pages.set(page, { url, title: pageTitle, kind, masks });
      }
      const { url, title: pageTitle } = pages.get(page);
      value = { id, page, url, pageTitle, title, fragment, text, note };
      value.foldedTitle = foldAligned(title);
      value.foldedText = foldAligned(text);
      value.foldedNote = foldAligned(note);
      sectionCache.set(id, value);
    }
    return value;
  }

  /* ---------------------------------------------------------------- worker: filters */

  let filters = []; /* per group: the chosen value indexes */

  function pageValues(page, g) {
    const about = pages.get(page);
    if (g === 0) return [about.kind];
    const mask = about.masks[g - 1] || 0;
    const values = [];
    for (let v = 0; mask >> v; v++) if ((mask >> v) & 1) values.push(v);
    return values;
  }

  /* The groups whose chosen values this page has none of */
  function failing(page) {
    const failed = [];
    if (!filters.some((chosen) => chosen?.length)) return failed;
    for (let g = 0; g < index.groups.length; g++) {
      const chosen = filters[g];
      if (chosen?.length && !pageValues(page, g).some((v) => chosen.includes(v))) failed.push(g);
    }
    return failed;
  }

  /* ---------------------------------------------------------------- worker: search */

  /* The check that makes results exact: every term in the title, the text or the annotation text */
  function confirm(id, needles) {
    const s = section(id);
    let inTitle = false;
    for (const needle of needles) {
      if (s.foldedTitle.folded.includes(needle)) inTitle = true;
      else if (!s.foldedText.folded.includes(needle) && !s.foldedNote.folded.includes(needle)) return null;
    }
    const inText = needles.some((needle) => s.foldedText.folded.includes(needle));
    const count = occurrences(s.foldedTitle.folded, needles) + occurrences(s.foldedText.folded, needles);
    return {
      section: s,
      inTitle,
      original: inTitle || inText,
      count: count + occurrences(s.foldedNote.folded, needles),
    };
  }

  function occurrences(haystack, needles) {
    let count = 0;
    for (const needle of needles) {
      for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
    }
    return count;
  }

  /* Where the terms are in a hit's fields, for its snippet: only for the results shown first (see results) */
  function locate(hit, needles) {
    const s = hit.section;
    hit.titleRanges = ranges(s.title, needles, s.foldedTitle);
    hit.textRanges = ranges(s.text, needles, s.foldedText);
    hit.noteRanges = ranges(s.note, needles, s.foldedNote);
    return hit;
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

  /* Where a page ranks: original text of samples, templates, the phrase bank, annotation-only hits, other pages */
  function tier(page, hits) {
    const kind = pages.get(page).kind;
    if (kind === 0) return hits.some((hit) => hit.original) ? 0 : 3;
    return kind === 1 ? 1 : kind === 2 ? 2 : 4;
  }

  /* Material's items (one array per page: the page, then its sections) and the counts per filter value */
  function results(hits, needles, done) {
    const byPage = new Map();
    for (const hit of hits) {
      const page = hit.section.page;
      if (!byPage.has(page)) byPage.set(page, []);
      byPage.get(page).push(hit);
    }
    const counts = index.groups.map(([, values]) => values.map(() => 0));
    const shown = [];
    for (const [page, pageHits] of byPage) {
      const failed = failing(page);
      if (failed.length > 1) continue;
      for (let g = 0; g < counts.length; g++) {
        if (failed.length && failed[0] !== g) continue;
        for (const v of pageValues(page, g)) counts[g][v]++;
      }
      if (failed.length) continue;
      shown.push({
        page,
        hits: pageHits,
        tier: tier(page, pageHits),
        inTitle: pageHits.some((hit) => hit.inTitle),
        count: pageHits.reduce((sum, hit) => sum + hit.count, 0),
      });
    }
    shown.sort((a, b) => a.tier - b.tier || b.inTitle - a.inTitle || b.count - a.count || a.page - b.page);

    /* Material shows a page's sections that score at least its first item's score: the page gets the lowest.
       The first SECTION_PAGES pages list their sections with snippets (Material draws ten groups, then four more at
       each scroll); pages further down are one item each that says how many of its sections hold the phrase: a
       phrase found in thousands of sections is answered without building, sending and parsing thousands of items. */
    const items = shown.map(({ page, hits: pageHits }, rank) => {
      const first = pageHits[0].section;
      const article = {
        location: link(first.url, needles),
        title: escapeHTML(first.pageTitle),
        text: "",
        score: 1,
        terms: {},
      };
      const tags = pageTags(page);
      if (tags.length) article.tags = tags;
      if (rank >= SECTION_PAGES) {
        const count = pageHits.length;
        article.text = `<p class="fw-search-sections" data-sections="${count}">本页有 ${count} 节含有所查内容</p>`;
        return [article];
      }
      pageHits.sort((a, b) => b.original - a.original || b.inTitle - a.inTitle || a.section.id - b.section.id);
      return [
        article,
        ...pageHits.map((hit) => ({
          location: link(first.url, needles, hit.section.fragment),
          title: markRanges(hit.section.title, ranges(hit.section.title, needles, hit.section.foldedTitle)),
          text: sectionText(locate(hit, needles)),
          score: hit.inTitle ? 2 : 1,
          terms: {},
        })),
      ];
    });
    return { items, counts, done };
  }

  /* What a page is, shown under its title: 范文 · 文种 · 层级 (and the same for a template) */
  function pageTags(page) {
    const about = pages.get(page);
    if (!about.tags) {
      const kind = about.kind;
      const tags = kind > 1 ? (kind === 2 ? [index.groups[0][1][kind]] : []) : [index.groups[0][1][kind]];
      for (let g = 1; kind <= 1 && g < index.groups.length; g++) {
        if (index.groups[g][0] === "行业") continue;
        for (const v of pageValues(page, g)) tags.push(index.groups[g][1][v]);
      }
      about.tags = tags.map(escapeHTML);
    }
    return about.tags;
  }

  let generation = 0;
  let current = "";
  let queue = Promise.resolve();

  function answer(query, data) {
    const groups = index ? index.groups : null;
    data.fanwenku = { query, groups, counts: data.counts || [], done: data.done !== false, fetched, filters };
    delete data.counts;
    delete data.done;
    postMessage({ type: RESULT, data });
  }

  /* Run a query; a newer one (or a new filter choice) makes it stop at its next pause */
  async function run(query, mine) {
    const needles = terms(query);
    if (!needles.length) return answer(query, { items: [] });
    await openIndex();
    if (mine !== generation) return;
    const keys = [...new Set(needles.flatMap(termKeys))];
    await load([...new Map(keys.map(keyShard)).entries()]);
    if (mine !== generation) return;
    const candidates = intersect(keys.map(postings));
    const shards = [...new Set(candidates.map((id) => index.sectionShard[id]))];
    const hits = [];
    const found = new Set(); /* pages with a confirmed hit */
    let next = 0;
    let shownEarly = false;
    for (let at = 0; at < shards.length; ) {
      const size = shownEarly ? BATCH : screenful(candidates, next, shards, at, FIRST_SCREEN - found.size);
      const batch = shards.slice(at, at + size);
      at += batch.length;
      /* Loading happens on a cold worker only; once everything is here the query runs in one go */
      const loading = batch.some((shard) => !files.has(`t${shard}`));
      if (loading) {
        await load(batch.map(textShard));
        if (mine !== generation) return;
      }
      const last = batch[batch.length - 1];
      for (; next < candidates.length && index.sectionShard[candidates[next]] <= last; next++) {
        const hit = confirm(candidates[next], needles);
        if (hit) {
          hits.push(hit);
          found.add(hit.section.page);
        }
      }
      if (loading && at < shards.length) {
        /* Show the first screen while the rest loads; then let a newer query in */
        if (!shownEarly && found.size >= FIRST_SCREEN) {
          answer(query, results(hits, needles, false));
          shownEarly = true;
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (mine !== generation) return;
      }
    }
    answer(query, results(hits, needles, true));
  }

  /* How many of the text shards from shards[at] hold the next candidates (from candidates[next]) of `wanted` more
     result pages, and two more for candidates that are not matches: loaded first, they fill the first screen */
  function screenful(candidates, next, shards, at, wanted) {
    const seen = new Set();
    for (let i = next; i < candidates.length; i++) {
      seen.add(index.sectionPage[candidates[i]]);
      if (seen.size >= wanted + 2) return Math.max(1, shards.indexOf(index.sectionShard[candidates[i]], at) - at + 1);
    }
    return shards.length - at;
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
            if (event.data && event.data.type === RESULT && event.data.data.fanwenku) show(event.data.data.fanwenku);
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

    window.fanwenkuSearchFilters = {
      get state() {
        return last;
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
