/* 范文库: a checked .docx handed back as Word files, in the browser: the twin of annotate.py beside it.
 *
 *   fanwenkuWordNotes.comments(bytes, findings, date) -> Uint8Array: a copy with every finding as a comment (批注)
 *   fanwenkuWordNotes.fixes(bytes, findings, date) -> Uint8Array: a copy with every one-click fix as a tracked
 *     change (修订: w:del + w:ins)
 *
 * bytes: the .docx (Uint8Array or ArrayBuffer); findings: what fanwenkuChecker.check found in
 * fanwenkuDocxText(bytes).text; date: ISO 8601, the comments' and revisions' date. The same parts, byte for byte,
 * as annotate.py writes (tests/twins/ compares them): document.xml is walked as text in the reader's order and the
 * marks are spliced in where the flagged characters are; everything else stays as it was. Needs read.js (the
 * reader), the checker engine (its chosenFixes) and fflate, as the 体检 page loads them. Throws Error with .problem
 * and .fix, as read.js does.
 * Positions are counted in characters (code points), as in Python.
 */
(() => {
  const PY = globalThis.fanwenkuPython["word/annotate"];
  const WS = "[ \\t\\r\\n]";

  function fail(message, values) {
    const fill = (text) => text.replace(/\{(\w+)\}/g, (_m, key) => String(values[key]));
    const problem = fill(PY.MESSAGES[message][0]);
    const fix = fill(PY.MESSAGES[message][1]);
    const error = new Error(`${problem}修改方法：${fix}`);
    error.problem = problem;
    error.fix = fix;
    throw error;
  }

  // ------------------------------------------------------------ XML as text

  function escapeText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function escapeAttribute(text) {
    return escapeText(text).replace(/"/g, "&quot;");
  }

  const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

  function unescapeText(text) {
    return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, name) => {
      if (name.startsWith("#x")) {
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      }
      if (name.startsWith("#")) {
        return String.fromCodePoint(parseInt(name.slice(1), 10));
      }
      return NAMED[name];
    });
  }

  function element(name, start, openEnd, parent) {
    return {
      name: name,
      start: start,
      openEnd: openEnd,
      closeStart: openEnd,
      end: openEnd,
      parent: parent,
      children: [],
    };
  }

  const NAME = /[^ \t\r\n/>]+/y;

  /* The element tree of a part: names and offsets only (annotate.py parse). */
  function parse(xml) {
    const root = element("#document", 0, 0, null);
    root.closeStart = root.end = xml.length;
    let current = root;
    let i = xml.indexOf("<");
    while (i >= 0) {
      if (xml.startsWith("<?", i)) {
        i = xml.indexOf("?>", i) + 2;
      } else if (xml.startsWith("<!--", i)) {
        i = xml.indexOf("-->", i) + 3;
      } else if (xml.startsWith("<![CDATA[", i)) {
        i = xml.indexOf("]]>", i) + 3;
      } else if (xml.startsWith("<!", i)) {
        i = xml.indexOf(">", i) + 1;
      } else if (xml.startsWith("</", i)) {
        const end = xml.indexOf(">", i) + 1;
        current.closeStart = i;
        current.end = end;
        current = current.parent;
        i = end;
      } else {
        const end = tagEnd(xml, i);
        NAME.lastIndex = i + 1;
        const name = NAME.exec(xml)[0];
        const el = element(name, i, end, current);
        current.children.push(el);
        if (xml[end - 2] !== "/") {
          current = el;
        }
        i = end;
      }
      i = xml.indexOf("<", i);
    }
    return root;
  }

  function tagEnd(xml, i) {
    let quote = "";
    for (let j = i + 1; ; j++) {
      const c = xml[j];
      if (quote) {
        if (c === quote) {
          quote = "";
        }
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === ">") {
        return j + 1;
      }
    }
  }

  /* Namespace URI -> prefix, as the root's start tag declares them. */
  function namespaces(xml, root) {
    const top = root.children[0];
    const out = {};
    const declared = new RegExp(`xmlns(?::([^= \\t\\r\\n]+))?${WS}*=${WS}*"([^"]*)"`, "g");
    for (const m of xml.slice(top.start, top.openEnd).matchAll(declared)) {
      out[m[2]] = m[1] || "";
    }
    return out;
  }

  function quoteRegex(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function attribute(xml, el, name) {
    const m = new RegExp(`${WS}${quoteRegex(name)}${WS}*=${WS}*"([^"]*)"`).exec(xml.slice(el.start, el.openEnd));
    return m ? unescapeText(m[1]) : null;
  }

  function points(text) {
    return Array.from(text);
  }

  // ------------------------------------------------------------ the text as the reader reads it (annotate.py)

  function Walker(xml, root, hiddenStyles) {
    const spaces = namespaces(xml, root);
    this.xml = xml;
    this.w = PY.W in spaces ? spaces[PY.W] : null;
    this.mc = PY.MC in spaces ? spaces[PY.MC] : null;
    this.m = PY.M in spaces ? spaces[PY.M] : null;
    this.hiddenStyles = hiddenStyles;
    this.notes = 0;
    this.fields = 0;
    this.inField = new Set();
    this.boxes = [];
    this.paragraph = [];
    this.inBox = 0;
  }

  Walker.prototype.wLocal = function (el) {
    if (this.w === null) {
      return null;
    }
    if (this.w === "") {
      return el.name.indexOf(":") < 0 ? el.name : null;
    }
    return el.name.startsWith(`${this.w}:`) ? el.name.slice(this.w.length + 1) : null;
  };

  Walker.prototype.name = function (local) {
    return this.w ? `${this.w}:${local}` : local;
  };

  Walker.prototype.isChoice = function (el) {
    return this.mc !== null && el.name === `${this.mc}:AlternateContent`;
  };

  Walker.prototype.choice = function (el) {
    const chosen = el.children.find((c) => this.mc !== null && this.mc !== "" && c.name === `${this.mc}:Choice`);
    return chosen || el;
  };

  Walker.prototype.isFallback = function (el) {
    return Boolean(this.mc) && el.name === `${this.mc}:Fallback`;
  };

  Walker.prototype.blocks = function (container) {
    const out = [];
    for (const child of container.children) {
      const local = this.wLocal(child);
      if (local === "p") {
        out.push(...this.readParagraph(child));
      } else if (local === "tbl") {
        out.push(...this.table(child));
      } else if (PY.SKIP.indexOf(local) >= 0 || this.isFallback(child)) {
        // never shown
      } else if (this.isChoice(child)) {
        out.push(...this.blocks(this.choice(child)));
      } else {
        out.push(...this.blocks(child));
      }
    }
    return out;
  };

  Walker.prototype.readParagraph = function (p) {
    const para = { kind: "para", element: p, chars: [], sources: [], frozen: this.inBox > 0, anchor: null };
    if (this.inBox && this.paragraph.length) {
      const holder = this.paragraph[this.paragraph.length - 1];
      para.anchor = holder.anchor || holder;
    }
    this.boxes.push([]);
    this.paragraph.push(para);
    this.inline(p, para, p);
    this.paragraph.pop();
    const boxes = this.boxes.pop();
    return boxes.concat([para]);
  };

  Walker.prototype.table = function (tbl) {
    const rows = [];
    const empty = [];
    const val = this.name("val");
    for (const tr of this.rows(tbl)) {
      const cells = [];
      const blank = [];
      for (const tc of this.cells(tr)) {
        const tcpr = tc.children.find((c) => this.wLocal(c) === "tcPr");
        let span = null;
        let merge = null;
        if (tcpr) {
          for (const c of tcpr.children) {
            if (this.wLocal(c) === "gridSpan") {
              span = attribute(this.xml, c, val);
            } else if (this.wLocal(c) === "vMerge") {
              merge = attribute(this.xml, c, val) || "continue";
            }
          }
        }
        const parts = [];
        for (const block of this.blocks(tc)) {
          if (block.kind === "para") {
            parts.push(block);
          } else {
            block.rows.forEach((row) => {
              parts.push(row.map((cell) => cellText(cell)).join("\t"));
            });
          }
        }
        cells.push(parts);
        blank.push(merge === "continue");
        const trimmed = span === null ? "" : span.replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, "");
        const extra = /^[0-9]+$/.test(trimmed) && parseInt(trimmed, 10) > 1 ? parseInt(trimmed, 10) - 1 : 0;
        for (let k = 0; k < extra; k++) {
          cells.push([]);
          blank.push(true);
        }
      }
      rows.push(cells);
      empty.push(blank);
    }
    const width = rows.reduce((most, r) => Math.max(most, r.length), 0);
    rows.forEach((cells, n) => {
      while (cells.length < width) {
        cells.push([]);
      }
      while (empty[n].length < width) {
        empty[n].push(true);
      }
    });
    return rows.length ? [{ kind: "table", rows: rows, empty: empty }] : [];
  };

  function cellText(cell) {
    return cell.map((part) => (typeof part === "string" ? part : part.chars.join(""))).join("\n");
  }

  Walker.prototype.rows = function (tbl) {
    let out = [];
    for (const child of tbl.children) {
      const local = this.wLocal(child);
      if (local === "tr") {
        out.push(child);
      } else if (["sdt", "sdtContent", "customXml", "ins"].indexOf(local) >= 0) {
        out = out.concat(this.rows(child));
      }
    }
    return out;
  };

  Walker.prototype.cells = function (tr) {
    let out = [];
    for (const child of tr.children) {
      const local = this.wLocal(child);
      if (local === "tc") {
        out.push(child);
      } else if (["sdt", "sdtContent", "customXml"].indexOf(local) >= 0) {
        out = out.concat(this.cells(child));
      }
    }
    return out;
  };

  Walker.prototype.inline = function (node, para, run) {
    for (const child of node.children) {
      const local = this.wLocal(child);
      if (local === "fldChar") {
        const kind = attribute(this.xml, child, this.name("fldCharType"));
        if (kind === "begin") {
          this.fields++;
        } else if (kind === "end" && this.fields > 0) {
          this.fields--;
        }
        this.inField.add(run);
        continue;
      }
      if (PY.SKIP.indexOf(local) >= 0) {
        continue;
      }
      if (local === "t" || (this.m !== null && child.name === `${this.m}:t`)) {
        const text =
          child.closeStart > child.openEnd ? unescapeText(this.xml.slice(child.openEnd, child.closeStart)) : "";
        const math = local !== "t";
        points(text).forEach((c, k) => {
          para.chars.push(c);
          para.sources.push(math ? null : [child, k]);
        });
      } else if (local !== null && Object.hasOwn(PY.CHARACTERS, local)) {
        points(PY.CHARACTERS[local]).forEach((c) => {
          para.chars.push(c);
          para.sources.push(null);
        });
      } else if (local === "r") {
        if (this.hidden(child)) {
          continue;
        }
        if (this.fields) {
          this.inField.add(child);
        }
        this.inline(child, para, child);
      } else if (local === "sym") {
        const code = attribute(this.xml, child, this.name("char")) || "";
        const value = code && /^[0-9a-fA-F]+$/.test(code) ? parseInt(code, 16) : 0;
        if (value >= 0x20 && value < 0xd800) {
          para.chars.push(String.fromCodePoint(value));
          para.sources.push(null);
        }
      } else if (local === "footnoteReference" || local === "endnoteReference") {
        const custom = attribute(this.xml, child, this.name("customMarkFollows"));
        if (custom === "1" || custom === "true" || custom === "on") {
          continue;
        }
        this.notes++;
        points(PY.NOTE_MARK.replace("{n}", String(this.notes))).forEach((c) => {
          para.chars.push(c);
          para.sources.push(null);
        });
      } else if (this.isChoice(child)) {
        this.inline(this.choice(child), para, run);
      } else if (this.mc !== null && child.name === `${this.mc}:Fallback`) {
        // the same drawing again: read once
      } else if (local === "txbxContent") {
        this.inBox++;
        this.boxes[this.boxes.length - 1].push(...this.blocks(child));
        this.inBox--;
      } else {
        this.inline(child, para, run);
      }
    }
  };

  Walker.prototype.hidden = function (run) {
    const rpr = run.children.find((c) => this.wLocal(c) === "rPr");
    if (!rpr) {
      return false;
    }
    const val = this.name("val");
    for (const c of rpr.children) {
      const local = this.wLocal(c);
      if (local === "vanish") {
        const value = attribute(this.xml, c, val);
        if (value !== "0" && value !== "false" && value !== "off") {
          return true;
        }
      }
      if (local === "rStyle" && this.hiddenStyles.has(attribute(this.xml, c, val))) {
        return true;
      }
    }
    return false;
  };

  function hiddenStyles(stylesXml) {
    const out = new Set();
    if (!stylesXml) {
      return out;
    }
    for (const m of stylesXml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
      const head = m[1];
      if (head.indexOf('w:type="character"') < 0) {
        continue;
      }
      const sid = /w:styleId="([^"]*)"/.exec(head);
      const vanish = /<w:rPr>[\s\S]*?<w:vanish(?:\s+w:val="([^"]*)")?\s*\/>[\s\S]*?<\/w:rPr>/.exec(m[2]);
      if (sid && vanish && ["0", "false", "off"].indexOf(vanish[1]) < 0) {
        out.add(unescapeText(sid[1]));
      }
    }
    return out;
  }

  function texts(blocks) {
    const out = [];
    blocks.forEach((block) => {
      if (block.kind === "para") {
        out.push([block]);
        return;
      }
      block.rows.forEach((cells, r) => {
        cells.forEach((cell, c) => {
          const raws = cell.map((part) => (typeof part === "string" ? part : part.chars.join("")));
          const merged = block.empty[r][c];
          if (cell.length && !(merged && !raws.some(Boolean)) && (cell.length > 1 || raws[0])) {
            out.push(cell);
          }
        });
      });
    });
    return out;
  }

  /* The reader's paragraph texts matched one by one with the walked ones (annotate.py align). */
  function align(items, paragraphs) {
    if (items.length !== paragraphs.length) {
      fail("layout", {});
    }
    const chars = [];
    items.forEach((item, i) => {
      const text = paragraphs[i];
      let at = 0; // in UTF-16 units of text
      item.forEach((part, n) => {
        const last = n === item.length - 1;
        const raw = typeof part === "string" ? part : part.chars.join("");
        const label = labelLength(text, at, raw, last);
        if (label === null) {
          fail("layout", {});
        }
        const owner = typeof part === "string" ? null : part;
        const labelPoints = points(text.slice(at, at + label)).length;
        for (let k = 0; k < labelPoints; k++) {
          chars.push([owner, null]);
        }
        if (typeof part === "string") {
          points(raw).forEach(() => {
            chars.push([null, null]);
          });
        } else {
          part.sources.forEach((source) => {
            chars.push([part, source]);
          });
        }
        at += label + raw.length;
        if (!last) {
          chars.push([owner, null]);
          at += 1;
        }
      });
      chars.push([null, null]);
    });
    const joined = points(paragraphs.join("\n"));
    if (chars.length !== joined.length + 1) {
      fail("layout", {});
    }
    const lines = [];
    let line = [];
    joined.forEach((c, k) => {
      if (c === "\n") {
        lines.push(line);
        line = [];
      } else {
        line.push(chars[k]);
      }
    });
    lines.push(line);
    return lines;
  }

  /* The UTF-16 length of the automatic number in front of raw at text[at:] (at most MAX_LABEL characters), or null. */
  function labelLength(text, at, raw, last) {
    for (let length = 0; at + length <= text.length; length++) {
      const label = text.slice(at, at + length);
      if (points(label).length > PY.MAX_LABEL || label.indexOf("\n") >= 0) {
        return null;
      }
      const start = at + length;
      if (
        text.startsWith(raw, start) &&
        (last ? start + raw.length === text.length : text[start + raw.length] === "\n")
      ) {
        return length;
      }
    }
    return null;
  }

  // ------------------------------------------------------------ cutting runs and splicing marks in

  function Splicer(xml, walker) {
    this.xml = xml;
    this.walker = walker;
    this.runs = new Map(); // run -> {marks: Map(atom -> [[endsFirst, order, xml]]), deleted: [[first, last]]}
    this.inserts = new Map(); // offset -> marks
    this.order = 0;
    this.atomCache = new Map();
  }

  Splicer.prototype.atoms = function (run) {
    if (!this.atomCache.has(run)) {
      const out = [];
      for (const child of run.children) {
        const local = this.walker.wLocal(child);
        if (local === "rPr") {
          continue;
        }
        if (local === "t") {
          const text =
            child.closeStart > child.openEnd ? unescapeText(this.xml.slice(child.openEnd, child.closeStart)) : "";
          points(text).forEach((c, k) => {
            out.push([child, k, c]);
          });
        } else {
          out.push([child, null, null]);
        }
      }
      this.atomCache.set(run, out);
    }
    return this.atomCache.get(run);
  };

  Splicer.prototype.atomOf = function (source) {
    const run = source[0].parent;
    const index = this.atoms(run).findIndex((a) => a[0] === source[0] && a[1] === source[1]);
    return [run, index];
  };

  Splicer.prototype.edit = function (run) {
    if (!this.runs.has(run)) {
      this.runs.set(run, { marks: new Map(), deleted: [] });
    }
    return this.runs.get(run);
  };

  Splicer.prototype.mark = function (run, atom, endsFirst, xml) {
    const marks = this.edit(run).marks;
    if (!marks.has(atom)) {
      marks.set(atom, []);
    }
    marks.get(atom).push([endsFirst, this.order++, xml]);
  };

  Splicer.prototype.markParagraphStart = function (p, endsFirst, xml) {
    const ppr = p.children.find((c) => this.walker.wLocal(c) === "pPr");
    const at = ppr ? ppr.end : p.openEnd;
    if (!this.inserts.has(at)) {
      this.inserts.set(at, []);
    }
    this.inserts.get(at).push([endsFirst, this.order++, xml]);
  };

  Splicer.prototype.remove = function (run, first, last) {
    this.edit(run).deleted.push([first, last]);
  };

  function joinMarks(marks) {
    return marks
      .slice()
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map((m) => m[2])
      .join("");
  }

  Splicer.prototype.result = function (deletion) {
    const edits = [];
    this.inserts.forEach((marks, at) => {
      edits.push([at, at, joinMarks(marks)]);
    });
    this.runs.forEach((edit, run) => {
      const atoms = this.atoms(run);
      const inner = Array.from(edit.marks.keys()).filter((a) => a > 0 && a < atoms.length);
      if (!inner.length && !edit.deleted.length) {
        edit.marks.forEach((marks, at) => {
          const offset = at === 0 ? run.start : run.end;
          edits.push([offset, offset, joinMarks(marks)]);
        });
        return;
      }
      edits.push([run.start, run.end, this.rewrite(run, edit, deletion)]);
    });
    edits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out = [];
    let at = 0;
    edits.forEach(([start, end, text]) => {
      out.push(this.xml.slice(at, start), text);
      at = Math.max(at, end);
    });
    out.push(this.xml.slice(at));
    return out.join("");
  };

  Splicer.prototype.rewrite = function (run, edit, deletion) {
    const atoms = this.atoms(run);
    const cutSet = new Set([0, atoms.length, ...edit.marks.keys()]);
    edit.deleted.forEach((r) => {
      cutSet.add(r[0]);
      cutSet.add(r[1]);
    });
    const cuts = Array.from(cutSet).sort((a, b) => a - b);
    const head = this.xml.slice(run.start, run.openEnd);
    const rpr = run.children.find((c) => this.walker.wLocal(c) === "rPr");
    const rprXml = rpr ? this.xml.slice(rpr.start, rpr.end) : "";
    const close = `</${run.name}>`;
    const out = [];
    cuts.forEach((start, n) => {
      out.push(joinMarks(edit.marks.get(start) || []));
      const end = n + 1 < cuts.length ? cuts[n + 1] : null;
      if (end === null || end === start) {
        return;
      }
      const piece = atoms.slice(start, end);
      if (edit.deleted.some((r) => r[0] <= start && end <= r[1])) {
        out.push(deletion(head, rprXml, piece.map((a) => a[2]).join("")));
      } else {
        out.push(head + rprXml + this.content(piece) + close);
      }
    });
    return out.join("");
  };

  Splicer.prototype.content = function (piece) {
    const out = [];
    let text = [];
    let t = null;
    piece.forEach(([el, k, c]) => {
      if (k !== null && el === t) {
        text.push(c);
        return;
      }
      if (text.length) {
        out.push(textElement(t, text.join("")));
        text = [];
      }
      t = k !== null ? el : null;
      if (k !== null) {
        text.push(c);
      } else {
        out.push(this.xml.slice(el.start, el.end));
      }
    });
    if (text.length) {
      out.push(textElement(t, text.join("")));
    }
    return out.join("");
  };

  function textElement(t, text) {
    return `<${t.name} xml:space="preserve">${escapeText(text)}</${t.name}>`;
  }

  // ------------------------------------------------------------ the two copies

  const decoder = new TextDecoder("utf-8");
  const encoder = new TextEncoder();

  function readPackage(bytes) {
    const files = globalThis.fflate.unzipSync(bytes);
    const names = Object.keys(files);
    let main = "word/document.xml";
    if (files["_rels/.rels"]) {
      for (const m of decoder.decode(files["_rels/.rels"]).matchAll(/<Relationship\b[^>]*>/g)) {
        const kind = /Type="([^"]*)"/.exec(m[0]);
        const target = /Target="([^"]*)"/.exec(m[0]);
        if (kind && target && kind[1].endsWith("/officeDocument")) {
          main = target[1].replace(/^\/+/, "");
        }
      }
    }
    return {
      names: names,
      parts: files,
      main: main,
      text: (name) => (files[name] ? decoder.decode(files[name]) : null),
      put: (name, text) => {
        if (!Object.hasOwn(files, name)) {
          names.push(name);
        }
        files[name] = encoder.encode(text);
      },
      write: () => {
        const out = {};
        names.forEach((name) => {
          out[name] = files[name];
        });
        return globalThis.fflate.zipSync(out);
      },
    };
  }

  function maxId(xml) {
    let most = -1;
    for (const m of xml.matchAll(/\bw:id="(-?[0-9]+)"/g)) {
      most = Math.max(most, parseInt(m[1], 10));
    }
    return most;
  }

  function findElement(walker, node, local) {
    for (const child of node.children) {
      if (walker.wLocal(child) === local) {
        return child;
      }
      const found = findElement(walker, child, local);
      if (found) {
        return found;
      }
    }
    return null;
  }

  function Writer(data) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const read = globalThis.fanwenkuDocxText(bytes); // the reader's budgets and refusals first
    if (read.revisions) {
      fail("revisions", { count: read.revisions });
    }
    this.package = readPackage(bytes);
    const xml = this.package.text(this.package.main);
    if (xml === null) {
      fail("no_document", {});
    }
    this.xml = xml;
    const root = parse(xml);
    const main = this.package.main;
    this.folder = main.indexOf("/") >= 0 ? `${main.slice(0, main.lastIndexOf("/"))}/` : "";
    this.walker = new Walker(xml, root, hiddenStyles(this.package.text(`${this.folder}styles.xml`)));
    const body = findElement(this.walker, root, "body");
    if (!body) {
      fail("no_document", {});
    }
    this.lines = align(texts(this.walker.blocks(body)), read.paragraphs);
    this.splicer = new Splicer(xml, this.walker);
    this.nextId = 1 + maxId(xml);
  }

  Writer.prototype.w = function (local) {
    return this.walker.name(local);
  };

  Writer.prototype.placeable = function (para, source) {
    return source !== null && para !== null && !para.frozen && !this.walker.inField.has(source[0].parent);
  };

  Writer.prototype.span = function (finding) {
    const line = this.lines[finding.line - 1];
    return [line, line.slice(finding.column - 1, finding.end_column - 1)];
  };

  Writer.prototype.paragraphOf = (line, chars) => {
    const first = (list) => {
      const found = list.find((pair) => pair[0] !== null);
      return found ? found[0] : null;
    };
    let para = first(chars) || first(line);
    while (para?.frozen) {
      para = para.anchor;
    }
    return para;
  };

  Writer.prototype.newId = function () {
    this.nextId++;
    return this.nextId - 1;
  };

  function deletion(writer, date) {
    const w = (local) => writer.w(local);
    return (head, rpr, text) =>
      `<${w("del")} ${w("id")}="${writer.newId()}" ${w("author")}="${PY.AUTHOR}" ${w("date")}="${escapeAttribute(date)}">` +
      `${head}${rpr}<${w("delText")} xml:space="preserve">${escapeText(text)}</${w("delText")}></${w("r")}></${w("del")}>`;
  }

  function commentXml(cid, finding, date, prefix) {
    const w = (local) => (prefix ? `${prefix}:${local}` : local);
    const fill = (template, key, value) => template.replace(`{${key}}`, () => value);
    const lines = [fill(fill(PY.COMMENT_LINES[0], "level", finding.level), "message", finding.message)];
    if (finding.fix) {
      lines.push(fill(PY.COMMENT_LINES[1], "fix", finding.fix));
    } else if (finding.fix === "") {
      lines.push(PY.COMMENT_LINES[2]);
    }
    lines.push(fill(PY.COMMENT_LINES[3], "basis", finding.basis));
    lines.push(fill(PY.COMMENT_LINES[4], "rule", finding.rule));
    const reference = `<${w("r")}><${w("annotationRef")}/></${w("r")}>`;
    const paragraphs = lines
      .map(
        (text, n) =>
          `<${w("p")}>${n === 0 ? reference : ""}<${w("r")}><${w("t")} xml:space="preserve">${escapeText(text)}</${w("t")}></${w("r")}></${w("p")}>`,
      )
      .join("");
    return (
      `<${w("comment")} ${w("id")}="${cid}" ${w("author")}="${PY.AUTHOR}" ${w("date")}="${escapeAttribute(date)}"` +
      ` ${w("initials")}="${PY.INITIALS}">${paragraphs}</${w("comment")}>`
    );
  }

  function commentsPart(writer) {
    const pkg = writer.package;
    const main = pkg.main;
    const relsName = `${writer.folder}_rels/${main.slice(main.lastIndexOf("/") + 1)}.rels`;
    let rels =
      pkg.text(relsName) ||
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PY.REL}"></Relationships>`;
    let target = null;
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const kind = /Type="([^"]*)"/.exec(m[0]);
      if (kind && kind[1] === PY.COMMENTS_TYPE) {
        target = /Target="([^"]*)"/.exec(m[0])[1];
      }
    }
    if (target !== null) {
      const name = target.startsWith("/") ? target.replace(/^\/+/, "") : writer.folder + target;
      const xml = pkg.text(name);
      if (xml !== null) {
        return [name, xml, 1 + maxId(xml)];
      }
    }
    let name = `${writer.folder}comments.xml`;
    target = "comments.xml";
    let number = 1;
    while (Object.hasOwn(pkg.parts, name)) {
      number++;
      name = `${writer.folder}comments${number}.xml`;
      target = `comments${number}.xml`;
    }
    let most = 0;
    for (const m of rels.matchAll(/Id="rId([0-9]+)"/g)) {
      most = Math.max(most, parseInt(m[1], 10));
    }
    const close = rels.lastIndexOf("</Relationships>");
    rels = `${rels.slice(0, close)}<Relationship Id="rId${most + 1}" Type="${PY.COMMENTS_TYPE}" Target="${target}"/>${rels.slice(close)}`;
    pkg.put(relsName, rels);
    let types = pkg.text("[Content_Types].xml");
    if (types !== null && types.indexOf(`PartName="/${name}"`) < 0) {
      const end = types.lastIndexOf("</Types>");
      types = `${types.slice(0, end)}<Override PartName="/${name}" ContentType="${PY.COMMENTS_CONTENT}"/>${types.slice(end)}`;
      pkg.put("[Content_Types].xml", types);
    }
    return [
      name,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${PY.W}"></w:comments>`,
      0,
    ];
  }

  function commentDocx(data, findings, date) {
    const writer = new Writer(data);
    const [name, xml, firstId] = commentsPart(writer);
    writer.nextId = Math.max(writer.nextId, firstId);
    const found = /<(?:([A-Za-z0-9_.-]+):)?comments\b/.exec(xml);
    const prefix = found ? found[1] || "" : "w";
    const w = (local) => writer.w(local);
    const added = [];
    findings.forEach((finding) => {
      const [line, chars] = writer.span(finding);
      const cid = writer.newId();
      const startMark = `<${w("commentRangeStart")} ${w("id")}="${cid}"/>`;
      const endMark =
        `<${w("commentRangeEnd")} ${w("id")}="${cid}"/>` +
        `<${w("r")}><${w("commentReference")} ${w("id")}="${cid}"/></${w("r")}>`;
      const real = chars.filter(([para, source]) => writer.placeable(para, source)).map((pair) => pair[1]);
      if (real.length) {
        const [run, first] = writer.splicer.atomOf(real[0]);
        writer.splicer.mark(run, first, 1, startMark);
        const [lastRun, last] = writer.splicer.atomOf(real[real.length - 1]);
        writer.splicer.mark(lastRun, last + 1, 0, endMark);
      } else {
        const para = writer.paragraphOf(line, chars);
        if (para === null) {
          return;
        }
        writer.splicer.markParagraphStart(para.element, 0, startMark + endMark);
      }
      added.push(commentXml(cid, finding, date, prefix));
    });
    writer.package.put(writer.package.main, writer.splicer.result(deletion(writer, date)));
    const close = xml.lastIndexOf("</");
    writer.package.put(name, xml.slice(0, close) + added.join("") + xml.slice(close));
    return writer.package.write();
  }

  function fixDocx(data, findings, date) {
    const writer = new Writer(data);
    const w = (local) => writer.w(local);
    globalThis.fanwenkuChecker.chosenFixes(findings).forEach((finding) => {
      const chars = writer.span(finding)[1];
      if (!chars.length || !chars.every(([para, source]) => writer.placeable(para, source))) {
        return;
      }
      const runs = [];
      for (const [, source] of chars) {
        const [run, atom] = writer.splicer.atomOf(source);
        if (!runs.length || runs[runs.length - 1][0] !== run) {
          runs.push([run, atom, atom]);
        } else if (atom !== runs[runs.length - 1][2] + 1) {
          return; // characters of one run that are not next to each other: not one span in the file
        }
        runs[runs.length - 1][2] = atom;
      }
      const parent = runs[0][0].parent;
      if (runs.some((r) => r[0].parent !== parent) || PY.FIXABLE_PARENTS.indexOf(writer.walker.wLocal(parent)) < 0) {
        return;
      }
      runs.forEach(([run, first, last]) => {
        writer.splicer.remove(run, first, last + 1);
      });
      if (finding.fix) {
        const firstRun = runs[0][0];
        const rpr = firstRun.children.find((c) => writer.walker.wLocal(c) === "rPr");
        const rprXml = rpr ? writer.xml.slice(rpr.start, rpr.end) : "";
        const inserted =
          `<${w("ins")} ${w("id")}="${writer.newId()}" ${w("author")}="${PY.AUTHOR}" ${w("date")}="${escapeAttribute(date)}">` +
          `<${w("r")}>${rprXml}<${w("t")} xml:space="preserve">${escapeText(finding.fix)}</${w("t")}></${w("r")}></${w("ins")}>`;
        const lastRun = runs[runs.length - 1];
        writer.splicer.mark(lastRun[0], lastRun[2] + 1, 0, inserted);
      }
    });
    writer.package.put(writer.package.main, writer.splicer.result(deletion(writer, date)));
    return writer.package.write();
  }

  globalThis.fanwenkuWordNotes = { comments: commentDocx, fixes: fixDocx };
})();
