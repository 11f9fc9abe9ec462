/* 范文库 公文体检: the text of a .docx opened from disk, read in the browser (nothing is uploaded).
 *
 *   fanwenkuDocxText(arrayBuffer) -> {text, paragraphs, revisions}
 *   throws Error whose message says, in Chinese, what is wrong with the file and what to do (.problem, .fix).
 *
 * The twin of read.py beside it (`read_text`: the paragraphs of `texts()`, tracked changes accepted), with its
 * constants (script_constants(): namespaces, limits, skipped elements, numerals, messages) written in front of
 * this file by the build (macros/build/scripts.py); tests/twins/ runs both on the same files. Paragraphs come in
 * reading order with the number Word's automatic numbering shows (numbering.xml: counters per list, deeper
 * levels restarting, startOverride, lvlRestart, isLgl, numStyleLink, numbers from the paragraph style); bullets
 * dropped; table cells' paragraphs in order; text boxes once, before the paragraph that anchors them; footnote
 * references as [n]; tracked changes read as accepted; tabs as \t and line breaks as \n; hidden text, field
 * codes and ruby left out. Unzipping uses the vendored fflate; the XML is read through the DOM only by
 * firstElement/nextElement/childNodes, so the browser's DOMParser and a plain DOM in Node serve alike.
 */
(() => {
  const PY = globalThis.fanwenkuPython["word/read"];
  const W = PY.W;
  const MC = PY.MC;
  const M = PY.M;
  const REL = PY.REL;
  const SKIP = PY.SKIP;
  const CHAR = PY.CHARACTERS;
  const REVISION_IN = PY.REVISION_IN;
  const REVISION_OUT = PY.REVISION_OUT;

  function fail(message, values) {
    const fill = (text) => text.replace(/\{(\w+)\}/g, (_m, name) => String(values[name]));
    const problem = fill(PY.MESSAGES[message][0]);
    const fix = fill(PY.MESSAGES[message][1]);
    const error = new Error(`${problem}修改方法：${fix}`);
    error.problem = problem;
    error.fix = fix;
    throw error;
  }

  function firstElement(node) {
    let c = node.firstChild;
    while (c && c.nodeType !== 1) {
      c = c.nextSibling;
    }
    return c;
  }

  function nextElement(node) {
    let c = node.nextSibling;
    while (c && c.nodeType !== 1) {
      c = c.nextSibling;
    }
    return c;
  }

  function isW(node, name) {
    return node.nodeType === 1 && node.namespaceURI === W && (name === undefined || node.localName === name);
  }

  function child(node, name) {
    if (!node) {
      return null;
    }
    for (let c = firstElement(node); c; c = nextElement(c)) {
      if (isW(c, name)) {
        return c;
      }
    }
    return null;
  }

  /* An attribute in the w: namespace, or null when it is absent ("" when it is empty), as lxml's get() */
  function wattr(node, name) {
    if (node.hasAttributeNS(W, name)) {
      return node.getAttributeNS(W, name);
    }
    return node.hasAttribute(`w:${name}`) ? node.getAttribute(`w:${name}`) : null;
  }

  function val(node) {
    return node ? wattr(node, "val") : null;
  }

  /* An integer as Word writes one (read.py _int): ASCII digits, at most nine of them, else null */
  function toInt(text) {
    if (text === null || text === undefined) {
      return null;
    }
    const trimmed = text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");
    return /^[-+]?[0-9]{1,9}$/.test(trimmed) ? parseInt(trimmed, 10) : null;
  }

  /* Characters (code points) in a text, as Python's len() */
  function codePoints(text) {
    let n = text.length;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0xdc00 && code <= 0xdfff) {
        n--;
      }
    }
    return n;
  }

  function on(node) {
    if (!node) {
      return false;
    }
    const v = val(node);
    return v === null || v === "" ? true : ["0", "false", "off"].indexOf(v) < 0;
  }

  // ------------------------------------------------------------ the package

  function hexBytes(hex) {
    return hex.match(/../g).map((pair) => parseInt(pair, 16));
  }

  function startsWith(bytes, magic) {
    return magic.every((b, i) => bytes[i] === b);
  }

  function contains(bytes, pattern) {
    outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
      for (let k = 0; k < pattern.length; k++) {
        if (bytes[i + k] !== pattern[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  const ENCRYPTION_INFO = Array.from("EncryptionInfo").flatMap((c) => [c.charCodeAt(0), 0]); // UTF-16LE

  function unzip(bytes) {
    if (!bytes.length) {
      fail("empty", {});
    }
    if (startsWith(bytes, hexBytes(PY.OLE_MAGIC))) {
      fail(contains(bytes, ENCRYPTION_INFO) ? "encrypted" : "old_doc", {});
    }
    PY.MAGIC.forEach(([magic, kind]) => {
      if (startsWith(bytes, hexBytes(magic))) {
        fail("not_word", { kind: kind });
      }
    });
    // The parts a reader may read, by the sizes the package states (fflate never unzips more): each within its budget
    // and all together, checked in the package's order as read.py does; none beyond a budget is unzipped.
    const wanted = new RegExp(PY.WANTED);
    let tooBig = null;
    let total = 0;
    let files;
    try {
      files = globalThis.fflate.unzipSync(bytes, {
        filter: (file) => {
          if (!wanted.test(file.name)) {
            return false;
          }
          if (file.originalSize > PY.MAX_PART_BYTES) {
            tooBig = tooBig || file.name;
            return false;
          }
          total += file.originalSize;
          return !tooBig && total <= PY.MAX_PACKAGE_BYTES;
        },
      });
    } catch (_e) {
      fail("broken", {});
    }
    if (tooBig) {
      fail("part_too_big", { name: tooBig, mb: PY.MAX_PART_BYTES / 2 ** 20 });
    }
    if (total > PY.MAX_PACKAGE_BYTES) {
      fail("package_too_big", { mb: PY.MAX_PACKAGE_BYTES / 2 ** 20 });
    }
    return files;
  }

  function xml(files, name) {
    if (!name || !files[name]) {
      return null;
    }
    const text = new TextDecoder("utf-8").decode(files[name]);
    let doc = null;
    try {
      doc = new DOMParser().parseFromString(text, "application/xml");
    } catch (_e) {
      doc = null; // a DOM that throws on bad XML, where the browser's returns a parsererror document
    }
    if (!doc?.documentElement || doc.getElementsByTagName("parsererror").length) {
      fail("bad_xml", { name: name });
    }
    return doc.documentElement;
  }

  function relationships(root) {
    return root ? Array.prototype.slice.call(root.getElementsByTagNameNS(REL, "Relationship")) : [];
  }

  function mainPart(files) {
    const rels = relationships(xml(files, "_rels/.rels"));
    for (let i = 0; i < rels.length; i++) {
      if ((rels[i].getAttribute("Type") || "").slice(-15) === "/officeDocument") {
        return (rels[i].getAttribute("Target") || "").replace(/^\//, "");
      }
    }
    if (files["word/document.xml"]) {
      return "word/document.xml";
    }
    fail("no_document", {});
  }

  function normalize(path) {
    const out = [];
    path.split("/").forEach((part) => {
      if (part === "..") {
        out.pop();
      } else if (part && part !== ".") {
        out.push(part);
      }
    });
    return out.join("/");
  }

  function partLinks(files, main) {
    const slash = main.lastIndexOf("/");
    const folder = slash >= 0 ? main.slice(0, slash) : "";
    const name = main.slice(slash + 1);
    const found = {};
    relationships(xml(files, `${folder ? `${folder}/` : ""}_rels/${name}.rels`)).forEach((rel) => {
      const kind = (rel.getAttribute("Type") || "").split("/").pop();
      const target = rel.getAttribute("Target") || "";
      if (
        ["styles", "numbering", "footnotes", "endnotes"].indexOf(kind) >= 0 &&
        rel.getAttribute("TargetMode") !== "External"
      ) {
        const part = target.charAt(0) === "/" ? target.slice(1) : normalize((folder ? `${folder}/` : "") + target);
        if (files[part]) {
          found[kind] = part;
        }
      }
    });
    return found;
  }

  // ------------------------------------------------------------ styles

  function Styles(root) {
    this.raw = {};
    this.defaultId = null;
    this.hiddenChars = {};
    this.resolved = {};
    if (!root) {
      return;
    }
    Array.prototype.forEach.call(root.getElementsByTagNameNS(W, "style"), (node) => {
      const sid = wattr(node, "styleId");
      if (!sid) {
        return;
      }
      const style = { basedOn: val(child(node, "basedOn")), numId: null, ilvl: null, hidden: false };
      const ppr = child(node, "pPr");
      const num = child(ppr, "numPr");
      if (num) {
        style.numId = val(child(num, "numId"));
        style.ilvl = toInt(val(child(num, "ilvl")));
      }
      style.hidden = on(child(child(node, "rPr"), "vanish"));
      const type = wattr(node, "type") || "paragraph";
      if (type === "character") {
        if (style.hidden) {
          this.hiddenChars[sid] = true;
        }
        return;
      }
      if (type !== "paragraph") {
        return;
      }
      if (["1", "true", "on"].indexOf(wattr(node, "default")) >= 0) {
        this.defaultId = sid;
      }
      this.raw[sid] = style;
    });
  }

  Styles.prototype.get = function (sid) {
    sid = sid && this.raw[sid] ? sid : this.defaultId;
    if (!sid) {
      return { numId: null, ilvl: null };
    }
    if (!this.resolved[sid]) {
      const chain = [];
      const seen = {};
      let cur = sid;
      while (cur && this.raw[cur] && !seen[cur]) {
        seen[cur] = true;
        chain.push(this.raw[cur]);
        cur = this.raw[cur].basedOn;
      }
      const out = { numId: null, ilvl: null };
      chain.reverse().forEach((style) => {
        if (style.numId !== null) {
          out.numId = style.numId;
        }
        if (style.ilvl !== null) {
          out.ilvl = style.ilvl;
        }
      });
      this.resolved[sid] = out;
    }
    return this.resolved[sid];
  };

  // ------------------------------------------------------------ numbering

  const CN_DIGITS = PY.NUMERALS.digits;
  const CN_LEGAL = PY.NUMERALS.legal;
  const TIANGAN = PY.NUMERALS.tiangan;
  const DIZHI = PY.NUMERALS.dizhi;

  function chinese(n, digits, ten, hundred, thousand) {
    digits = digits || CN_DIGITS;
    ten = ten || "十";
    hundred = hundred || "百";
    thousand = thousand || "千";
    if (!(n >= 0 && n < 10000)) {
      return String(n);
    }
    if (n < 10) {
      return digits[n];
    }
    if (n < 20) {
      return ten + (n % 10 ? digits[n % 10] : "");
    }
    const parts = [];
    let gap = false;
    [
      [1000, thousand],
      [100, hundred],
      [10, ten],
      [1, ""],
    ].forEach((pair) => {
      const digit = Math.floor(n / pair[0]) % 10;
      if (digit) {
        if (gap) {
          parts.push(digits[0]);
        }
        parts.push(digits[digit] + pair[1]);
        gap = false;
      } else if (parts.length) {
        gap = true;
      }
    });
    return parts.join("");
  }

  function letters(n) {
    if (n <= 0) {
      return String(n);
    }
    return new Array(Math.floor((n - 1) / 26) + 2).join(String.fromCharCode(65 + ((n - 1) % 26)));
  }

  function roman(n) {
    if (!(n > 0 && n < 4000)) {
      return String(n);
    }
    let out = "";
    [
      [1000, "M"],
      [900, "CM"],
      [500, "D"],
      [400, "CD"],
      [100, "C"],
      [90, "XC"],
      [50, "L"],
      [40, "XL"],
      [10, "X"],
      [9, "IX"],
      [5, "V"],
      [4, "IV"],
      [1, "I"],
    ].forEach((pair) => {
      while (n >= pair[0]) {
        out += pair[1];
        n -= pair[0];
      }
    });
    return out;
  }

  function formatNumber(n, fmt) {
    if (["chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"].indexOf(fmt) >= 0) {
      return chinese(n);
    }
    if (["ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"].indexOf(fmt) >= 0) {
      return String(n)
        .split("")
        .map((d) => CN_DIGITS[+d])
        .join("");
    }
    if (fmt === "chineseLegalSimplified") {
      return chinese(n, CN_LEGAL, "拾", "佰", "仟");
    }
    if (fmt === "ideographTraditional" && n >= 1 && n <= 10) {
      return TIANGAN[n - 1];
    }
    if (fmt === "ideographZodiac" && n >= 1 && n <= 12) {
      return DIZHI[n - 1];
    }
    if ((fmt === "decimalEnclosedCircle" || fmt === "decimalEnclosedCircleChinese") && n >= 1 && n <= 20) {
      return String.fromCharCode(0x2460 + n - 1);
    }
    if (fmt === "decimalEnclosedParen" && n >= 1 && n <= 20) {
      return String.fromCharCode(0x2474 + n - 1);
    }
    if (fmt === "decimalEnclosedFullstop" && n >= 1 && n <= 20) {
      return String.fromCharCode(0x2488 + n - 1);
    }
    if (fmt === "decimalFullWidth" || fmt === "decimalFullWidth2") {
      return String(n)
        .split("")
        .map((d) => String.fromCharCode(0xff10 + +d))
        .join("");
    }
    if (fmt === "decimalZero") {
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    }
    if (fmt === "upperLetter") {
      return letters(n);
    }
    if (fmt === "lowerLetter") {
      return letters(n).toLowerCase();
    }
    if (fmt === "upperRoman") {
      return roman(n);
    }
    if (fmt === "lowerRoman") {
      return roman(n).toLowerCase();
    }
    if (fmt === "none") {
      return "";
    }
    return String(n);
  }

  /* A list level 0-8 (Word has nine); anything else is no level (read.py _ilvl) */
  function ilvl(text) {
    const value = toInt(text);
    return value !== null && value >= 0 && value <= 8 ? value : null;
  }

  function number(value) {
    if (!(value >= 0 && value <= PY.MAX_NUMBER)) {
      fail("big_number", { value: value, max: PY.MAX_NUMBER });
    }
    return value;
  }

  function level(node) {
    const start = toInt(val(child(node, "start")));
    const restart = child(node, "lvlRestart");
    return {
      start: start === null ? 1 : number(start),
      fmt: val(child(node, "numFmt")) || "decimal",
      text: val(child(node, "lvlText")) || "",
      legal: on(child(node, "isLgl")),
      restart: restart ? toInt(val(restart)) : null,
      style: val(child(node, "pStyle")),
    };
  }

  function checkLabel(text) {
    const length = codePoints(text);
    if (length > PY.MAX_LABEL) {
      fail("long_label", { start: Array.from(text).slice(0, 8).join(""), length: length });
    }
  }

  function Numbering(root, styles) {
    this.abstract = {};
    this.nums = {};
    this.counters = {};
    this.started = {};
    if (!root) {
      return;
    }
    const links = {};
    Array.prototype.forEach.call(root.getElementsByTagNameNS(W, "abstractNum"), (node) => {
      const aid = wattr(node, "abstractNumId");
      const levels = {};
      Array.prototype.forEach.call(node.getElementsByTagNameNS(W, "lvl"), (lvl) => {
        const at = ilvl(wattr(lvl, "ilvl") ?? "0");
        if (at !== null) {
          levels[at] = level(lvl);
        }
      });
      this.abstract[aid] = levels;
      const link = child(node, "numStyleLink");
      if (link) {
        links[aid] = val(link);
      }
    });
    Array.prototype.forEach.call(root.getElementsByTagNameNS(W, "num"), (node) => {
      const aid = val(child(node, "abstractNumId"));
      const starts = {};
      const levels = {};
      Array.prototype.forEach.call(node.getElementsByTagNameNS(W, "lvlOverride"), (over) => {
        const at = ilvl(wattr(over, "ilvl") ?? "0");
        if (at === null) {
          return;
        }
        const start = toInt(val(child(over, "startOverride")));
        if (start !== null) {
          starts[at] = number(start);
        }
        const lvl = child(over, "lvl");
        if (lvl) {
          levels[at] = level(lvl);
        }
      });
      this.nums[wattr(node, "numId")] = [aid, starts, levels];
    });
    Object.keys(links).forEach((aid) => {
      const target = this.nums[styles.get(links[aid]).numId || ""];
      if (target && this.abstract[target[0]] && target[0] !== aid) {
        this.abstract[aid] = this.abstract[target[0]];
      }
    });
  }

  Numbering.prototype.label = function (numId, ilvl, styleId) {
    if (!numId || numId === "0" || !this.nums[numId]) {
      return "";
    }
    const entry = this.nums[numId];
    const aid = entry[0];
    const starts = entry[1];
    const levels = Object.assign({}, this.abstract[aid] || {}, entry[2]);
    const keys = Object.keys(levels)
      .map(Number)
      .sort((a, b) => a - b);
    if (ilvl === null || ilvl === undefined) {
      const found = keys.filter((i) => styleId && levels[i].style === styleId);
      ilvl = found.length ? found[0] : 0;
    }
    if (!levels[ilvl]) {
      return "";
    }
    if (!this.counters[aid]) {
      this.counters[aid] = [null, null, null, null, null, null, null, null, null, null];
    }
    const counters = this.counters[aid];
    if (!this.started[numId]) {
      this.started[numId] = true;
      Object.keys(starts).forEach((i) => {
        if (i >= 0 && i < counters.length) {
          counters[i] = null;
        }
      });
    }
    const start = {};
    keys.forEach((i) => {
      start[i] = i in starts ? starts[i] : levels[i].start;
    });
    counters[ilvl] = counters[ilvl] === null ? start[ilvl] : counters[ilvl] + 1;
    for (let deeper = ilvl + 1; deeper < counters.length; deeper++) {
      const restart = levels[deeper] ? levels[deeper].restart : null;
      if (restart === null || (restart !== 0 && ilvl < restart)) {
        counters[deeper] = null;
      }
    }
    const lvl = levels[ilvl];
    if (lvl.fmt === "bullet") {
      return "";
    }
    let text = lvl.text;
    for (let i = 9; i >= 0; i--) {
      const token = `%${i + 1}`;
      if (text.indexOf(token) >= 0) {
        const value = counters[i] !== null ? counters[i] : i in start ? start[i] : 1;
        const fmt = lvl.legal && i !== ilvl ? "decimal" : (levels[i] || lvl).fmt;
        text = text.split(token).join(formatNumber(value, fmt));
        checkLabel(text); // as it grows: %1%1%1… of upperLetter could make megabytes
      }
    }
    checkLabel(text);
    return text;
  };

  // ------------------------------------------------------------ the body

  /* What read.py's _Reader does, step for step (the same recursion, so the budgets trip at the same place): a
     paragraph is its text, a table {rows: [[cell text, ...], ...]} as read.py's Table. */
  function Reader(styles, numbering, notes) {
    this.styles = styles;
    this.numbering = numbering;
    this.notes = notes; // kind -> [its part, {id -> note}]
    this.noteCount = 0;
    this.revisions = 0;
    this.boxes = [];
    this.carry = "";
    this.part = "";
    this.depth = 0;
    this.chars = 0;
    this.tables = 0;
  }

  function append(out, items) {
    for (const item of items) {
      out.push(item);
    }
  }

  Reader.prototype.deeper = function () {
    this.depth++;
    if (this.depth > PY.MAX_DEPTH) {
      fail("too_deep", { name: this.part, depth: PY.MAX_DEPTH });
    }
  };

  Reader.prototype.counted = function (text) {
    this.chars += codePoints(text);
    if (this.chars > PY.MAX_DOCUMENT_CHARS) {
      fail("too_long", { limit: PY.MAX_DOCUMENT_CHARS_SHOWN });
    }
    return text;
  };

  /* The blocks of a story of their own (the body, a text box, a note): a deleted paragraph mark joins two
     paragraphs of one story only, and a last paragraph whose mark was deleted still comes out. */
  Reader.prototype.story = function (container) {
    const carry = this.carry;
    this.carry = "";
    const out = this.blocks(container);
    if (this.carry) {
      out.push(this.counted(this.carry));
    }
    this.carry = carry;
    return out;
  };

  Reader.prototype.blocks = function (container) {
    this.deeper();
    const out = [];
    for (let node = firstElement(container); node; node = nextElement(node)) {
      const name = node.localName;
      const inW = node.namespaceURI === W;
      if (inW && name === "p") {
        append(out, this.paragraph(node));
      } else if (inW && name === "tbl") {
        append(out, this.table(node));
      } else if (inW && REVISION_OUT.indexOf(name) >= 0) {
        this.revisions++; // read as accepted: a deletion's content is gone
      } else if (inW && REVISION_IN.indexOf(name) >= 0) {
        this.revisions++;
        append(out, this.blocks(node));
      } else if ((inW && SKIP.indexOf(name) >= 0) || (node.namespaceURI === MC && name === "Fallback")) {
        // never displayed text
      } else if (node.namespaceURI === MC && name === "AlternateContent") {
        append(out, this.blocks(firstNs(node, MC, "Choice") || node));
      } else {
        append(out, this.blocks(node));
      }
    }
    this.depth--;
    return out;
  };

  function firstNs(node, ns, name) {
    for (let c = firstElement(node); c; c = nextElement(c)) {
      if (c.namespaceURI === ns && c.localName === name) {
        return c;
      }
    }
    return null;
  }

  Reader.prototype.paragraph = function (p) {
    const ppr = child(p, "pPr");
    let styleId = null;
    let numId = null;
    let level = null;
    let markDeleted = false;
    if (ppr) {
      styleId = val(child(ppr, "pStyle"));
      const num = child(ppr, "numPr");
      if (num) {
        numId = val(child(num, "numId"));
        level = toInt(val(child(num, "ilvl")));
      }
      const rpr = child(ppr, "rPr");
      if (rpr) {
        ["ins", "del", "moveFrom", "moveTo"].forEach((tag) => {
          if (child(rpr, tag)) {
            this.revisions++;
            markDeleted = REVISION_OUT.indexOf(tag) >= 0;
          }
        });
      }
    }
    const style = this.styles.get(styleId);
    if (numId === null) {
      numId = style.numId;
      level = level !== null ? level : style.ilvl;
    }
    this.boxes.push([]);
    const pieces = [];
    this.inline(p, pieces);
    const boxes = this.boxes.pop();
    let text = pieces.join("");
    if (this.carry) {
      text = this.carry + text;
      this.carry = "";
    }
    if (markDeleted) {
      this.carry = text; // accepting the deleted paragraph mark joins this paragraph with the next
      return boxes;
    }
    const label = this.numbering.label(numId, level, styleId || this.styles.defaultId);
    boxes.push(this.counted(label + text));
    return boxes;
  };

  Reader.prototype.table = function (tbl) {
    this.tables++;
    const rows = [];
    this.rows(tbl).forEach((tr) => {
      const cells = [];
      this.cells(tr).forEach((tc) => {
        const tcpr = child(tc, "tcPr");
        const span = tcpr ? toInt(val(child(tcpr, "gridSpan"))) : null;
        if (span !== null && span > PY.MAX_SPAN) {
          fail("wide_span", { table: this.tables, span: span, max: PY.MAX_SPAN });
        }
        const merge = tcpr ? child(tcpr, "vMerge") : null;
        const lines = [];
        this.blocks(tc).forEach((block) => {
          if (typeof block === "string") {
            lines.push(block);
          } else {
            block.rows.forEach((row) => {
              lines.push(row.join("\t")); // a table in a cell: its rows as lines
            });
          }
        });
        const mergeVal = merge ? val(merge) : null;
        const continued = merge !== null && (mergeVal === null ? "continue" : mergeVal) === "continue";
        cells.push(continued && !lines.some(Boolean) ? "" : lines.join("\n"));
        for (let k = 1; k < (span || 1); k++) {
          cells.push("");
        }
      });
      rows.push(cells);
    });
    const width = rows.reduce((most, row) => Math.max(most, row.length), 0);
    rows.forEach((row) => {
      while (row.length < width) {
        row.push("");
      }
    });
    return rows.length ? [{ rows: rows }] : [];
  };

  Reader.prototype.rows = function (tbl) {
    this.deeper();
    const out = [];
    for (let c = firstElement(tbl); c; c = nextElement(c)) {
      if (isW(c, "tr")) {
        out.push(c);
      } else if (isW(c) && ["sdt", "sdtContent", "customXml", "ins"].indexOf(c.localName) >= 0) {
        append(out, this.rows(c));
      }
    }
    this.depth--;
    return out;
  };

  Reader.prototype.cells = function (tr) {
    this.deeper();
    const out = [];
    for (let c = firstElement(tr); c; c = nextElement(c)) {
      if (isW(c, "tc")) {
        out.push(c);
      } else if (isW(c) && ["sdt", "sdtContent", "customXml"].indexOf(c.localName) >= 0) {
        append(out, this.cells(c));
      }
    }
    this.depth--;
    return out;
  };

  Reader.prototype.inline = function (node, out) {
    this.deeper();
    for (let c = firstElement(node); c; c = nextElement(c)) {
      const name = c.localName;
      const inW = c.namespaceURI === W;
      if ((inW && SKIP.indexOf(name) >= 0) || (c.namespaceURI === MC && name === "Fallback")) {
        continue;
      }
      if ((inW && name === "t") || (c.namespaceURI === M && name === "t")) {
        out.push(c.textContent);
      } else if (inW && name in CHAR) {
        out.push(CHAR[name]);
      } else if (inW && name === "r") {
        const rpr = child(c, "rPr");
        if (rpr && (on(child(rpr, "vanish")) || this.styles.hiddenChars[val(child(rpr, "rStyle"))])) {
          continue;
        }
        this.inline(c, out);
      } else if (inW && REVISION_OUT.indexOf(name) >= 0) {
        this.revisions++;
      } else if (inW && REVISION_IN.indexOf(name) >= 0) {
        this.revisions++;
        this.inline(c, out);
      } else if (inW && name === "sym") {
        const code = /^[0-9A-Fa-f]+$/.test(wattr(c, "char") || "") ? parseInt(wattr(c, "char"), 16) : 0;
        if (code >= 0x20 && code < 0xd800) {
          out.push(String.fromCharCode(code));
        }
      } else if (inW && (name === "footnoteReference" || name === "endnoteReference")) {
        if (["1", "true", "on"].indexOf(wattr(c, "customMarkFollows")) >= 0) {
          continue;
        }
        const [part, notes] = this.notes[name === "footnoteReference" ? "footnotes" : "endnotes"];
        const note = Object.hasOwn(notes, wattr(c, "id")) ? notes[wattr(c, "id")] : null;
        if (note) {
          this.noteText(note, part); // read as read.py reads it (the page shows only its mark)
        }
        this.noteCount++;
        out.push(PY.NOTE_MARK.replace("{n}", String(this.noteCount)));
      } else if (c.namespaceURI === MC && name === "AlternateContent") {
        this.inline(firstNs(c, MC, "Choice") || c, out);
      } else if (inW && name === "txbxContent") {
        append(this.boxes[this.boxes.length - 1], this.story(c));
      } else {
        this.inline(c, out);
      }
    }
    this.depth--;
  };

  Reader.prototype.noteText = function (note, part) {
    this.boxes.push([]);
    const reading = this.part;
    this.part = part;
    this.story(note);
    this.part = reading;
    this.boxes.pop();
  };

  /* Note id -> its w:footnote / w:endnote element, separators left out (read.py _notes) */
  function notesOf(root, kind) {
    const found = {};
    if (root) {
      Array.prototype.forEach.call(root.getElementsByTagNameNS(W, kind), (note) => {
        const type = wattr(note, "type");
        const id = wattr(note, "id");
        if ((type === null || type === "normal") && id !== null) {
          found[id] = note;
        }
      });
    }
    return found;
  }

  /* Every paragraph text in reading order, the paragraphs of table cells included (read.py texts()) */
  function texts(blocks) {
    const out = [];
    blocks.forEach((block) => {
      if (typeof block === "string") {
        out.push(block);
      } else {
        block.rows.forEach((row) => {
          row.forEach((cell) => {
            if (cell) {
              out.push(cell);
            }
          });
        });
      }
    });
    return out;
  }

  function docxText(buffer) {
    const files = unzip(new Uint8Array(buffer));
    const main = mainPart(files);
    const links = partLinks(files, main);
    const styles = new Styles(xml(files, links.styles));
    const numbering = new Numbering(xml(files, links.numbering), styles);
    const root = xml(files, main);
    if (!root) {
      fail("missing_part", { name: main });
    }
    const body = child(root, "body");
    if (!body) {
      fail("no_body", {});
    }
    const notes = {};
    ["footnotes", "endnotes"].forEach((kind) => {
      notes[kind] = [links[kind] || "", notesOf(xml(files, links[kind]), kind.slice(0, -1))];
    });
    const reader = new Reader(styles, numbering, notes);
    reader.part = main;
    const paragraphs = texts(reader.story(body));
    return { text: paragraphs.join("\n"), paragraphs: paragraphs, revisions: reader.revisions };
  }

  globalThis.fanwenkuDocxText = docxText;
})();
