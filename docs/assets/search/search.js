/*
 * 范文库 exact phrase search. One file, two roles:
 * - as the search worker (Material's UI starts it from the "search" URL in #__config): it speaks the
 *   message protocol of Material for MkDocs 9.8 (SETUP -> READY, QUERY -> RESULT; see
 *   src/templates/assets/javascripts/integrations/search/worker/message in Material's sources) and finds
 *   every section that holds each query term as an exact substring;
 * - as a page script (loaded after Material's bundle): it marks the searched phrase on the page a result
 *   leads to, whole, Chinese punctuation included, which Material's own highlighter splits apart.
 * Text is compared folded: each character NFKC-normalised and lower-cased on its own (macros/search_index.py
 * `fold` does the same for the tests). Everything shown is HTML-escaped before <mark> tags are added.
 * The build publishes this file as assets/search/search.<hash>.js (macros/build/plugin.py).
 */
;(function () {
  "use strict"

  /* Material's SearchMessageType, in order; tests/test_search.py checks them against the installed bundle */
  const SETUP = 0
  const READY = 1
  const QUERY = 2
  const RESULT = 3

  const CONTEXT = 30 /* characters of context on each side of a match in a snippet */
  const FRAGMENTS = 6 /* snippet fragments shown per section; further matches are counted */
  const PREVIEW = 60 /* characters of text shown under a section that matched in its title only */
  const PARAM = "hl" /* query parameter carrying the phrase to the result page (Material's "h" stays empty) */

  /* ---------------------------------------------------------------- folding and matching */

  const folded = new Map()
  function foldChar(char) {
    let value = folded.get(char)
    if (value === undefined) {
      value = char.normalize("NFKC").toLowerCase()
      folded.set(char, value)
    }
    return value
  }

  /* Folding leaves ASCII other than capitals and the main CJK block alone; only other runs need work */
  const MAY_CHANGE = /[^\u0000-\u0040\u005b-\u007f\u4e00-\u9fff]+/g

  /* Folded text, and whether every character kept its length (then positions carry over unchanged) */
  function foldAligned(text) {
    let aligned = true
    const folded = text.replace(MAY_CHANGE, run => {
      let out = ""
      for (const char of run) {
        const value = foldChar(char)
        if (value.length !== char.length) aligned = false
        out += value
      }
      return out
    })
    return { folded, aligned }
  }

  function fold(text) {
    return foldAligned(text).folded
  }

  /* Folded text plus, for each folded code unit, where the original character it came from starts and ends */
  function foldWithMap(text) {
    const starts = []
    const ends = []
    let out = ""
    let at = 0
    for (const char of text) {
      const value = foldChar(char)
      for (let k = 0; k < value.length; k++) {
        starts.push(at)
        ends.push(at + char.length)
      }
      out += value
      at += char.length
    }
    return { text: out, starts, ends }
  }

  /* The distinct terms of a query: folded, split at whitespace */
  function terms(query) {
    return [...new Set(fold(String(query)).split(/\s+/).filter(Boolean))]
  }

  /* Sorted, merged [start, end) ranges of the original text where any term occurs */
  function ranges(text, needles, known) {
    const { folded, aligned } = known || foldAligned(text)
    const map = aligned ? null : foldWithMap(text)
    const found = []
    for (const needle of needles)
      for (let i = folded.indexOf(needle); i !== -1; i = folded.indexOf(needle, i + 1)) {
        const last = i + needle.length - 1
        found.push(map ? [map.starts[i], map.ends[last]] : [i, last + 1])
      }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1])
    const merged = []
    for (const [start, end] of found) {
      const last = merged[merged.length - 1]
      if (last && start <= last[1]) last[1] = Math.max(last[1], end)
      else merged.push([start, end])
    }
    return merged
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)
  }

  /* text[from, to) escaped, with the given ranges wrapped in <mark> */
  function markRanges(text, found, from = 0, to = text.length) {
    let html = ""
    let at = from
    for (const [start, end] of found) {
      if (end <= from || start >= to) continue
      html += escapeHTML(text.slice(at, start)) + "<mark>" + escapeHTML(text.slice(start, end)) + "</mark>"
      at = end
    }
    return html + escapeHTML(text.slice(at, to))
  }

  /* Do not cut a surrogate pair in two */
  function clamp(text, i) {
    const code = text.charCodeAt(i)
    return i > 0 && i < text.length && code >= 0xdc00 && code <= 0xdfff ? i - 1 : i
  }

  /* Fragments of context around every match, each match marked */
  function snippet(text, found) {
    const windows = []
    for (const [start, end] of found) {
      const from = clamp(text, Math.max(0, start - CONTEXT))
      const to = clamp(text, Math.min(text.length, end + CONTEXT))
      const last = windows[windows.length - 1]
      if (last && from <= last[1]) last[1] = Math.max(last[1], to)
      else windows.push([from, to])
    }
    const shown = windows.slice(0, FRAGMENTS)
    let html = shown
      .map(([from, to]) => (from > 0 ? "…" : "") + markRanges(text, found, from, to) + (to < text.length ? "…" : ""))
      .join(" ")
    const hidden = found.filter(([start]) => start >= shown[shown.length - 1][1]).length
    if (hidden) html += ` <small>（本节另有 ${hidden} 处）</small>`
    return html.replace(/\s*\n\s*/g, " ")
  }

  /* ---------------------------------------------------------------- worker: index and search */

  const BLOCK_TAG = /<\/?(?:p|li|ol|ul|pre)>/g
  const ENTITY = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" }

  /* Material's index holds escaped HTML with a few kept tags; blocks become line breaks */
  function plain(html) {
    return String(html || "")
      .replace(BLOCK_TAG, "\n")
      .replace(/<[^>]*>/g, "")
      .replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => ENTITY[name])
      .trim()
  }

  let sections = []
  let pages = new Map()

  /* Runs in the worker's own thread as soon as Material hands over the index, so the page never waits */
  function setup(docs) {
    sections = []
    pages = new Map()
    for (const doc of docs) {
      const location = String(doc.location)
      const hash = location.indexOf("#")
      const page = hash === -1 ? location : location.slice(0, hash)
      const title = plain(doc.title)
      const text = plain(doc.text)
      if (hash === -1 && !pages.has(page)) pages.set(page, title)
      sections.push({
        page,
        fragment: hash === -1 ? "" : location.slice(hash + 1),
        title,
        text,
        foldedTitle: foldAligned(title),
        foldedText: foldAligned(text),
      })
    }
  }

  function link(page, needles, fragment) {
    const url = `${page}?${PARAM}=${encodeURIComponent(needles.join(" "))}`
    return fragment === undefined ? url : `${url}#${fragment}`
  }

  function search(query) {
    const needles = terms(query)
    if (!needles.length) return { items: [] }

    /* Sections holding every term, in its title or its text, grouped by page */
    const groups = new Map()
    for (const section of sections) {
      let inTitle = false
      let all = true
      for (const needle of needles) {
        if (section.foldedTitle.folded.includes(needle)) inTitle = true
        else if (!section.foldedText.folded.includes(needle)) {
          all = false
          break
        }
      }
      if (!all) continue
      const titleRanges = ranges(section.title, needles, section.foldedTitle)
      const textRanges = ranges(section.text, needles, section.foldedText)
      const hit = { section, inTitle, titleRanges, textRanges, count: titleRanges.length + textRanges.length }
      if (!groups.has(section.page)) groups.set(section.page, [])
      groups.get(section.page).push(hit)
    }

    /* Pages with a title hit first, then by number of matches; inside a page title hits first */
    const ordered = [...groups.entries()].map(([page, hits], order) => ({
      page,
      hits: hits.sort((a, b) => b.inTitle - a.inTitle),
      inTitle: hits.some(hit => hit.inTitle),
      count: hits.reduce((sum, hit) => sum + hit.count, 0),
      order,
    }))
    ordered.sort((a, b) => b.inTitle - a.inTitle || b.count - a.count || a.order - b.order)

    /* Material renders each group as its page (the item without "#") followed by its sections; sections
       scoring at least the first item's score are shown open, so the page gets the lowest score in its group */
    const items = ordered.map(({ page, hits }) => {
      const lowest = Math.min(...hits.map(hit => (hit.inTitle ? 2 : 1)))
      const pageTitle = pages.has(page) ? pages.get(page) : hits[0].section.title
      const article = { location: link(page, needles), title: escapeHTML(pageTitle), text: "", score: lowest, terms: {} }
      return [
        article,
        ...hits.map(({ section, inTitle, titleRanges, textRanges }) => ({
          location: link(page, needles, section.fragment),
          title: markRanges(section.title, titleRanges),
          text: textRanges.length
            ? `<p>${snippet(section.text, textRanges)}</p>`
            : section.text
              ? `<p>${escapeHTML(section.text.slice(0, clamp(section.text, PREVIEW)))}${section.text.length > PREVIEW ? "…" : ""}</p>`
              : "",
          score: inTitle ? 2 : 1,
          terms: {},
        })),
      ]
    })
    return { items }
  }

  function startWorker() {
    addEventListener("message", event => {
      const message = event.data
      switch (message.type) {
        case SETUP:
          setup(message.data.docs)
          postMessage({ type: READY })
          break
        case QUERY: {
          let data
          try {
            data = search(message.data)
          } catch (error) {
            console.warn(error)
            data = { items: [] }
          }
          postMessage({ type: RESULT, data })
          break
        }
        default:
          throw new TypeError("Invalid message type")
      }
    })
  }

  /* ---------------------------------------------------------------- page: highlight the phrase */

  const SKIP = "script, style, [data-search-exclude], .headerlink, mark[data-md-highlight]"
  const BLOCKS = "p, li, dt, dd, td, th, h1, h2, h3, h4, h5, h6, pre, blockquote, figcaption, summary, div, article"

  function highlight(root, needles) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: node => (node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    })
    const runs = []
    let block = null
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement.closest(BLOCKS)
      if (parent !== block || !runs.length) runs.push([])
      block = parent
      runs[runs.length - 1].push(node)
    }
    let count = 0
    for (const nodes of runs) {
      const starts = []
      let text = ""
      for (const node of nodes) {
        starts.push(text.length)
        text += node.data
      }
      const found = ranges(text, needles)
      count += found.length
      /* From the last match backwards, so that splitting a text node keeps earlier offsets valid */
      for (const [start, end] of found.reverse())
        for (let k = nodes.length - 1; k >= 0; k--) {
          const from = Math.max(start, starts[k]) - starts[k]
          const to = Math.min(end, starts[k] + nodes[k].data.length) - starts[k]
          if (from >= to) continue
          const range = document.createRange()
          range.setStart(nodes[k], from)
          range.setEnd(nodes[k], to)
          const mark = document.createElement("mark")
          mark.setAttribute("data-md-highlight", "")
          range.surroundContents(mark)
        }
    }
    return count
  }

  /* Undo earlier marks, then mark the terms of the given URL's parameter */
  function highlightPage(url) {
    const root = document.querySelector("article.md-content__inner")
    if (!root) return
    for (const mark of root.querySelectorAll("mark[data-md-highlight]")) {
      const parent = mark.parentNode
      mark.replaceWith(...mark.childNodes)
      parent.normalize()
    }
    const needles = terms(url.searchParams.get(PARAM) || "")
    if (needles.length) highlight(root, needles)
  }

  function startPage(config) {
    if (!(config.features || []).includes("search.highlight")) return
    /* Material announces every page it shows on document$, the first one too */
    if (typeof document$ === "undefined") highlightPage(new URL(location.href))
    else document$.subscribe(() => highlightPage(new URL(location.href)))
    /* A result on the page already shown loads nothing (instant navigation), and for a link to the part
       already in view Material even takes the new address back out of the history: mark from the link */
    document.addEventListener("click", event => {
      const link = event.target instanceof Element && event.target.closest(".md-search-result__link")
      if (!link) return
      const url = new URL(link.href)
      if (url.pathname === location.pathname) highlightPage(url)
    })
  }

  /* ---------------------------------------------------------------- which role */

  const config = typeof document !== "undefined" && document.getElementById("__config")
  if (config) startPage(JSON.parse(config.textContent))
  else startWorker()
})()
