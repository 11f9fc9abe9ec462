/* 范文库 公文体检 on the pages people already use:
 * - a template page (.fw-tpl): a 检查 button beside 复制已填内容 checks the filled text (what that button
 *   copies), left placeholders listed first, each finding linked to its paragraph in the preview;
 * - a sample page (.fw-ck-panel[data-fw-checker=sample], added by macros/build/plugin.py): a button
 *   shows the findings on the verbatim text, each linked to its paragraph (line k of the text is paragraph pk).
 * The rules, the engine and the report (about 90 KB) are fetched on the first click, as scripts: that works over
 * http(s) and from the folder build (file://). Runs when the page shows it (also after instant
 * navigation); running it again changes nothing.
 */
(() => {
  /* The rules and the engine are published under hashed names (window.fanwenkuScripts, from the site's root); the
     report is next to this script. */
  const HERE = document.currentScript.src;
  const ROOT = new URL("../../", HERE);
  const ENGINE = [
    new URL(window.fanwenkuScripts["assets/checker/rules.js"], ROOT).href,
    new URL(window.fanwenkuScripts["assets/checker/engine.js"], ROOT).href,
    new URL("report.js", HERE).href,
  ];
  const ready = () => window.fanwenkuChecker && window.fanwenkuCheckerReport && window.fanwenkuCheckerRules;

  /* The engine, loaded once per visit; its scripts in order (the engine reads the rules). */
  function loadEngine() {
    if (ready()) {
      return Promise.resolve();
    }
    if (!window.fanwenkuCheckerLoading) {
      window.fanwenkuCheckerLoading = ENGINE.reduce(
        (done, src) => done.then(() => window.fanwenkuLoadScript(src)),
        Promise.resolve(),
      );
      window.fanwenkuCheckerLoading.catch(() => {
        window.fanwenkuCheckerLoading = null;
      });
    }
    return window.fanwenkuCheckerLoading;
  }

  function flash(target) {
    target.scrollIntoView({ block: "center" });
    target.classList.add("fw-ck-flash");
    setTimeout(() => target.classList.remove("fw-ck-flash"), 1600);
  }

  function status(text) {
    const head = document.createElement("p");
    head.className = "fw-ck-status";
    head.setAttribute("role", "status");
    head.textContent = text;
    return head;
  }

  function setupTemplate(root) {
    const actions = root.querySelector(".fw-tpl-actions");
    if (!actions || root.hasAttribute("data-fw-ck-ready")) {
      return;
    }
    root.setAttribute("data-fw-ck-ready", "");
    const slug = root.getAttribute("data-template");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "检查";
    button.setAttribute("data-fw-ck-run", "");
    actions.insertBefore(button, actions.querySelector("[data-fw-clear]"));
    const panel = document.createElement("section");
    panel.className = "fw-ck-panel";
    panel.hidden = true;
    panel.setAttribute("aria-label", "检查结果");
    panel.setAttribute("data-search-exclude", "");
    root.parentNode.insertBefore(panel, root.nextSibling);

    const run = () => {
      const checker = window.fanwenkuChecker;
      const rules = window.fanwenkuCheckerRules;
      const text = document.getElementById(`fw-filled-${slug}`).textContent;
      const blocks = root.querySelectorAll(".fw-tpl-preview > .fw-tp");
      const findings = checker.check(text, rules);
      const left = findings.some((f) => f.rule.indexOf("zhanwei-") === 0) ? "先把没填的字段填上。" : "";
      panel.textContent = "";
      const head = status(`检查已填内容：${window.fanwenkuCheckerReport.summary(findings)}${left}`);
      panel.appendChild(head);
      panel.appendChild(
        window.fanwenkuCheckerReport.list(findings, checker.splitLines(text), {
          rules,
          first: ["占位符"],
          locate: (f) => {
            const block = blocks[f.line - 1];
            return block ? { href: "#", text: `第${f.line}段`, onclick: () => flash(block) } : null;
          },
        }),
      );
      panel.hidden = false;
      head.tabIndex = -1;
      head.focus();
    };
    button.addEventListener("click", () => loadEngine().then(run));
  }

  function setupSample(panel) {
    if (panel.hasAttribute("data-fw-ck-ready")) {
      return;
    }
    panel.setAttribute("data-fw-ck-ready", "");
    const button = panel.querySelector("[data-fw-ck-run]");
    const results = panel.querySelector(".fw-ck-results");
    panel.querySelector(".fw-ck-nojs").hidden = true;
    button.hidden = false;

    const run = () => {
      const checker = window.fanwenkuChecker;
      const text = panel.getAttribute("data-fw-ck-text");
      const findings = checker.check(text, window.fanwenkuCheckerRules);
      results.textContent = "";
      results.appendChild(status(`本文原样照录，下面只是体检结果：${window.fanwenkuCheckerReport.summary(findings)}`));
      results.appendChild(
        window.fanwenkuCheckerReport.list(findings, checker.splitLines(text), {
          rules: window.fanwenkuCheckerRules,
          locate: (f) => ({ href: `#p${f.line}`, text: `第${f.line}段` }),
        }),
      );
      results.hidden = false;
      button.hidden = true;
    };
    button.addEventListener("click", () => loadEngine().then(run));
  }

  window.fanwenkuOnPage(() => {
    for (const root of document.querySelectorAll(".fw-tpl")) setupTemplate(root);
    for (const panel of document.querySelectorAll(".fw-ck-panel[data-fw-checker='sample']")) setupSample(panel);
  });
})();
