/* 范文库 公文体检 page (docs/tijian/index.md): paste or open a draft, see the findings, fix, copy.
 *
 * The draft never leaves the browser: a .docx is unzipped and read here (macros/word/read.js, fflate), a .txt is
 * decoded here (UTF-8, else GB18030). The textarea holds the draft; every change re-checks it (macros/checker/engine.js) and
 * redraws the list (grouped by rule group, with fix buttons) and the marked copy; #fw-ck-output always holds
 * the current text for the 复制 button (Material's clipboard). Runs when the page shows it, once the scripts it
 * needs have loaded (after an instant navigation they arrive in any order); running it again changes nothing.
 */
(() => {
  /* Run `run` once every global in `names` is defined. On a full page load the page's scripts run in order, but
     Material's instant navigation re-inserts them all at once and each runs when it has loaded, in any order: this
     script waits for the other scripts' load events. */
  function whenLoaded(names, run) {
    let done = false;
    const attempt = () => {
      if (!done && names.every((name) => window[name])) {
        done = true;
        run();
      }
    };
    attempt();
    if (!done) {
      for (const script of document.querySelectorAll("script[src]")) {
        script.addEventListener("load", attempt);
      }
    }
  }

  whenLoaded(["fanwenkuChecker", "fanwenkuCheckerReport", "fanwenkuCheckerRules", "fanwenkuDocxText"], () => {
    const root = document.querySelector(".fw-ck");
    const checker = window.fanwenkuChecker;
    const report = window.fanwenkuCheckerReport;
    const rules = window.fanwenkuCheckerRules;
    if (!root || root.hasAttribute("data-fw-ck-ready")) {
      return;
    }
    root.setAttribute("data-fw-ck-ready", "");

    const form = root.querySelector(".fw-ck-form");
    const input = root.querySelector("#fw-ck-input");
    const file = root.querySelector("#fw-ck-file");
    const output = root.querySelector("#fw-ck-output");
    const status = root.querySelector(".fw-ck-status");
    const result = root.querySelector(".fw-ck-result");
    const list = root.querySelector(".fw-ck-list");
    const view = root.querySelector(".fw-ck-view");
    const phraseLink = document.getElementById("fw-ck-biaoshu");
    const phraseHref = phraseLink ? phraseLink.getAttribute("href").split("#")[0] : null;
    let timer = null;
    let note = ""; // what the last opened file was, shown before the counts

    function say(text) {
      if (status.textContent !== text) {
        status.textContent = text;
      }
    }

    function locate(finding) {
      return {
        href: `#fw-ck-l${finding.line}`,
        text: `第${finding.line}行第${finding.column}字`,
        onclick: () => {
          const row = document.getElementById(`fw-ck-l${finding.line}`);
          if (row) {
            row.scrollIntoView({ block: "center" });
            row.classList.add("fw-ck-flash");
            setTimeout(() => {
              row.classList.remove("fw-ck-flash");
            }, 1600);
          }
        },
      };
    }

    function setText(text) {
      input.value = text;
      run();
    }

    function run() {
      clearTimeout(timer);
      const text = input.value;
      output.textContent = text;
      if (!text.trim()) {
        result.hidden = true;
        say(note || "");
        return;
      }
      const size = checker.characters(text);
      if (size > checker.MAX_CHARS) {
        result.hidden = true;
        say(`文稿有 ${size} 个字符，超过体检的上限 ${checker.MAX_CHARS}，不像是一篇文稿：请分成几段分别检查。`);
        return;
      }
      const findings = checker.check(text, rules);
      const lines = checker.splitLines(text);
      list.textContent = "";
      list.appendChild(
        report.list(findings, lines, {
          rules: rules,
          locate: locate,
          onFix: (finding) => {
            setText(checker.applyFixes(input.value, [finding]));
          },
          onFixRule: (_ruleId, fixable) => {
            setText(checker.applyFixes(input.value, fixable));
          },
        }),
      );
      view.textContent = "";
      view.appendChild(report.draft(lines, findings, checker.findPhrases(text, rules), phraseHref));
      result.hidden = false;
      say((note ? `${note} ` : "") + report.summary(findings));
    }

    function decodeText(buffer) {
      const bytes = new Uint8Array(buffer);
      if (bytes.indexOf(0) >= 0) {
        throw new Error("文件里有 NUL 字节：是二进制文件，或没有 BOM 的 UTF-16 文本。修改方法：确认选对了文件。");
      }
      try {
        return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
      } catch (_e) {
        return { text: new TextDecoder("gb18030").decode(bytes), encoding: "GB18030" };
      }
    }

    function open(chosen) {
      if (!chosen) {
        return;
      }
      const reader = new FileReader();
      reader.onerror = () => {
        note = "";
        say(`“${chosen.name}”读不出来：${reader.error ? reader.error.message : "未知原因"}。`);
      };
      reader.onload = () => {
        try {
          if (/\.docx$/i.test(chosen.name)) {
            const doc = window.fanwenkuDocxText(reader.result);
            note =
              "已打开“" +
              chosen.name +
              "”（Word，" +
              doc.paragraphs.length +
              " 段" +
              (doc.revisions ? "，修订按全部接受读取" : "") +
              "）。";
            setText(doc.text);
          } else if (/\.(doc|wps|pdf|odt)$/i.test(chosen.name)) {
            throw new Error("这种格式不能直接检查。修改方法：在 Word 或 WPS 里另存为 .docx 或 .txt 再打开。");
          } else {
            const decoded = decodeText(reader.result);
            note = `已打开“${chosen.name}”（文本，${decoded.encoding}）。`;
            setText(decoded.text.replace(/^\ufeff/, ""));
          }
          if (!input.value.trim()) {
            say(`${note}文件里没有文字，没有可检查的内容。`);
          }
        } catch (error) {
          note = "";
          say(`“${chosen.name}”打不开：${error.message}`);
        }
      };
      reader.readAsArrayBuffer(chosen);
    }

    input.addEventListener("input", () => {
      note = "";
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
    });
    root.querySelector("[data-fw-ck-run]").addEventListener("click", run);
    root.querySelector("[data-fw-ck-open]").addEventListener("click", () => {
      file.click();
    });
    file.addEventListener("change", () => {
      open(file.files[0]);
      file.value = ""; // the same file can be opened again after editing it on disk
    });
    root.querySelector("[data-fw-ck-clear]").addEventListener("click", () => {
      note = "";
      setText("");
      input.focus();
    });

    root.querySelector(".fw-ck-nojs").hidden = true;
    form.hidden = false;
    window.fanwenkuTijian = { setText: setText }; // for the tests and the console
    if (input.value) {
      run(); // text kept by the browser across a reload
    }
  });
})();
