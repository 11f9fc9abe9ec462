/* 范文库 公文体检: how findings are shown, shared by the 体检 page, the template pages and the sample pages.
 *
 *   window.fanwenkuCheckerReport.list(findings, lines, options) -> element: findings grouped by rule group
 *     (with counts), then by rule; options: {rules, first: [groups shown first], locate(f) -> {href, text},
 *     onFix(f), onFixRule(ruleId, findings)} (without onFix there are no fix buttons);
 *   window.fanwenkuCheckerReport.draft(lines, findings, phrases, phraseHref) -> element: the draft, line by
 *     line, each finding marked in place and each phrase of the bank linked to its page (phraseHref is the
 *     href of the bank's index, biaoshu/ or biaoshu/index.html; see phrasePage);
 *   window.fanwenkuCheckerReport.summary(findings) -> "错误 2 处，建议 5 处".
 * Everything from the draft is set as text (textContent, createTextNode), never parsed as HTML.
 */
(() => {
  const LEVEL_CLASS = { 错误: "fw-ck--error", 建议: "fw-ck--advice" };
  const CONTEXT = 12; // characters shown on each side of a finding in the list
  const MARKED = 40; // characters of a finding shown in the list (a run of 8,000 、 is one finding)
  const SHOWN = 5; // findings of one rule listed before a 再显示 button
  const MORE = 100; // findings a 再显示 click adds
  const VIEW_LINES = 600; // lines of the draft marked in place; a longer draft is marked this far (see draft)
  const VIEW_CHARS = 60000; // characters of the draft marked in place

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

  function summary(findings) {
    if (!findings.length) {
      return "没有发现问题。";
    }
    const errors = findings.filter((f) => f.level === "错误").length;
    return `共 ${findings.length} 处：错误 ${errors} 处，建议 ${findings.length - errors} 处。`;
  }

  function fixLabel(fix) {
    return fix === "" ? "删去" : `改为“${fix}”`;
  }

  /* The words around a finding, the finding itself marked. */
  function excerpt(line, finding) {
    const chars = Array.from(line || "");
    const start = finding.column - 1;
    const end = finding.end_column - 1;
    const span = el("span", "fw-ck-excerpt");
    const from = Math.max(0, start - CONTEXT);
    const to = Math.min(chars.length, end + CONTEXT);
    span.appendChild(document.createTextNode((from > 0 ? "…" : "") + chars.slice(from, start).join("")));
    const marked =
      end - start > MARKED ? `${chars.slice(start, start + MARKED).join("")}……（共 ${end - start} 字）` : null;
    const mark = el("mark", LEVEL_CLASS[finding.level], marked || chars.slice(start, end).join(""));
    span.appendChild(mark);
    span.appendChild(document.createTextNode(chars.slice(end, to).join("") + (to < chars.length ? "…" : "")));
    return span;
  }

  function item(finding, lines, options, rule) {
    const li = el("li", `fw-ck-item ${LEVEL_CLASS[finding.level]}`);
    const where = options.locate ? options.locate(finding) : null;
    if (where) {
      const link = el("a", "fw-ck-where", where.text);
      link.href = where.href;
      if (where.onclick) {
        link.addEventListener("click", (event) => {
          event.preventDefault();
          where.onclick();
        });
      }
      li.appendChild(link);
    }
    li.appendChild(excerpt(lines[finding.line - 1], finding));
    if (finding.message !== rule.message) {
      li.appendChild(el("span", "fw-ck-msg", finding.message)); // a structural check says more than the rule
    }
    if (options.onFix && finding.fix !== null) {
      const button = el("button", "md-button fw-ck-fix", fixLabel(finding.fix));
      button.type = "button";
      button.addEventListener("click", () => {
        options.onFix(finding);
      });
      li.appendChild(button);
    }
    return li;
  }

  /* The first SHOWN items, and a button that adds the next MORE each time (a draft can have a hundred half-width
     commas, a pasted archive a hundred thousand): items are made when shown, not all at once. */
  function items(ofRule, lines, options, rule) {
    const ul = el("ul", "fw-ck-items");
    let shown = 0;
    let more = null;
    function show(count) {
      const end = Math.min(ofRule.length, shown + count);
      for (; shown < end; shown++) {
        ul.insertBefore(item(ofRule[shown], lines, options, rule), more);
      }
      if (shown >= ofRule.length && more) {
        more.remove();
        more = null;
      } else if (more) {
        more.firstChild.textContent = `再显示 ${Math.min(MORE, ofRule.length - shown)} 处（还有 ${ofRule.length - shown} 处）`;
      }
    }
    if (ofRule.length > SHOWN) {
      more = el("li", "fw-ck-more");
      const button = el("button", "md-button fw-ck-more-button");
      button.type = "button";
      button.addEventListener("click", () => {
        show(MORE);
      });
      more.appendChild(button);
      ul.appendChild(more);
    }
    show(SHOWN);
    return ul;
  }

  function list(findings, lines, options) {
    const rules = options.rules;
    const groupOf = {};
    const ruleById = {};
    rules.rules.forEach((rule) => {
      groupOf[rule.id] = rule.group;
      ruleById[rule.id] = rule;
    });
    const first = options.first || [];
    const order = first.concat(rules.groups.filter((g) => first.indexOf(g) < 0));
    const root = el("div", "fw-ck-groups");
    const byRule = new Map(); // one pass over the findings, not one per rule
    findings.forEach((f) => {
      if (!byRule.has(f.rule)) {
        byRule.set(f.rule, []);
      }
      byRule.get(f.rule).push(f);
    });
    order.forEach((group) => {
      const inGroup = findings.filter((f) => groupOf[f.rule] === group);
      if (!inGroup.length) {
        return;
      }
      const errors = inGroup.filter((f) => f.level === "错误").length;
      const section = el("section", "fw-ck-group");
      section.setAttribute("data-group", group);
      const head = el("h3", "fw-ck-group-title", `${group} `);
      head.appendChild(el("span", "fw-ck-count", String(inGroup.length)));
      if (errors) {
        head.appendChild(document.createTextNode(`（错误 ${errors}）`));
      }
      section.appendChild(head);
      rules.rules.forEach((rule) => {
        if (rule.group !== group || !byRule.has(rule.id)) {
          return;
        }
        const ofRule = byRule.get(rule.id);
        if (!ofRule.length) {
          return;
        }
        const block = el("div", "fw-ck-rule");
        block.setAttribute("data-rule", rule.id);
        const title = el("p", "fw-ck-rule-title");
        title.appendChild(el("span", `fw-ck-level ${LEVEL_CLASS[rule.level]}`, rule.level));
        title.appendChild(el("span", "", `${rule.message}（${ofRule.length} 处）`));
        title.appendChild(el("code", "fw-ck-id", rule.id));
        const fixable = ofRule.filter((f) => f.fix !== null);
        if (options.onFixRule && fixable.length) {
          const all = el("button", "md-button fw-ck-fix-rule", `全部改正（${fixable.length} 处）`);
          all.type = "button";
          all.addEventListener("click", () => {
            options.onFixRule(rule.id, fixable);
          });
          title.appendChild(all);
        }
        block.appendChild(title);
        block.appendChild(el("p", "fw-ck-basis", `依据：${rule.basis}`));
        block.appendChild(items(ofRule, lines, options, rule));
        section.appendChild(block);
      });
      root.appendChild(section);
    });
    return root;
  }

  /* A phrase's page from the href of the bank's index: biaoshu/<slug>/ on the web, biaoshu/<slug>.html in the
     folder build (macros/pages/concordance.py); the index itself for a phrase without a slug. */
  function phrasePage(indexHref, slug) {
    if (!slug) {
      return indexHref;
    }
    const folderBuild = /index\.html$/.test(indexHref);
    return folderBuild ? indexHref.replace(/index\.html$/, `${slug}.html`) : `${indexHref}${slug}/`;
  }

  /* One line of the draft, its findings marked and phrases linked, up to `limit` characters. One sweep over the
     line's marks (each enters and leaves once): a line with thousands of findings costs no more than thousands. */
  function markedLine(n, line, here, used, phraseHref, slugs, limit) {
    const chars = Array.from(line).slice(0, limit);
    const row = el("div", "fw-ck-line");
    row.id = `fw-ck-l${n}`;
    row.appendChild(el("span", "fw-ck-ln", String(n)));
    const body = el("span", "fw-ck-text");
    const marks = here.map((f) => ({ start: f.column - 1, end: f.end_column - 1, finding: f }));
    marks.push(...used.map((p) => ({ start: p.column - 1, end: p.end_column - 1, phrase: p })));
    const cuts = new Set([0, chars.length]);
    marks.forEach((m) => {
      cuts.add(Math.min(m.start, chars.length));
      cuts.add(Math.min(m.end, chars.length));
    });
    const points = Array.from(cuts).sort((a, b) => a - b);
    marks.sort((a, b) => a.start - b.start);
    const active = new Set();
    let next = 0;
    for (let k = 0; k + 1 < points.length; k++) {
      const from = points[k];
      const to = points[k + 1];
      while (next < marks.length && marks[next].start <= from) {
        active.add(marks[next++]);
      }
      active.forEach((m) => {
        if (m.end <= from) {
          active.delete(m);
        }
      });
      let node = document.createTextNode(chars.slice(from, to).join(""));
      const covering = Array.from(active);
      const phrase = covering.find((m) => m.phrase);
      if (phrase && phraseHref) {
        const link = el("a", "fw-phrase");
        link.href = phrasePage(phraseHref, slugs.get(phrase.phrase.phrase));
        link.title = `常用表述：${phrase.phrase.phrase}`;
        link.appendChild(node);
        node = link;
      }
      const found = covering.filter((m) => m.finding).map((m) => m.finding);
      if (found.length) {
        const worst = found.some((f) => f.level === "错误") ? "错误" : "建议";
        const mark = el("mark", `fw-ck-mark ${LEVEL_CLASS[worst]}`);
        mark.title = found.map((f) => `${f.level}：${f.message}`).join("\n");
        mark.appendChild(node);
        node = mark;
      }
      body.appendChild(node);
    }
    row.appendChild(body);
    return row;
  }

  function byLine(items) {
    const found = new Map();
    items.forEach((x) => {
      if (!found.has(x.line)) {
        found.set(x.line, []);
      }
      found.get(x.line).push(x);
    });
    return found;
  }

  /* The draft, line by line, findings marked and phrases linked. Up to VIEW_LINES lines and VIEW_CHARS characters:
     beyond them a note says so (a browser lays marked text out slowly, and a draft of a megabyte would freeze the
     page for minutes); the list still has every finding. */
  function draft(lines, findings, phrases, phraseHref) {
    const root = el("div", "fw-ck-draft");
    const slugs = new Map(window.fanwenkuCheckerRules.phrases.map((p) => [p.text, p.slug]));
    const findingsOf = byLine(findings);
    const phrasesOf = byLine(phrases);
    let left = VIEW_CHARS;
    for (let index = 0; index < lines.length; index++) {
      if (index >= VIEW_LINES || left <= 0) {
        root.appendChild(cutNote(index, lines.length));
        return root;
      }
      const n = index + 1;
      const line = lines[index];
      root.appendChild(markedLine(n, line, findingsOf.get(n) || [], phrasesOf.get(n) || [], phraseHref, slugs, left));
      left -= line.length;
      if (left < 0) {
        root.appendChild(cutNote(index, lines.length, true));
        return root;
      }
    }
    return root;
  }

  function cutNote(index, total, midLine) {
    const shown = midLine ? `第 ${index + 1} 行的前一部分` : `前 ${index} 行`;
    return el(
      "p",
      "fw-ck-cut",
      `全文较长，这里只标出${shown}；其余 ${total - index} 行的问题见上面的列表（点位置会在输入框里选中它）。`,
    );
  }

  window.fanwenkuCheckerReport = { list: list, draft: draft, summary: summary, excerpt: excerpt };
})();
