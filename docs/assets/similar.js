/* 范文库 同类写法 on a sample page: under each paragraph, on request, the most similar paragraphs of other documents.
 *
 * The page carries only where its data is (.fw-similar-data, macros/similar/publish.py): the first click on a
 * paragraph's button fetches the part of the page's data that holds it, a script that calls fanwenkuSimilarFile
 * (so it loads from file:// too). Each neighbour is shown with the wording it shares with the paragraph marked (pairs
 * of compared characters, folded as the search folds them), its document, 文种, 层级 and year, a link to the paragraph,
 * and 近乎相同 / 另有 N 处相同 where they apply. Everything from the data is set as text, never parsed as HTML.
 * Runs on every page Material's instant navigation shows; running it again changes nothing.
 */
(() => {
  const EXCERPT = 120; // characters of a neighbour shown around the wording it shares

  window.fanwenkuSimilarParts = window.fanwenkuSimilarParts || {};
  window.fanwenkuSimilarFile = (name, data) => {
    window.fanwenkuSimilarParts[name] = data;
  };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  const loadPart = (src) => window.fanwenkuLoadScript(src);

  /* A paragraph's own text: without its number, its buttons and notes */
  function textOf(paragraph) {
    const copy = paragraph.cloneNode(true);
    copy.querySelectorAll(".fw-pnum, button, .fw-sim, [data-search-exclude]").forEach((node) => {
      node.remove();
    });
    return copy.textContent.trim();
  }

  /* [character, position] of the characters compared in text, folded (macros/similar/neighbours.py key_text) */
  function keyChars(text, notKey) {
    const fold = window.fanwenkuSearchIndex
      ? window.fanwenkuSearchIndex.fold
      : (t) => t.normalize("NFKC").toLowerCase();
    const out = [];
    let at = 0;
    for (const char of text) {
      const folded = fold(char);
      if (!notKey.test(folded) && folded.length) {
        out.push([folded, at]);
      }
      at++;
    }
    return out;
  }

  /* The positions (code points) of text's characters that belong to a pair the paragraph has too */
  function shared(text, pairs, notKey) {
    const chars = keyChars(text, notKey);
    const marked = new Set();
    for (let k = 1; k < chars.length; k++) {
      if (pairs.has(chars[k - 1][0] + chars[k][0])) {
        marked.add(chars[k - 1][1]);
        marked.add(chars[k][1]);
      }
    }
    return marked;
  }

  /* The neighbour's text around its shared wording (at most EXCERPT characters), marked */
  function excerpt(text, marked) {
    const chars = Array.from(text);
    let from = 0;
    if (chars.length > EXCERPT) {
      let best = -1;
      let count = 0;
      for (let i = 0; i < chars.length; i++) {
        count += marked.has(i) ? 1 : 0;
        if (i >= EXCERPT) {
          count -= marked.has(i - EXCERPT) ? 1 : 0;
        }
        if (i >= EXCERPT - 1 && count > best) {
          best = count;
          from = i - EXCERPT + 1;
        }
      }
    }
    const to = Math.min(chars.length, from + EXCERPT);
    const out = el("p", "fw-sim-text");
    if (from > 0) {
      out.appendChild(document.createTextNode("…"));
    }
    let run = "";
    let inMark = false;
    const flush = () => {
      if (run) {
        out.appendChild(inMark ? el("mark", "", run) : document.createTextNode(run));
      }
      run = "";
    };
    for (let i = from; i < to; i++) {
      if (marked.has(i) !== inMark) {
        flush();
        inMark = marked.has(i);
      }
      run += chars[i];
    }
    flush();
    if (to < chars.length) {
      out.appendChild(document.createTextNode("…"));
    }
    return out;
  }

  /* One similar passage: its text around the shared wording, then where it is (doc: [title, address, 文种, 层级,
     年代]) and whether it is the same or nearly */
  function item(text, marked, doc, paragraph, root, near, identical, copies) {
    const [title, address, kind, level, year] = doc;
    const entry = el("li", "fw-sim-item");
    entry.appendChild(excerpt(text, marked));
    const meta = el("p", "fw-sim-meta");
    const link = el("a", "", `《${title}》第 ${paragraph} 段`);
    link.href = new URL(`${address}#p${paragraph}`, root).href;
    meta.appendChild(link);
    const about = [kind, level, year].filter(Boolean).join(" · ");
    if (about) {
      meta.appendChild(document.createTextNode(` · ${about}`));
    }
    if (identical || near) {
      meta.appendChild(el("span", "fw-sim-near", identical ? "相同" : "近乎相同"));
    }
    if (copies) {
      meta.appendChild(el("span", "fw-sim-copies", `另有 ${copies} 处相同`));
    }
    entry.appendChild(meta);
    return entry;
  }

  /* The pairs of compared characters of a text (its wording, for marking what another text shares) */
  function pairsOf(text, notKey) {
    const pairs = new Set();
    const chars = keyChars(text, notKey);
    for (let k = 1; k < chars.length; k++) {
      pairs.add(chars[k - 1][0] + chars[k][0]);
    }
    return pairs;
  }

  function render(panel, data, number, paragraphText, root) {
    panel.textContent = "";
    const entries = data.p[String(number)] || [];
    if (!entries.length) {
      panel.appendChild(el("p", "fw-sim-none", "库里其他文稿中没有写法相近的段落（库里的文稿越多，找到的越多）。"));
      return;
    }
    const notKey = new RegExp(data.notKey, "u");
    const pairs = pairsOf(paragraphText, notKey);
    const list = el("ol", "fw-sim-list");
    entries.forEach(([slug, paragraph, textIndex, _score, near, identical, copies]) => {
      const text = data.texts[textIndex];
      list.appendChild(
        item(text, shared(text, pairs, notKey), data.docs[slug], paragraph, root, near, identical, copies),
      );
    });
    panel.appendChild(list);
  }

  // "2,4-6,9" -> {2, 4, 5, 6, 9}: the paragraphs the build found similar passages for.
  function numbers(ranges) {
    const found = new Set();
    for (const run of (ranges || "").split(",")) {
      const [first, last] = run.split("-").map(Number);
      for (let n = first; n <= (last || first); n++) {
        found.add(n);
      }
    }
    return found;
  }

  function setup() {
    const holder = document.querySelector(".fw-similar-data");
    if (!holder || holder.hasAttribute("data-fw-ready")) {
      return;
    }
    holder.setAttribute("data-fw-ready", "");
    const first = new URL(holder.getAttribute("data-fw-similar"), location.href);
    const root = new URL("../../", first); // the data sits at similar/<version>/<slug>-<k>.js under the site root
    const chunk = Number(holder.getAttribute("data-fw-similar-chunk"));
    const listed = numbers(holder.getAttribute("data-fw-similar-listed"));
    document.querySelectorAll("article p.fw-p[id^='p']").forEach((paragraph) => {
      const number = Number(paragraph.id.slice(1));
      if (!listed.has(number)) {
        return; // a button only where there is something to show
      }
      const text = textOf(paragraph);
      const button = el("button", "fw-sim-button", "同类写法");
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", `${paragraph.id}-sim`);
      button.setAttribute("aria-label", `第${number}段的同类写法`);
      button.setAttribute("data-search-exclude", "");
      const panel = el("div", "fw-sim");
      panel.id = `${paragraph.id}-sim`;
      panel.hidden = true;
      panel.setAttribute("data-search-exclude", "");
      paragraph.appendChild(button);
      paragraph.after(panel);
      button.addEventListener("click", () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        panel.hidden = !open;
        if (!open || panel.hasAttribute("data-fw-loaded")) {
          return;
        }
        panel.textContent = "正在查找……";
        const part = Math.floor((number - 1) / chunk);
        const src = first.href.replace(/-0\.js$/, `-${part}.js`);
        loadPart(src).then(
          () => {
            const name = src.split("/").pop().replace(/\.js$/, "");
            render(panel, window.fanwenkuSimilarParts[name], number, text, root);
            panel.setAttribute("data-fw-loaded", "");
          },
          () => {
            panel.textContent = "同类写法的数据没有载入：请刷新页面再试。";
          },
        );
      });
    });
  }

  // For the 体检 page's look-up of a whole draft (docs/assets/checker/similar-draft.js): the same files and look
  window.fanwenkuSimilarView = { el: el, loadPart: loadPart, pairsOf: pairsOf, shared: shared, item: item };
  window.fanwenkuOnPage(setup);
})();
