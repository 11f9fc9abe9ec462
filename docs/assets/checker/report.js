/* 范文库 公文体检: how findings are shown, shared by the 体检 page, the template pages and the sample pages.
 *
 *   window.fanwenkuCheckerReport.list(findings, lines, options) -> element: findings grouped by rule group
 *     (with counts), then by rule; options: {rules, first: [groups shown first], locate(f) -> {href, text},
 *     onFix(f), onFixRule(ruleId, findings)} (without onFix there are no fix buttons);
 *   window.fanwenkuCheckerReport.draft(lines, findings, phrases, phraseHref) -> element: the draft, line by
 *     line, each finding marked in place and each phrase of the bank linked;
 *   window.fanwenkuCheckerReport.summary(findings) -> "错误 2 处，建议 5 处".
 * Everything from the draft is set as text (textContent, createTextNode), never parsed as HTML.
 */
(function () {
  "use strict";

  var LEVEL_CLASS = { "错误": "fw-ck--error", "建议": "fw-ck--advice" };
  var CONTEXT = 12; // characters shown on each side of a finding in the list
  var SHOWN = 5; // findings of one rule listed before a 再显示 button

  function el(tag, className, text) {
    var node = document.createElement(tag);
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
    var errors = findings.filter(function (f) { return f.level === "错误"; }).length;
    return "共 " + findings.length + " 处：错误 " + errors + " 处，建议 " + (findings.length - errors) + " 处。";
  }

  function fixLabel(fix) {
    return fix === "" ? "删去" : "改为“" + fix + "”";
  }

  /* The words around a finding, the finding itself marked. */
  function excerpt(line, finding) {
    var chars = Array.from(line || "");
    var start = finding.column - 1;
    var end = finding.end_column - 1;
    var span = el("span", "fw-ck-excerpt");
    var from = Math.max(0, start - CONTEXT);
    var to = Math.min(chars.length, end + CONTEXT);
    span.appendChild(document.createTextNode((from > 0 ? "…" : "") + chars.slice(from, start).join("")));
    var mark = el("mark", LEVEL_CLASS[finding.level], chars.slice(start, end).join(""));
    span.appendChild(mark);
    span.appendChild(document.createTextNode(chars.slice(end, to).join("") + (to < chars.length ? "…" : "")));
    return span;
  }

  function item(finding, lines, options, rule) {
    var li = el("li", "fw-ck-item " + LEVEL_CLASS[finding.level]);
    var where = options.locate ? options.locate(finding) : null;
    if (where) {
      var link = el("a", "fw-ck-where", where.text);
      link.href = where.href;
      if (where.onclick) {
        link.addEventListener("click", function (event) {
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
      var button = el("button", "md-button fw-ck-fix", fixLabel(finding.fix));
      button.type = "button";
      button.addEventListener("click", function () { options.onFix(finding); });
      li.appendChild(button);
    }
    return li;
  }

  /* The first SHOWN items, and a button that shows the rest (a draft can have a hundred half-width commas). */
  function items(ofRule, lines, options, rule) {
    var ul = el("ul", "fw-ck-items");
    ofRule.forEach(function (f, k) {
      var li = item(f, lines, options, rule);
      li.hidden = k >= SHOWN;
      ul.appendChild(li);
    });
    if (ofRule.length > SHOWN) {
      var more = el("li", "fw-ck-more");
      var button = el("button", "md-button fw-ck-more-button", "再显示 " + (ofRule.length - SHOWN) + " 处");
      button.type = "button";
      button.addEventListener("click", function () {
        Array.prototype.forEach.call(ul.children, function (child) { child.hidden = false; });
        more.remove();
      });
      more.appendChild(button);
      ul.appendChild(more);
    }
    return ul;
  }

  function list(findings, lines, options) {
    var rules = options.rules;
    var groupOf = {};
    var ruleById = {};
    rules.rules.forEach(function (rule) {
      groupOf[rule.id] = rule.group;
      ruleById[rule.id] = rule;
    });
    var first = options.first || [];
    var order = first.concat(rules.groups.filter(function (g) { return first.indexOf(g) < 0; }));
    var root = el("div", "fw-ck-groups");
    order.forEach(function (group) {
      var inGroup = findings.filter(function (f) { return groupOf[f.rule] === group; });
      if (!inGroup.length) {
        return;
      }
      var errors = inGroup.filter(function (f) { return f.level === "错误"; }).length;
      var section = el("section", "fw-ck-group");
      section.setAttribute("data-group", group);
      var head = el("h3", "fw-ck-group-title", group + " ");
      head.appendChild(el("span", "fw-ck-count", String(inGroup.length)));
      if (errors) {
        head.appendChild(document.createTextNode("（错误 " + errors + "）"));
      }
      section.appendChild(head);
      rules.rules.forEach(function (rule) {
        var ofRule = inGroup.filter(function (f) { return f.rule === rule.id; });
        if (!ofRule.length) {
          return;
        }
        var block = el("div", "fw-ck-rule");
        block.setAttribute("data-rule", rule.id);
        var title = el("p", "fw-ck-rule-title");
        title.appendChild(el("span", "fw-ck-level " + LEVEL_CLASS[rule.level], rule.level));
        title.appendChild(el("span", "", rule.message + "（" + ofRule.length + " 处）"));
        title.appendChild(el("code", "fw-ck-id", rule.id));
        var fixable = ofRule.filter(function (f) { return f.fix !== null; });
        if (options.onFixRule && fixable.length) {
          var all = el("button", "md-button fw-ck-fix-rule", "全部改正（" + fixable.length + " 处）");
          all.type = "button";
          all.addEventListener("click", function () { options.onFixRule(rule.id, fixable); });
          title.appendChild(all);
        }
        block.appendChild(title);
        block.appendChild(el("p", "fw-ck-basis", "依据：" + rule.basis));
        block.appendChild(items(ofRule, lines, options, rule));
        section.appendChild(block);
      });
      root.appendChild(section);
    });
    return root;
  }

  /* The draft with findings marked and phrases linked; segments split wherever a mark or link starts or ends. */
  function draft(lines, findings, phrases, phraseHref) {
    var root = el("div", "fw-ck-draft");
    lines.forEach(function (line, index) {
      var n = index + 1;
      var chars = Array.from(line);
      var row = el("div", "fw-ck-line");
      row.id = "fw-ck-l" + n;
      row.appendChild(el("span", "fw-ck-ln", String(n)));
      var body = el("span", "fw-ck-text");
      var here = findings.filter(function (f) { return f.line === n; });
      var used = phrases.filter(function (p) { return p.line === n; });
      var cuts = [0, chars.length];
      here.concat(used).forEach(function (x) { cuts.push(x.column - 1, x.end_column - 1); });
      cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
      for (var k = 0; k + 1 < cuts.length; k++) {
        var from = cuts[k];
        var to = cuts[k + 1];
        if (to <= from) {
          continue;
        }
        var node = document.createTextNode(chars.slice(from, to).join(""));
        var phrase = used.filter(function (p) { return p.column - 1 <= from && p.end_column - 1 >= to; })[0];
        if (phrase && phraseHref) {
          var link = el("a", "fw-phrase");
          link.href = phraseHref + (phrase.phrase.slug ? "#" + phrase.phrase.slug : "");
          link.title = "常用表述：" + phrase.phrase.text;
          link.appendChild(node);
          node = link;
        }
        var covering = here.filter(function (f) { return f.column - 1 <= from && f.end_column - 1 >= to; });
        if (covering.length) {
          var worst = covering.some(function (f) { return f.level === "错误"; }) ? "错误" : "建议";
          var mark = el("mark", "fw-ck-mark " + LEVEL_CLASS[worst]);
          mark.title = covering.map(function (f) { return f.level + "：" + f.message; }).join("\n");
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
