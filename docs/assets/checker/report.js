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
  const SHOWN = 5; // findings of one rule listed before a 再显示 button

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
    const mark = el("mark", LEVEL_CLASS[finding.level], chars.slice(start, end).join(""));
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

  /* The first SHOWN items, and a button that shows the rest (a draft can have a hundred half-width commas). */
  function items(ofRule, lines, options, rule) {
    const ul = el("ul", "fw-ck-items");
    ofRule.forEach((f, k) => {
      const li = item(f, lines, options, rule);
      li.hidden = k >= SHOWN;
      ul.appendChild(li);
    });
    if (ofRule.length > SHOWN) {
      const more = el("li", "fw-ck-more");
      const button = el("button", "md-button fw-ck-more-button", `再显示 ${ofRule.length - SHOWN} 处`);
      button.type = "button";
      button.addEventListener("click", () => {
        Array.prototype.forEach.call(ul.children, (child) => {
          child.hidden = false;
        });
        more.remove();
      });
      more.appendChild(button);
      ul.appendChild(more);
    }
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
        const ofRule = inGroup.filter((f) => f.rule === rule.id);
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

  /* The draft with findings marked and phrases linked; segments split wherever a mark or link starts or ends. */
  function draft(lines, findings, phrases, phraseHref) {
    const root = el("div", "fw-ck-draft");
    const slugs = new Map(window.fanwenkuCheckerRules.phrases.map((p) => [p.text, p.slug]));
    lines.forEach((line, index) => {
      const n = index + 1;
      const chars = Array.from(line);
      const row = el("div", "fw-ck-line");
      row.id = `fw-ck-l${n}`;
      row.appendChild(el("span", "fw-ck-ln", String(n)));
      const body = el("span", "fw-ck-text");
      const here = findings.filter((f) => f.line === n);
      const used = phrases.filter((p) => p.line === n);
      let cuts = [0, chars.length];
      here.concat(used).forEach((x) => {
        cuts.push(x.column - 1, x.end_column - 1);
      });
      cuts = Array.from(new Set(cuts)).sort((a, b) => a - b);
      for (let k = 0; k + 1 < cuts.length; k++) {
        const from = cuts[k];
        const to = cuts[k + 1];
        if (to <= from) {
          continue;
        }
        let node = document.createTextNode(chars.slice(from, to).join(""));
        const phrase = used.filter((p) => p.column - 1 <= from && p.end_column - 1 >= to)[0];
        if (phrase && phraseHref) {
          const link = el("a", "fw-phrase");
          link.href = phrasePage(phraseHref, slugs.get(phrase.phrase));
          link.title = `常用表述：${phrase.phrase}`;
          link.appendChild(node);
          node = link;
        }
        const covering = here.filter((f) => f.column - 1 <= from && f.end_column - 1 >= to);
        if (covering.length) {
          const worst = covering.some((f) => f.level === "错误") ? "错误" : "建议";
          const mark = el("mark", `fw-ck-mark ${LEVEL_CLASS[worst]}`);
          mark.title = covering.map((f) => `${f.level}：${f.message}`).join("\n");
          mark.appendChild(node);
          node = mark;
        }
        body.appendChild(node);
      }
      row.appendChild(body);
      root.appendChild(row);
    });
    return root;
  }

  window.fanwenkuCheckerReport = { list: list, draft: draft, summary: summary, excerpt: excerpt };
})();
