/* 范文库 公文体检: the checker engine for the browser.
 *
 * The same engine as engine.py and structure.py beside it, function for function, on the same rules
 * (templates_src/checker/, published at build time as the bundle assets/checker/rules.js, which sets
 * window.fanwenkuCheckerRules). Its constants come from engine.py's script_constants(), written in front of this
 * file when the build publishes it (macros/build/scripts.py); tests/twins/ runs both engines on the same cases.
 * Positions are counted in characters (code points), 1-based, like Python's; JavaScript strings count UTF-16
 * units, so every index found here goes through a line's pointer() before it is reported.
 *
 *   fanwenkuChecker.check(text, rules) -> [{line, column, end_column, rule, level, message, fix, basis}]
 *   fanwenkuChecker.applyFixes(text, findings) -> text with the fixes applied ("\n" line ends)
 *   fanwenkuChecker.findPhrases(text, rules) -> [{line, column, end_column, phrase}] bank phrases used (their text)
 *   fanwenkuChecker.splitLines(text), fanwenkuChecker.characters(text), fanwenkuChecker.MAX_CHARS
 *
 * Running this file again only redefines the same functions.
 */
(() => {
  const PY = globalThis.fanwenkuPython["checker/engine"];
  const CHINESE_DIGITS = PY.CHINESE_DIGITS;
  const CIRCLED = PY.CIRCLED;
  const LEVEL_NAMES = PY.LEVEL_NAMES;
  const INDENT = new RegExp(PY.INDENT, "u");
  const UNIT = new RegExp(PY.UNIT, "dgu");
  const BOOK_TITLE = new RegExp(PY.BOOK_TITLE, "dgu");
  const PUNCT_FOLD = PY.PUNCT_FOLD;
  const TITLE_BAD = new RegExp(PY.TITLE_BAD, "u");
  const TITLE_NOTE = new RegExp(PY.TITLE_NOTE, "u");
  const SYNTAX = PY.SYNTAX;
  const SIGNED_LINE = new RegExp(PY.SIGNED_LINE, "u");
  const SIGNATURE_BAD = new RegExp(PY.SIGNATURE_BAD, "u");
  const NOTE = new RegExp(PY.NOTE, "u");
  const RECIPIENT_BAD = new RegExp(PY.RECIPIENT_BAD, "u");
  const ATTACHMENT_ITEM = new RegExp(PY.ATTACHMENT_ITEM, "u");
  const WEEKDAY = new RegExp(PY.WEEKDAY, "dgu");
  const YEAR_ZEROS = PY.YEAR_ZEROS;

  // ------------------------------------------------------------ characters and numbers

  function points(text) {
    return Array.from(text);
  }

  function length(text) {
    return Array.from(text).length;
  }

  /* A line's UTF-16 index -> its code-point index, at(index). Made once per line: many positions on a long line cost
     one pass over it, not one each. */
  function pointer(line) {
    if (!/[\uDC00-\uDFFF]/.test(line)) {
      return (index) => index;
    }
    const counts = new Int32Array(line.length + 1);
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i);
      counts[i + 1] = counts[i] + (code < 0xdc00 || code > 0xdfff ? 1 : 0);
    }
    return (index) => counts[index];
  }

  function stepOver(line, index) {
    const code = line.charCodeAt(index);
    return index + (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
  }

  function chineseToInt(text) {
    const chars = points(text);
    if (!chars.length || chars.some((c) => !(c in CHINESE_DIGITS) && c !== "十")) {
      return null;
    }
    if (chars.indexOf("十") < 0) {
      return parseInt(chars.map((c) => String(CHINESE_DIGITS[c])).join(""), 10);
    }
    const at = chars.indexOf("十");
    const left = chars.slice(0, at);
    const right = chars.slice(at + 1);
    if (left.length > 1 || right.length > 1 || right.indexOf("十") >= 0) {
      return null;
    }
    const tens = left.length ? CHINESE_DIGITS[left[0]] : 1;
    return tens * 10 + (right.length ? CHINESE_DIGITS[right[0]] : 0);
  }

  function intToChinese(n) {
    const names = "〇一二三四五六七八九";
    if (n < 10) {
      return names[n];
    }
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return `${tens === 1 ? "" : names[tens]}十${ones ? names[ones] : ""}`;
  }

  const TRANSFORMS = {
    阿拉伯数字: (text) => {
      const value = chineseToInt(text);
      return value === null ? text : String(value);
    },
    汉字数字: (text) => {
      const value = /^[0-9]+$/.test(text) ? parseInt(text, 10) : 0;
      return value > 0 && value < 100 ? intToChinese(value) : text;
    },
    年份〇: (text) =>
      points(text)
        .map((c) => (YEAR_ZEROS.indexOf(c) >= 0 ? "〇" : c))
        .join(""),
    半角: (text) =>
      points(text)
        .map((c) => {
          const code = c.codePointAt(0);
          if (code >= 0xff01 && code <= 0xff5e) {
            return String.fromCodePoint(code - 0xfee0);
          }
          return c === "\u3000" ? " " : c;
        })
        .join(""),
    全角: (text) =>
      points(text)
        .map((c) => {
          const code = c.codePointAt(0);
          if (code >= 0x21 && code <= 0x7e) {
            return String.fromCodePoint(code + 0xfee0);
          }
          return c === " " ? "\u3000" : c;
        })
        .join(""),
  };

  function render(parts, match) {
    return parts
      .map((part) => {
        if (typeof part === "string") {
          return part;
        }
        const value = match[part[0]] || "";
        return part[1] ? TRANSFORMS[part[1]](value) : value;
      })
      .join("");
  }

  function regexEscape(text) {
    return points(text)
      .map((c) => (SYNTAX.indexOf(c) >= 0 ? `\\${c}` : c))
      .join("");
  }

  function foldPunctuation(text) {
    return Array.from(text, (c) => PUNCT_FOLD[c] || c).join("");
  }

  function unique(items) {
    const seen = new Set();
    return items.filter((item) => {
      if (seen.has(item)) {
        return false;
      }
      seen.add(item);
      return true;
    });
  }

  /* Sorted copy: longer first (in characters), otherwise the given order (Array.prototype.sort is stable). */
  function longestFirst(texts) {
    return texts.slice().sort((a, b) => length(b) - length(a));
  }

  // ------------------------------------------------------------ the document

  function splitLines(text) {
    if (text.charAt(0) === "\ufeff") {
      text = text.slice(1);
    }
    return text.replace(/\r\n/g, "\n").replace(/\r/g, "\n").split("\n");
  }

  const compiledCache = new WeakMap();

  function compiled(rules) {
    let cache = compiledCache.get(rules);
    if (!cache) {
      cache = {
        patterns: {},
        numbering: rules.numbering.map((n) => [
          new RegExp(n.pattern, "du"),
          n.continued ? new RegExp(n.continued, "du") : null,
        ]),
        shape: {
          附件说明: new RegExp(rules.shape.attachment_note, "u"),
          附件页: new RegExp(rules.shape.attachment_page, "u"),
          版记: new RegExp(rules.shape.record, "u"),
          落款日期: new RegExp(rules.shape.date, "u"),
        },
        mixed: {},
      };
      rules.rules.forEach((rule) => {
        if (rule.pattern !== null) {
          cache.patterns[rule.id] = new RegExp(rule.pattern, "gu");
        }
      });
      compiledCache.set(rules, cache);
    }
    return cache;
  }

  function Document(lines, rules) {
    this.lines = lines;
    this.rules = rules;
    this.text = lines.join("\n"); // what the rules' patterns search, once
    this.pointer = pointer(this.text);
    this.starts = new Array(lines.length); // where each line starts in it, in characters
    for (let i = 0, at = 0; i < lines.length; i++) {
      this.starts[i] = at;
      at += length(lines[i]) + 1;
    }
    this.nonempty = [];
    lines.forEach((line, i) => {
      if (/[^ \t\u3000]/.test(line)) {
        this.nonempty.push(i);
      }
    });
    /* following[i]: the first non-empty line after line i (null at the end); made once, looked up in O(1) */
    this.following = new Array(lines.length).fill(null);
    for (let k = this.nonempty.length - 1, next = null, j = lines.length - 1; j >= 0; j--) {
      this.following[j] = next;
      if (k >= 0 && this.nonempty[k] === j) {
        next = j;
        k--;
      }
    }
    const shape = rules.shape;
    this.shape = compiled(rules).shape;
    this.titleLine = this.title(shape.kinds);
    this.kind = this.findKind(shape);
    this.parts = this.findParts();
    this.party = this.isParty(shape);
    const numbering = compiled(rules).numbering;
    this.numbered = lines.map((line, i) =>
      PY.NUMBERED_PARTS.indexOf(this.parts[i]) >= 0 ? this.number(line, numbering) : null,
    );
    /* restart[i]: line i begins an attachment, whose numbers start afresh */
    this.restart = lines.map(
      (_line, i) => this.parts[i] === "附件" && (i === 0 || this.parts[i - 1] !== "附件" || this.isPage(i)),
    );
    this.resolveContinued();
  }

  // ---- parts (structure.py Document._parts and what it uses)

  Document.prototype.isPage = function (i) {
    return this.shape.附件页.test(this.stripped(i)[0]);
  };

  /* The 文种 of a 公文 whose title is “（机关）关于……的<文种>”; null for any other draft. */
  Document.prototype.findKind = function (shape) {
    if (this.titleLine === null) {
      return null;
    }
    const text = this.stripped(this.titleLine)[0].replace(TITLE_NOTE, "");
    const found = text.indexOf("关于");
    if (found < 0) {
      return null;
    }
    const at = length(text.slice(0, found));
    const n = length(text);
    for (const kind of shape.kinds) {
      if (text.endsWith(`的${kind}`) && n - length(kind) - 1 > at + 2) {
        return kind;
      }
    }
    return null;
  };

  Document.prototype.findParts = function () {
    const n = this.lines.length;
    const parts = new Array(n).fill("正文");
    if (this.titleLine !== null) {
      for (const i of this.nonempty) {
        if (i >= this.titleLine) {
          break;
        }
        parts[i] = "版头";
      }
      parts[this.titleLine] = "标题";
      const below = this.following[this.titleLine];
      if (below !== null) {
        const text = this.stripped(below)[0];
        if (
          length(text) <= PY.RECIPIENT_MAX &&
          (text.endsWith("：") || text.endsWith(":")) &&
          !RECIPIENT_BAD.test(text)
        ) {
          parts[below] = "主送";
        }
      }
    }
    const start = this.titleLine !== null ? this.titleLine + 1 : 0;
    let end = n; // the body and what closes it end where the attachments begin
    for (const i of this.nonempty) {
      if (i >= start && this.isPage(i)) {
        end = i;
        for (let k = i; k < n; k++) {
          parts[k] = "附件";
        }
        break;
      }
    }
    for (const i of this.nonempty) {
      if (i >= start && i < end && this.shape.版记.test(this.stripped(i)[0])) {
        for (let k = i; k < end; k++) {
          parts[k] = "版记";
        }
        end = i;
        break;
      }
    }
    this.signature(parts, start, end);
    for (const i of this.nonempty) {
      if (i >= start && i < end && parts[i] === "正文" && this.shape.附件说明.test(this.stripped(i)[0])) {
        parts[i] = "附件说明";
        this.attachmentList(parts, i, end);
        break;
      }
    }
    return parts;
  };

  /* 落款: the date closing the body (notes in brackets under it), and up to two organ names above it. */
  Document.prototype.signature = function (parts, start, end) {
    const body = this.nonempty.filter((i) => i >= start && i < end);
    let k = body.length - 1;
    const notes = [];
    while (k >= 0 && notes.length < 2 && NOTE.test(this.stripped(body[k])[0])) {
      notes.push(body[k]);
      k--;
    }
    if (k < 0) {
      return;
    }
    const text = this.stripped(body[k])[0];
    const oneLine = SIGNED_LINE.exec(text);
    if (this.shape.落款日期.test(text)) {
      parts[body[k]] = "落款";
      const above = body.slice(Math.max(0, k - 2), k).reverse();
      for (const i of above) {
        const name = this.stripped(i)[0];
        if (length(name) > PY.SIGNATURE_MAX || SIGNATURE_BAD.test(name) || parts[i] !== "正文") {
          break;
        }
        parts[i] = "落款";
      }
    } else if (oneLine && this.shape.落款日期.test(oneLine[2])) {
      parts[body[k]] = "落款";
    } else {
      return;
    }
    notes.forEach((i) => {
      parts[i] = "落款";
    });
  };

  /* The lines after “附件：1.…” that go on numbering the attachments: 2.… 3.… */
  Document.prototype.attachmentList = function (parts, first, end) {
    let expected = 2;
    for (const i of this.nonempty) {
      if (i <= first || i >= end || parts[i] !== "正文") {
        continue;
      }
      const m = ATTACHMENT_ITEM.exec(this.stripped(i)[0]);
      if (m === null || parseInt(m[1], 10) !== expected) {
        break;
      }
      parts[i] = "附件说明";
      expected++;
    }
  };

  /* A Party document: a marker in its first five non-empty lines or its 落款. */
  Document.prototype.isParty = function (shape) {
    const where = this.nonempty.slice(0, 5).concat(this.nonempty.slice(5).filter((i) => this.parts[i] === "落款"));
    return where.some((i) => shape.party.some((marker) => this.lines[i].indexOf(marker) >= 0));
  };

  Document.prototype.number = function (line, numbering) {
    const offset = INDENT.exec(line)[0].length;
    const rest = line.slice(offset);
    for (let index = 0; index < numbering.length; index++) {
      let m = numbering[index][0].exec(rest);
      let ambiguous = false;
      if (m === null && numbering[index][1] !== null) {
        m = numbering[index][1].exec(rest);
        ambiguous = true;
      }
      if (m === null) {
        continue;
      }
      const text = m[1];
      const style = this.rules.numbering[index];
      let value;
      if (style.numeral === "汉字") {
        value = chineseToInt(text);
      } else if (style.numeral === "圈码") {
        value = length(text) === 1 && CIRCLED.indexOf(text) >= 0 ? CIRCLED.indexOf(text) + 1 : null;
      } else {
        value = /^[0-9]+$/.test(text) ? parseInt(text, 10) : null;
      }
      if (value === null) {
        return null;
      }
      const at = pointer(rest);
      return {
        index: index,
        level: style.level,
        value: value,
        start: offset + at(m.indices[1][0]),
        end: offset + at(m.indices[1][1]),
        continued: ambiguous,
      };
    }
    return null;
  };

  /* A number read by a 接续时 form stays a number only where it goes on from the one before it in its list, or
     starts a list whose next number is 2; otherwise the line is text (“1.5亿元资金已拨付”). */
  Document.prototype.resolveContinued = function () {
    const following = new Array(this.lines.length).fill(null);
    let after = null;
    for (let i = this.lines.length - 1; i >= 0; i--) {
      following[i] = after;
      if (this.numbered[i] !== null) {
        after = this.numbered[i];
      }
    }
    let last = new Map();
    this.numbered.forEach((numbered, i) => {
      if (this.restart[i]) {
        last = new Map();
      }
      if (numbered === null) {
        return;
      }
      Array.from(last.keys()).forEach((index) => {
        if (this.rules.numbering[index].level > numbered.level) {
          last.delete(index);
        }
      });
      if (numbered.continued) {
        const previous = last.has(numbered.index) ? last.get(numbered.index) : null;
        const next = following[i];
        const keep =
          previous !== null
            ? previous === numbered.value - 1
            : numbered.value === 1 && next !== null && next.index === numbered.index && next.value === 2;
        if (!keep) {
          this.numbered[i] = null;
          return;
        }
      }
      last.set(numbered.index, numbered.value);
    });
  };

  Document.prototype.shown = function (index, value) {
    const numeral = this.rules.numbering[index].numeral;
    if (numeral === "汉字") {
      return value > 0 && value < 100 ? intToChinese(value) : String(value);
    }
    if (numeral === "圈码") {
      return value > 0 && value <= CIRCLED.length ? CIRCLED[value - 1] : String(value);
    }
    return String(value);
  };

  /* [text without indent and trailing blanks, indent length] */
  Document.prototype.stripped = function (i) {
    const line = this.lines[i];
    const offset = INDENT.exec(line)[0].length;
    return [line.slice(offset).replace(/[ \t\u3000]+$/, ""), offset];
  };

  Document.prototype.nextNonempty = function (i) {
    return this.following[i];
  };

  Document.prototype.title = function (kinds) {
    const first = this.nonempty.slice(0, 3);
    for (let k = 0; k < first.length; k++) {
      const text = this.stripped(first[k])[0];
      const n = length(text);
      if (n < 4 || n > 60 || TITLE_BAD.test(text)) {
        continue;
      }
      const core = text.replace(TITLE_NOTE, "");
      if (kinds.some((kind) => core.endsWith(kind))) {
        return first[k];
      }
    }
    return null;
  };

  function hit(i, start, end, message, fix) {
    return [i + 1, start + 1, end + 1, message, fix === undefined ? null : fix];
  }

  /* Every non-empty match of a global regex in line, as [match, start, end] in UTF-16 units. */
  function matches(regex, line) {
    const found = [];
    let pos = 0;
    while (pos <= line.length) {
      regex.lastIndex = pos;
      const m = regex.exec(line);
      if (m === null) {
        break;
      }
      const end = m.index + m[0].length;
      if (end === m.index) {
        pos = stepOver(line, m.index);
        continue;
      }
      found.push(m);
      pos = end;
    }
    return found;
  }

  // ------------------------------------------------------------ structural checks (structure.py)

  const CHECKS = {};

  CHECKS.序号连续 = (doc) => {
    const out = [];
    let last = new Map();
    doc.numbered.forEach((numbered, i) => {
      if (doc.restart[i]) {
        last = new Map();
      }
      if (numbered === null) {
        return;
      }
      Array.from(last.keys()).forEach((index) => {
        if (doc.rules.numbering[index].level > numbered.level) {
          last.delete(index);
        }
      });
      const previous = last.has(numbered.index) ? last.get(numbered.index) : null;
      const here = doc.shown(numbered.index, numbered.value);
      if (previous === null) {
        if (numbered.value !== 1) {
          const first = doc.shown(numbered.index, 1);
          out.push(hit(i, numbered.start, numbered.end, `这一层的第一个序号是“${here}”，前面没有“${first}”。`));
        }
        last.set(numbered.index, numbered.value);
      } else if (numbered.value !== previous + 1) {
        const expected = doc.shown(numbered.index, previous + 1);
        const before = doc.shown(numbered.index, previous);
        out.push(
          hit(
            i,
            numbered.start,
            numbered.end,
            `序号不连续：前一个同级序号是“${before}”，这里应是“${expected}”。`,
            expected,
          ),
        );
        last.set(numbered.index, numbered.value); // the next one goes on from this, so a skip is reported once
      } else {
        last.set(numbered.index, numbered.value);
      }
    });
    return out;
  };

  CHECKS.序号跳层 = (doc) => {
    const out = [];
    const used = new Set(doc.numbered.filter((n) => n !== null).map((n) => n.level));
    let open = [];
    doc.numbered.forEach((numbered, i) => {
      if (doc.restart[i]) {
        open = [];
      }
      if (numbered === null) {
        return;
      }
      while (open.length && open[open.length - 1] >= numbered.level) {
        open.pop();
      }
      if (open.length && open[open.length - 1] < numbered.level - 1 && used.has(open[open.length - 1] + 1)) {
        const parent = open[open.length - 1];
        out.push(
          hit(
            i,
            numbered.start,
            numbered.end,
            "“" +
              LEVEL_NAMES[parent] +
              "”下面直接用了“" +
              LEVEL_NAMES[numbered.level] +
              "”，跳过了“" +
              LEVEL_NAMES[parent + 1] +
              "”这一层。",
          ),
        );
      }
      open.push(numbered.level);
    });
    return out;
  };

  function isHeading(doc, i, params) {
    if (doc.numbered[i] === null) {
      return false;
    }
    const text = doc.stripped(i)[0];
    const chars = points(text);
    const lastChar = chars.length ? chars[chars.length - 1] : "";
    return (
      chars.length <= params.标题最长 &&
      text.indexOf("。") < 0 &&
      !(lastChar && params.标题不以这些结尾.indexOf(lastChar) >= 0)
    );
  }

  CHECKS.空标题 = (doc, rule) => {
    const out = [];
    doc.nonempty.forEach((i) => {
      if (!isHeading(doc, i, rule.params)) {
        return;
      }
      const s = doc.stripped(i);
      const end = s[1] + length(s[0]);
      const following = doc.nextNonempty(i);
      if (following === null) {
        out.push(hit(i, s[1], end, "这个标题是全文最后一行，下面没有正文。"));
      } else if (doc.numbered[following] !== null && doc.numbered[following].level <= doc.numbered[i].level) {
        out.push(hit(i, s[1], end, "这个标题下面没有正文：下一行就是同级或上一级的标题。"));
      }
    });
    return out;
  };

  CHECKS.段末标点 = (doc, rule) => {
    const params = rule.params;
    const out = [];
    doc.nonempty.forEach((i) => {
      const s = doc.stripped(i);
      const text = s[0];
      const chars = points(text);
      if (doc.numbered[i] !== null && text.indexOf("。") < 0 && chars.length <= params.标题最长) {
        return;
      }
      if (chars.length < params.最短 || !points(params.句中标点).some((c) => text.indexOf(c) >= 0)) {
        return;
      }
      if (params.段末可用.indexOf(chars[chars.length - 1]) < 0) {
        const end = s[1] + chars.length;
        out.push(hit(i, end - 1, end, "段落末尾没有句末标点：漏了句号，或者这段话没有写完。"));
      }
    });
    return out;
  };

  CHECKS.成对标号 = (doc, rule) => {
    const out = [];
    doc.nonempty.forEach((i) => {
      const chars = points(doc.lines[i]);
      rule.params.成对.forEach((spec) => {
        const marks = points(spec);
        const left = marks[0];
        const right = marks[1];
        const name = marks.slice(2).join("");
        let opened = [];
        chars.forEach((c, pos) => {
          if (c === left) {
            opened.push(pos);
          } else if (c === right) {
            if (opened.length) {
              opened.pop();
            } else {
              out.push(
                hit(i, pos, pos + 1, `${name}没有配对：这里的后一半（${right}）前面没有对应的前一半（${left}）。`),
              );
            }
          }
        });
        const following = doc.nextNonempty(i);
        if (opened.length && following !== null && doc.stripped(following)[0].startsWith(left)) {
          opened = opened.slice(1);
        }
        opened.forEach((pos) => {
          out.push(hit(i, pos, pos + 1, `${name}没有配对：这里的前一半（${left}）后面没有对应的后一半（${right}）。`));
        });
      });
    });
    return out;
  };

  CHECKS.单位写法 = (doc, rule) => {
    const out = [];
    const canonical = new Map();
    rule.params.单位.forEach((unit) => {
      canonical.set(unit.toLowerCase(), unit);
    });
    const seen = new Map();
    doc.nonempty.forEach((i) => {
      const line = doc.lines[i];
      const at = pointer(line);
      matches(UNIT, line).forEach((m) => {
        const word = m[1];
        const key = word.toLowerCase();
        if (canonical.has(key)) {
          if (!seen.has(key)) {
            seen.set(key, []);
          }
          seen.get(key).push([i, at(m.indices[1][0]), at(m.indices[1][1]), word]);
        }
      });
    });
    seen.forEach((places, key) => {
      const spellings = unique(places.map((p) => p[3]));
      if (spellings.length < 2) {
        return;
      }
      const standard = canonical.get(key);
      places.forEach((p) => {
        if (p[3] !== standard) {
          const message =
            "同一篇里这个单位有" +
            spellings.length +
            "种写法（" +
            spellings.join("、") +
            "），统一写成“" +
            standard +
            "”。";
          out.push(hit(p[0], p[1], p[2], message, standard));
        }
      });
    });
    return out;
  };

  CHECKS.主送机关冒号 = (doc, rule) => {
    const title = doc.title(rule.params.文种);
    if (title === null) {
      return [];
    }
    const candidate = doc.nextNonempty(title);
    if (candidate === null) {
      return [];
    }
    const s = doc.stripped(candidate);
    const chars = points(s[0]);
    if (!chars.length || chars.length > 80 || /[。；;？！?!]/.test(chars.slice(0, -1).join(""))) {
      return [];
    }
    const lastChar = chars[chars.length - 1];
    const tail = "，,.。;；".indexOf(lastChar) >= 0 ? lastChar : "";
    const body = tail ? chars.slice(0, -1).join("") : s[0];
    if (body.endsWith("：") || body.endsWith(":") || !rule.params.机关结尾.some((w) => body.endsWith(w))) {
      return [];
    }
    if (!(body.startsWith("各") || /[、，,]/.test(body))) {
      return [];
    }
    const end = s[1] + chars.length;
    const message = "主送机关的最后一个机关名称后面要加全角冒号“：”。";
    return [hit(candidate, end - 1, end, message, tail ? "：" : `${lastChar}：`)];
  };

  /* Two ways of writing one kind of number in one paragraph: where a line has both 甲 and 乙, every 乙. */
  CHECKS.同段混用 = (doc, rule) => {
    const cache = compiled(doc.rules).mixed;
    if (!cache[rule.id]) {
      cache[rule.id] = [new RegExp(rule.params.甲, "u"), new RegExp(rule.params.乙, "gu")];
    }
    const first = cache[rule.id][0];
    const second = cache[rule.id][1];
    const out = [];
    doc.nonempty.forEach((i) => {
      const line = doc.lines[i];
      const one = first.exec(line);
      if (one === null) {
        return;
      }
      const at = pointer(line);
      matches(second, line).forEach((m) => {
        const message = `这一段里既有“${one[0]}”，又有“${m[0]}”：同一类的数字用同一种写法。`;
        out.push(hit(i, at(m.index), at(m.index + m[0].length), message));
      });
    });
    return out;
  };

  function validDate(year, month, day) {
    if (month < 1 || month > 12 || day < 1) {
      return false;
    }
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  }

  /* 0 for Monday … 6 for Sunday (Sakamoto's method, as structure.py). */
  function dayOfWeek(year, month, day) {
    const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    const y = month < 3 ? year - 1 : year;
    const sundayFirst =
      (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + offsets[month - 1] + day) % 7;
    return (sundayFirst + 6) % 7;
  }

  CHECKS.星期核对 = (doc) => {
    const out = [];
    doc.nonempty.forEach((i) => {
      const line = doc.lines[i];
      const at = pointer(line);
      matches(WEEKDAY, line).forEach((m) => {
        const year = parseInt(m[1], 10);
        const month = parseInt(m[2], 10);
        const day = parseInt(m[3], 10);
        if (!validDate(year, month, day)) {
          return;
        }
        const right = PY.WEEKDAYS[dayOfWeek(year, month, day)];
        const written = m[5];
        if (written === right || (written === "天" && right === "日")) {
          return;
        }
        const message = `${year}年${month}月${day}日是${m[4]}${right}，不是${m[4]}${written}。`;
        out.push(hit(i, at(m.indices[4][0]), at(m.indices[5][1]), message, m[4] + right));
      });
    });
    return out;
  };

  CHECKS.结束语 = (doc, rule) => {
    const out = [];
    if (doc.kind === null) {
      return out;
    }
    const closings = new Map();
    rule.params.结束语.forEach((item) => {
      const at = item.indexOf("：");
      closings.set(item.slice(0, at), item.slice(at + 1).split("、"));
    });
    doc.nonempty.forEach((i) => {
      if (doc.parts[i] !== "正文") {
        return;
      }
      const s = doc.stripped(i);
      const core = s[0].replace(/[。！]+$/u, "");
      const kinds = closings.get(core);
      if (kinds !== undefined && kinds.indexOf(doc.kind) < 0) {
        const message = `“${core}”是${kinds.join("、")}的结束语，这份${doc.kind}不用它。`;
        out.push(hit(i, s[1], s[1] + length(core), message));
      }
    });
    return out;
  };

  CHECKS.书名简称 = (doc, rule) => {
    const whole = doc.lines.join("\n");
    const declared = new Map(); /* whether the draft introduces a short title, searched once per title */
    const isDeclared = (inner) => {
      if (!declared.has(inner)) {
        declared.set(inner, whole.indexOf(`简称《${inner}》`) >= 0 || whole.indexOf(`简称“${inner}”`) >= 0);
      }
      return declared.get(inner);
    };
    const out = [];
    doc.nonempty.forEach((i) => {
      const line = doc.lines[i];
      const at = pointer(line);
      matches(BOOK_TITLE, line).forEach((m) => {
        const inner = m[1];
        if (rule.params.简称.indexOf(inner) >= 0 && !isDeclared(inner)) {
          out.push(
            hit(
              i,
              at(m.index),
              at(m.index + m[0].length),
              `《${inner}》只写了文种：引用文件要写全称，或先写全称再注明“以下简称《${inner}》”。`,
            ),
          );
        }
      });
    });
    return out;
  };

  const phraseCache = new WeakMap();

  /* Folded phrase text -> entry (first entry wins its place, the last its value: as a Python dict), and the regex. */
  function phraseIndex(rules) {
    let index = phraseCache.get(rules);
    if (!index) {
      const folded = new Map();
      rules.phrases.forEach((p) => {
        folded.set(foldPunctuation(p.text), p);
      });
      const ordered = longestFirst(Array.from(folded.keys()));
      index = {
        folded: folded,
        regex: ordered.length ? new RegExp(ordered.map(regexEscape).join("|"), "gu") : null,
      };
      phraseCache.set(rules, index);
    }
    return index;
  }

  /* A phrase of the bank's checked categories used 次数 times within 相隔最多 characters: reported once, where it
     happens, with the phrase's own 近义 as alternatives. */
  CHECKS.表述重复 = (doc, rule) => {
    const params = rule.params;
    const times = params.次数;
    const span = params.相隔最多;
    const index = phraseIndex(doc.rules);
    if (index.regex === null) {
      return [];
    }
    const uses = new Map();
    const places = new Map();
    let offset = 0;
    doc.lines.forEach((line, i) => {
      const at = pointer(line);
      matches(index.regex, foldPunctuation(line)).forEach((m) => {
        const key = m[0];
        const phrase = index.folded.get(key);
        if (params.只查类别.indexOf(phrase.category) < 0 || places.has(key)) {
          return;
        }
        const start = at(m.index);
        const recent = (uses.get(key) || []).filter((where) => offset + start - where <= span).slice(-(times - 1));
        recent.push(offset + start);
        uses.set(key, recent);
        if (recent.length >= times) {
          places.set(key, [i, m.index, m.index + key.length, phrase, recent.length]);
        }
      });
      offset += length(line) + 1;
    });
    const out = [];
    places.forEach((place) => {
      const phrase = place[3];
      const alternatives = unique(phrase.synonyms.map(foldPunctuation)).slice(0, params.备选最多);
      const line = doc.lines[place[0]];
      const at = pointer(line);
      const used = line.slice(place[1], place[2]);
      const others = alternatives.length ? `可以换个说法：${alternatives.join("、")}。` : "换个说法。";
      out.push(hit(place[0], at(place[1]), at(place[2]), `“${used}”在${span}字以内用了${place[4]}次，${others}`));
    });
    return out;
  };

  const wordCache = new WeakMap();

  CHECKS.词表 = (doc) => {
    let index = wordCache.get(doc.rules);
    if (!index) {
      const byText = new Map();
      doc.rules.words.forEach((w) => {
        byText.set(w.wrong, w);
      });
      index = {
        byText: byText,
        regex: new RegExp(longestFirst(Array.from(byText.keys())).map(regexEscape).join("|"), "gu"),
      };
      wordCache.set(doc.rules, index);
    }
    const out = [];
    doc.nonempty.forEach((i) => {
      const line = doc.lines[i];
      const at = pointer(line);
      let pos = 0;
      for (;;) {
        index.regex.lastIndex = pos;
        const m = index.regex.exec(line);
        if (m === null) {
          break;
        }
        const word = index.byText.get(m[0]);
        const start = m.index;
        const end = start + m[0].length;
        const excluded = word.exclude.some((phrase) => {
          for (let k = Math.max(0, end - phrase.length); k <= start; k++) {
            if (line.startsWith(phrase, k)) {
              return true;
            }
          }
          return false;
        });
        if (excluded) {
          pos = stepOver(line, start);
          continue;
        }
        out.push(hit(i, at(start), at(end), `“${word.wrong}”应写作“${word.right}”。${word.note}`, word.right));
        pos = end;
      }
    });
    return out;
  };

  // ------------------------------------------------------------ the engine (engine.py)

  /* Every non-empty match of a rule's pattern, searched once over the whole draft (engine.py pattern_findings):
     a pattern cannot take a line end and its ^ and $ are a line's start and end, so a match lies within a line. */
  function patternFindings(rule, doc, regex) {
    const found = [];
    const text = doc.text;
    const at = doc.pointer;
    const starts = doc.starts;
    let line = 0;
    matches(regex, text).forEach((m) => {
      const start = at(m.index);
      while (line + 1 < starts.length && starts[line + 1] <= start) {
        line++; // matches come in order: the line only moves forward
      }
      if (rule.skip.indexOf(doc.parts[line]) >= 0) {
        return;
      }
      found.push({
        line: line + 1,
        column: start - starts[line] + 1,
        end_column: at(m.index + m[0].length) - starts[line] + 1,
        rule: rule.id,
        level: rule.level,
        message: rule.message,
        fix: rule.fix !== null ? render(rule.fix, m) : null,
        basis: rule.basis,
      });
    });
    return found;
  }

  /* Whether a rule reads this draft at all: its 只查文种 and, for 不查: 党的文件, the draft's kind. */
  function applies(rule, doc) {
    if (rule.kinds.length && rule.kinds.indexOf(doc.kind) < 0) {
      return false;
    }
    return !(rule.skip.indexOf(PY.PARTY) >= 0 && doc.party);
  }

  function check(text, rules) {
    const doc = new Document(splitLines(text), rules);
    const cache = compiled(rules);
    const keyed = [];
    rules.rules.forEach((rule, order) => {
      if (!applies(rule, doc)) {
        return;
      }
      let found;
      if (rule.pattern !== null) {
        found = patternFindings(rule, doc, cache.patterns[rule.id]);
      } else {
        found = CHECKS[rule.check](doc, rule)
          .filter((h) => rule.skip.indexOf(doc.parts[h[0] - 1]) < 0)
          .map((h) => ({
            line: h[0],
            column: h[1],
            end_column: h[2],
            rule: rule.id,
            level: rule.level,
            message: h[3],
            fix: h[4],
            basis: rule.basis,
          }));
      }
      found.forEach((f) => {
        keyed.push([f.line, f.column, f.end_column, order, f]);
      });
    });
    keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    return oneErrorPerSpan(keyed);
  }

  /* At most one 错误 on any character: of overlapping 错误 the rule standing first in rules.yml wins; 建议 stay
     (engine.py one_error_per_span). Clusters by a sweep over the sorted findings, decided by priority within each. */
  function oneErrorPerSpan(keyed) {
    const out = [];
    let cluster = [];
    let reach = [0, 0];
    keyed.forEach((k) => {
      if (cluster.length && (k[0] > reach[0] || (k[0] === reach[0] && k[1] >= reach[1]))) {
        decide(cluster).forEach((f) => {
          out.push(f);
        });
        cluster = [];
      }
      cluster.push([k[3], k[4]]);
      if (cluster.length === 1 || k[0] > reach[0] || (k[0] === reach[0] && k[2] > reach[1])) {
        reach = [k[0], k[2]];
      }
    });
    decide(cluster).forEach((f) => {
      out.push(f);
    });
    return out;
  }

  function decide(cluster) {
    if (cluster.length < 2) {
      return cluster.map((pair) => pair[1]);
    }
    const kept = [];
    const ranked = cluster.slice().sort((a, b) => (a[1].level !== "错误") - (b[1].level !== "错误") || a[0] - b[0]);
    ranked.forEach((pair) => {
      const f = pair[1];
      const overlapping = kept.filter((k) => k.column < f.end_column && f.column < k.end_column);
      if (f.level === "错误" && overlapping.some((k) => k.level === "错误")) {
        return;
      }
      kept.push(f);
    });
    return cluster.map((pair) => pair[1]).filter((f) => kept.indexOf(f) >= 0);
  }

  /* The fixes applied together, in place order: of overlapping ones, the first (engine.py chosen_fixes) */
  function chosenFixes(findings) {
    const chosen = [];
    findings
      .filter((f) => f.fix !== null)
      .sort((a, b) => a.line - b.line || a.column - b.column || a.end_column - b.end_column)
      .forEach((f) => {
        const last = chosen[chosen.length - 1];
        if (last && last.line === f.line && f.column < last.end_column) {
          return;
        }
        chosen.push(f);
      });
    return chosen;
  }

  function applyFixes(text, findings) {
    const lines = splitLines(text);
    const chosen = chosenFixes(findings);
    /* Each line rebuilt once from its pieces: a fix at a time would copy a long line once per fix */
    const byLine = new Map();
    chosen.forEach((f) => {
      if (!byLine.has(f.line)) {
        byLine.set(f.line, []);
      }
      byLine.get(f.line).push(f);
    });
    byLine.forEach((fixes, number) => {
      const chars = points(lines[number - 1]);
      const pieces = [];
      let at = 0;
      fixes.forEach((f) => {
        pieces.push(chars.slice(at, f.column - 1).join(""), f.fix);
        at = f.end_column - 1;
      });
      pieces.push(chars.slice(at).join(""));
      lines[number - 1] = pieces.join("");
    });
    return lines.join("\n");
  }

  /* Where the draft uses a phrase of the bank (leftmost, longest), for linking it to the 常用表述 page. */
  function findPhrases(text, rules) {
    const index = phraseIndex(rules);
    const out = [];
    if (index.regex === null) {
      return out;
    }
    splitLines(text).forEach((line, n) => {
      const at = pointer(line);
      matches(index.regex, foldPunctuation(line)).forEach((m) => {
        out.push({
          line: n + 1,
          column: at(m.index) + 1,
          end_column: at(m.index + m[0].length) + 1,
          phrase: index.folded.get(m[0]).text,
        });
      });
    });
    return out;
  }

  globalThis.fanwenkuChecker = {
    check: check,
    applyFixes: applyFixes,
    chosenFixes: chosenFixes,
    findPhrases: findPhrases,
    splitLines: splitLines,
    characters: length,
    MAX_CHARS: PY.MAX_CHARS,
  };
})();
