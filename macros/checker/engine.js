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
        numbering: rules.numbering.map((n) => new RegExp(n.pattern, "du")),
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
    this.nonempty = [];
    lines.forEach((line, i) => {
      if (/[^ \t\u3000]/.test(line)) {
        this.nonempty.push(i);
      }
    });
    const numbering = compiled(rules).numbering;
    this.numbered = lines.map((line) => this.number(line, numbering));
    /* following[i]: the first non-empty line after line i (null at the end); made once, looked up in O(1) */
    this.following = new Array(lines.length).fill(null);
    for (let k = this.nonempty.length - 1, next = null, j = lines.length - 1; j >= 0; j--) {
      this.following[j] = next;
      if (k >= 0 && this.nonempty[k] === j) {
        next = j;
        k--;
      }
    }
  }

  Document.prototype.number = function (line, numbering) {
    const offset = INDENT.exec(line)[0].length;
    const rest = line.slice(offset);
    for (let index = 0; index < numbering.length; index++) {
      const m = numbering[index].exec(rest);
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
      };
    }
    return null;
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
    const last = new Map();
    doc.numbered.forEach((numbered, i) => {
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
        last.set(numbered.index, previous + 1);
      } else {
        last.set(numbered.index, numbered.value);
      }
    });
    return out;
  };

  CHECKS.序号跳层 = (doc) => {
    const out = [];
    const open = [];
    doc.numbered.forEach((numbered, i) => {
      if (numbered === null) {
        return;
      }
      while (open.length && open[open.length - 1] >= numbered.level) {
        open.pop();
      }
      if (open.length && open[open.length - 1] < numbered.level - 1) {
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
      if (doc.numbered[i] !== null && text.indexOf("。") < 0) {
        return;
      }
      const chars = points(text);
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

  CHECKS.报告夹带请示 = (doc, rule) => {
    const title = doc.title(["报告"]);
    const out = [];
    if (title === null) {
      return out;
    }
    doc.nonempty.forEach((i) => {
      if (i <= title) {
        return;
      }
      const line = doc.lines[i];
      const at = pointer(line);
      rule.params.请示用语.forEach((term) => {
        let pos = line.indexOf(term);
        while (pos >= 0) {
          const start = at(pos);
          out.push(
            hit(i, start, start + length(term), `报告里不得夹带请示事项：“${term}”这类请求批准的话应另写请示。`),
          );
          pos = line.indexOf(term, pos + term.length);
        }
      });
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

  CHECKS.表述重复 = (doc, rule) => {
    const phrases = doc.rules.phrases;
    const index = phraseIndex(doc.rules);
    if (!phrases.length || index.regex === null) {
      return [];
    }
    const counts = new Map();
    const places = new Map();
    doc.nonempty.forEach((i) => {
      const line = foldPunctuation(doc.lines[i]);
      matches(index.regex, line).forEach((m) => {
        const key = m[0];
        counts.set(key, (counts.get(key) || 0) + 1);
        if (counts.get(key) === rule.params.次数) {
          places.set(key, [i, m.index, m.index + key.length]);
        }
      });
    });
    const out = [];
    places.forEach((place, key) => {
      const phrase = index.folded.get(key);
      const others = phrases.filter((p) => p.category === phrase.category && p.text !== phrase.text).map((p) => p.text);
      const alternatives = unique(phrase.synonyms.concat(others).map(foldPunctuation)).slice(0, rule.params.备选最多);
      const line = doc.lines[place[0]];
      const at = pointer(line);
      const used = line.slice(place[1], place[2]);
      out.push(
        hit(
          place[0],
          at(place[1]),
          at(place[2]),
          `“${used}”全文用了${counts.get(key)}次，可以换个说法：${alternatives.join("、")}。`,
        ),
      );
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

  function patternFindings(rule, lines, regex) {
    const found = [];
    lines.forEach((line, n) => {
      const at = pointer(line);
      matches(regex, line).forEach((m) => {
        found.push({
          line: n + 1,
          column: at(m.index) + 1,
          end_column: at(m.index + m[0].length) + 1,
          rule: rule.id,
          level: rule.level,
          message: rule.message,
          fix: rule.fix !== null ? render(rule.fix, m) : null,
          basis: rule.basis,
        });
      });
    });
    return found;
  }

  function check(text, rules) {
    const doc = new Document(splitLines(text), rules);
    const cache = compiled(rules);
    const keyed = [];
    rules.rules.forEach((rule, order) => {
      let found;
      if (rule.pattern !== null) {
        found = patternFindings(rule, doc.lines, cache.patterns[rule.id]);
      } else {
        found = CHECKS[rule.check](doc, rule).map((h) => ({
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
    return keyed.map((k) => k[4]);
  }

  function applyFixes(text, findings) {
    const lines = splitLines(text);
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
    findPhrases: findPhrases,
    splitLines: splitLines,
    characters: length,
    MAX_CHARS: PY.MAX_CHARS,
  };
})();
