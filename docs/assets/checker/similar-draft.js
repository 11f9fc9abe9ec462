/* 范文库 公文体检: 同类写法 for a whole draft. On request, each paragraph of the draft (long enough to compare) is
 * looked up in the library's sketches (macros/similar/sketch.py; fanwenkuSketch, its twin, is published in front of
 * this script): the common-pair filter, then the sketch shards of every paragraph's look-ups, then the texts found,
 * each a small script under similar/<version>/draft/ loaded as similar.js loads its parts (so file:// works too).
 * A text found is listed when it is a near-copy of the paragraph or close enough (SHOWN), near-copies first, with
 * the wording it shares marked. Everything from the data and the draft is set as text, never parsed as HTML.
 */
(() => {
  const PY = globalThis.fanwenkuPython["similar/sketch"];

  // An element with its class and text (similar.js's, which this script builds on)
  const el = (tag, className, text) => window.fanwenkuSimilarView.el(tag, className, text);

  /* [line number, text] of each paragraph long enough to compare, as macros/similar/cli.py takes them */
  function paragraphs(draft) {
    const out = [];
    draft.split("\n").forEach((line, index) => {
      const text = line.trim();
      if (Array.from(text).length >= PY.MIN_CHARS) {
        out.push([index + 1, text]);
      }
    });
    return out;
  }

  function bytesOf(base64) {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  async function lookUp(draft, folder, count) {
    const sketch = globalThis.fanwenkuSketch;
    const view = window.fanwenkuSimilarView;
    const files = window.fanwenkuSimilarParts;
    const load = (names) => Promise.all(names.map((name) => view.loadPart(new URL(`${name}.js`, folder).href)));
    const asked = paragraphs(draft);
    const shown = asked.slice(0, PY.MAX_PARAGRAPHS);
    await load(["b"]);
    const bloom = bytesOf(files.b);
    const looked = shown.map(([, text]) => sketch.lookedUp(sketch.pairHashes(text), bloom));
    const shardNames = Array.from(new Set(looked.flat().map((value) => sketch.shardName(value, count))));
    await load(shardNames);
    const shards = Object.fromEntries(shardNames.map((name) => [name, files[name]]));
    const found = looked.map((values) => sketch.candidates(values, shards, count));
    await load(Array.from(new Set(found.flat().map(([textId]) => sketch.textFile(textId)))));
    const results = shown.map(([line, text], i) => {
      const entries = found[i]
        .map(([textId]) => {
          const data = files[sketch.textFile(textId)];
          const [slug, number, other, copies] = data.t[textId % PY.TEXTS_PER_FILE];
          const score = sketch.scorePairs(text, other);
          const cosine = score.shared / Math.sqrt(score.mine * score.theirs || 1);
          return { slug, number, other, copies, doc: data.docs[slug], cosine, ...score };
        })
        .filter((entry) => entry.near || entry.cosine >= PY.SHOWN)
        .sort((a, b) => Number(b.near) - Number(a.near) || b.cosine - a.cosine);
      return { line, text, entries };
    });
    return { asked: asked.length, results };
  }

  function render(list, status, outcome, root) {
    const view = window.fanwenkuSimilarView;
    const notKey = new RegExp(PY.NOT_KEY, "u");
    list.textContent = "";
    let near = 0;
    let similar = 0;
    for (const { line, text, entries } of outcome.results) {
      if (!entries.length) {
        continue;
      }
      const first = entries[0];
      near += first.near ? 1 : 0;
      similar += first.near ? 0 : 1;
      const item = el("li", "fw-sim-draft-item");
      item.setAttribute("data-fw-line", String(line));
      const said = first.near
        ? `第 ${line} 行：本段与《${first.doc[0]}》第 ${first.number} 段${first.identical ? "相同" : "近乎相同"}`
        : `第 ${line} 行：库里有写法相近的段落`;
      item.appendChild(el("p", first.near ? "fw-sim-draft-said fw-sim-draft-said--near" : "fw-sim-draft-said", said));
      item.appendChild(el("p", "fw-sim-draft-own", text));
      const pairs = view.pairsOf(text, notKey);
      const others = el("ol", "fw-sim-list");
      for (const entry of entries) {
        const marked = view.shared(entry.other, pairs, notKey);
        others.appendChild(
          view.item(entry.other, marked, entry.doc, entry.number, root, entry.near, entry.identical, entry.copies),
        );
      }
      item.appendChild(others);
      list.appendChild(item);
    }
    const compared = outcome.results.length;
    const cut =
      outcome.asked > compared ? `（文稿有 ${outcome.asked} 段，只比对了前 ${compared} 段，其余的请分开比对）` : "";
    status.textContent =
      near || similar
        ? `比对了 ${compared} 段${cut}：${near} 段与库里的段落相同或近乎相同，${similar} 段有写法相近的段落。`
        : `比对了 ${compared} 段${cut}，库里没有相同、近乎相同或写法相近的段落。`;
  }

  function setup() {
    const holder = document.querySelector(".fw-similar-draft");
    const section = document.querySelector(".fw-ck-similar");
    const input = document.getElementById("fw-ck-input");
    if (!holder || !section || !input || section.hasAttribute("data-fw-ready")) {
      return;
    }
    section.setAttribute("data-fw-ready", "");
    section.hidden = false;
    let folderHref = holder.getAttribute("data-fw-similar-draft");
    folderHref += folderHref.endsWith("/") ? "" : "/";
    const folder = new URL(folderHref, location.href);
    const root = new URL("../../../", folder); // the files sit at similar/<version>/draft/ under the site root
    const count = Number(holder.getAttribute("data-fw-similar-shards"));
    const button = section.querySelector("[data-fw-sim-draft]");
    const status = section.querySelector(".fw-sim-draft-status");
    const list = section.querySelector(".fw-sim-draft-list");
    let asked = 0; // the latest request: an older one that finishes later is dropped
    let shown = 0; // look-ups drawn
    button.addEventListener("click", () => {
      const draft = input.value;
      list.textContent = "";
      if (!paragraphs(draft).length) {
        status.textContent = `文稿里没有够 ${PY.MIN_CHARS} 个字的段落可以比对：先把文稿粘贴到上面的框里。`;
        return;
      }
      const mine = ++asked;
      button.disabled = true;
      status.textContent = "正在比对……";
      lookUp(draft, folder, count)
        .then(
          (outcome) => {
            if (mine === asked && input.value === draft) {
              render(list, status, outcome, root);
              section.setAttribute("data-fw-sim-done", String(++shown)); // the tests wait for it
            }
          },
          () => {
            if (mine === asked) {
              status.textContent = "比对用的数据没有载入：请刷新页面再试。";
            }
          },
        )
        .finally(() => {
          button.disabled = false;
        });
    });
    // Results belong to the text they were found for: a changed draft (typed, or set by the page: a file opened, a
    // fix, 清空) clears them, and a look-up still running for the old text is dropped
    const changed = () => {
      asked++;
      button.disabled = false;
      list.textContent = "";
      status.textContent = "";
      section.removeAttribute("data-fw-sim-done");
    };
    input.addEventListener("input", changed);
    input.addEventListener("fw-ck-text", changed);
  }

  window.fanwenkuOnPage(setup);
})();
