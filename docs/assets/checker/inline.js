/* 范文库 公文体检 on the pages people already use:
 * - a template page (.fw-tpl): a 检查 button beside 复制已填内容 checks the filled text (what that button
 *   copies), left placeholders listed first, each finding linked to its paragraph in the preview;
 * - a sample page (.fw-ck-panel[data-fw-checker=sample], added by macros/build/checker_hooks.py): a button
 *   shows the findings on the verbatim text, each linked to its paragraph (line k of the text is paragraph pk).
 * Runs when the page shows it, once the engine, the report and the rules have loaded (after an instant navigation
 * they arrive in any order); running it again changes nothing.
 */
(function () {
  "use strict";

  /* Run `run` once every global in `names` is defined. On a full page load this page's scripts run in order, but
     Material's instant navigation re-inserts them all at once and each runs when it has loaded, in any order: so a
     script that needs another one's global waits for the other scripts' load events. (The same few lines are in
     inline.js and tijian.js: neither can rely on a shared script having run first.) */
  function whenLoaded(names, run) {
    var done = false;
    function attempt() {
      if (!done && names.every(function (name) { return window[name]; })) {
        done = true;
        run();
      }
    }
    attempt();
    if (!done) {
      Array.prototype.forEach.call(document.querySelectorAll("script[src]"), function (script) {
        script.addEventListener("load", attempt);
      });
    }
  }

  whenLoaded(["fanwenkuChecker", "fanwenkuCheckerReport", "fanwenkuCheckerRules"], function () {
    var checker = window.fanwenkuChecker;
    var report = window.fanwenkuCheckerReport;
    var rules = window.fanwenkuCheckerRules;

    function flash(target) {
      target.scrollIntoView({ block: "center" });
      target.classList.add("fw-ck-flash");
      setTimeout(function () { target.classList.remove("fw-ck-flash"); }, 1600);
    }

    function setupTemplate(root) {
      var actions = root.querySelector(".fw-tpl-actions");
      if (!actions || root.getAttribute("data-fw-ck-ready")) {
        return;
      }
      root.setAttribute("data-fw-ck-ready", "");
      var slug = root.getAttribute("data-template");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "检查";
      button.setAttribute("data-fw-ck-run", "");
      actions.insertBefore(button, actions.querySelector("[data-fw-clear]"));
      var panel = document.createElement("section");
      panel.className = "fw-ck-panel";
      panel.hidden = true;
      panel.setAttribute("aria-label", "检查结果");
      panel.setAttribute("data-search-exclude", "");
      root.parentNode.insertBefore(panel, root.nextSibling);

      button.addEventListener("click", function () {
        var text = document.getElementById("fw-filled-" + slug).textContent;
        var blocks = root.querySelectorAll(".fw-tpl-preview > .fw-tp");
        var findings = checker.check(text, rules);
        var lines = checker.splitLines(text);
        panel.textContent = "";
        var head = document.createElement("p");
        head.className = "fw-ck-status";
        head.setAttribute("role", "status");
        head.textContent = "检查已填内容：" + report.summary(findings) +
          (findings.some(function (f) { return f.rule.indexOf("zhanwei-") === 0; }) ? "先把没填的字段填上。" : "");
        panel.appendChild(head);
        panel.appendChild(report.list(findings, lines, {
          rules: rules,
          first: ["占位符"],
          locate: function (f) {
            var block = blocks[f.line - 1];
            return block ? { href: "#", text: "第" + f.line + "段", onclick: function () { flash(block); } } : null;
          }
        }));
        panel.hidden = false;
        head.tabIndex = -1;
        head.focus();
      });
    }

    function setupSample(panel) {
      if (panel.getAttribute("data-fw-ck-ready")) {
        return;
      }
      panel.setAttribute("data-fw-ck-ready", "");
      var source = panel.querySelector(".fw-ck-source");
      var button = panel.querySelector("[data-fw-ck-run]");
      var results = panel.querySelector(".fw-ck-results");
      panel.querySelector(".fw-ck-nojs").hidden = true;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = JSON.parse(source.textContent).text;
        var findings = checker.check(text, rules);
        var lines = checker.splitLines(text);
        results.textContent = "";
        var head = document.createElement("p");
        head.className = "fw-ck-status";
        head.setAttribute("role", "status");
        head.textContent = "本文原样照录，下面只是体检结果：" + report.summary(findings);
        results.appendChild(head);
        results.appendChild(report.list(findings, lines, {
          rules: rules,
          locate: function (f) { return { href: "#p" + f.line, text: "第" + f.line + "段" }; }
        }));
        results.hidden = false;
        button.hidden = true;
      });
    }

    Array.prototype.forEach.call(document.querySelectorAll(".fw-tpl"), setupTemplate);
    Array.prototype.forEach.call(document.querySelectorAll(".fw-ck-panel[data-fw-checker='sample']"), setupSample);
  });
})();
