/* 范文库 公文体检 page (docs/tijian/index.md): paste or open a draft, see the findings, fix, copy.
 *
 * After a .docx is opened, two buttons write the findings back into a copy of it (macros/word/annotate.js): one with
 * every finding as a comment, one with every one-click fix as a tracked change; they go away once the text is edited
 * (the findings would no longer be those of the file).
 *
 * The draft never leaves the browser: a .docx is unzipped and read here (macros/word/read.js, fflate), a .txt is
 * decoded here (UTF-8, else GB18030). The textarea holds the draft; every change re-checks it (macros/checker/engine.js,
 * in a Worker: a long draft never freezes the page) and redraws the list (grouped by rule group, with fix buttons)
 * and the marked copy (report.js: a long draft marked as far as a page can lay it out quickly); #fw-ck-output always
 * holds the current text for the 复制 button (Material's clipboard). Runs when the page shows it, once the scripts it
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

  const WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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
    const word = root.querySelector(".fw-ck-word");
    let timer = null;
    let note = ""; // what the last opened file was, shown before the counts
    let opened = null; // the last opened .docx: {name, bytes, text}, while the draft is still its text

    function say(text) {
      if (status.textContent !== text) {
        status.textContent = text;
      }
    }

    /* The UTF-16 offsets in the text of a finding's line and columns (code points, 1-based) */
    function offsets(text, finding) {
      let at = 0;
      for (let line = 1; line < finding.line; line++) {
        at = text.indexOf("\n", at) + 1;
      }
      const lineText = text.slice(at, text.indexOf("\n", at) < 0 ? text.length : text.indexOf("\n", at));
      const units = (column) =>
        Array.from(lineText)
          .slice(0, column - 1)
          .join("").length;
      return [at + units(finding.column), at + units(finding.end_column)];
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
          } else {
            // beyond the part of a long draft marked in place: select it in the draft itself
            const [start, end] = offsets(input.value, finding);
            input.focus();
            input.setSelectionRange(start, end);
          }
        },
      };
    }

    function setText(text) {
      input.value = text;
      // Set by the page (a file opened, a fix, 清空): no input event fires; what shows results of the draft hears this
      input.dispatchEvent(new Event("fw-ck-text"));
      run();
    }

    /* Checks run in a Worker made from the engine's own code (macros/build/scripts.py keeps it as a function), so a
       long draft never freezes the page; where no Worker starts, in this page after the status is painted. One Worker
       per visit: made on the first check, kept on window for this page's later visits (instant navigation). */
    let worker = null;
    let asked = 0; // the newest check asked for: an older answer is dropped
    function background() {
      if (worker === null) {
        worker = window.fanwenkuCheckerWorker || false;
        try {
          const install = window.fanwenkuInstall?.["checker/engine"];
          const Native = nativeWorker();
          if (!worker && install && Native) {
            const code =
              `globalThis.fanwenkuPython = ${JSON.stringify(window.fanwenkuPython)};\n` +
              `globalThis.fanwenkuCheckerRules = ${JSON.stringify(rules)};\n(${String(install)})();\n` +
              "onmessage = (event) => { const c = globalThis.fanwenkuChecker, r = globalThis.fanwenkuCheckerRules;" +
              " postMessage({ id: event.data.id, findings: c.check(event.data.text, r)," +
              " phrases: c.findPhrases(event.data.text, r) }); };";
            worker = new Native(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
            window.fanwenkuCheckerWorker = worker;
          }
        } catch (_e) {
          worker = false;
        }
        if (worker) {
          worker.onmessage = (event) => {
            if (event.data.id === asked) {
              show(event.data.findings, event.data.phrases);
            }
          };
          worker.onerror = () => {
            worker = false; // check in this page from now on
            window.fanwenkuCheckerWorker = null;
            run();
          };
        }
      }
      return worker;
    }

    /* The browser's own Worker. From file://, the folder build's iframe-worker shim stands in for it (for the search
       worker) and cannot run a Blob, while the browser's own runs one there: take it from a hidden frame. */
    function nativeWorker() {
      if (!window.IFrameWorker || location.protocol !== "file:") {
        return typeof window.Worker === "function" ? window.Worker : null;
      }
      const frame = document.createElement("iframe");
      frame.hidden = true;
      document.body.appendChild(frame);
      return frame.contentWindow.Worker || null;
    }

    let shownText = null;
    function show(findings, phrases) {
      const text = shownText;
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
      view.appendChild(report.draft(lines, findings, phrases, phraseHref));
      result.hidden = false;
      root.setAttribute("data-fw-ck-checked", String(asked)); // the tests wait for it
      say((note ? `${note} ` : "") + report.summary(findings));
    }

    function run() {
      clearTimeout(timer);
      const text = input.value;
      output.textContent = text;
      if (opened && opened.text !== text) {
        opened = null; // edited: the findings are no longer those of the file
      }
      word.hidden = !opened;
      asked++;
      if (!text.trim()) {
        result.hidden = true;
        root.setAttribute("data-fw-ck-checked", String(asked));
        say(note || "");
        return;
      }
      const size = checker.characters(text);
      if (size > checker.MAX_CHARS) {
        result.hidden = true;
        root.setAttribute("data-fw-ck-checked", String(asked));
        say(`文稿有 ${size} 个字符，超过体检的上限 ${checker.MAX_CHARS}，不像是一篇文稿：请分成几段分别检查。`);
        return;
      }
      shownText = text;
      const id = asked;
      if (size > 20000) {
        say(`${note ? `${note} ` : ""}正在检查（${size} 字）……`);
      }
      const helper = background();
      if (helper) {
        helper.postMessage({ id: id, text: text });
        return;
      }
      setTimeout(() => {
        if (id === asked) {
          show(checker.check(text, rules), checker.findPhrases(text, rules));
        }
      }, 0); // the status above is painted first
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
            opened = { name: chosen.name, bytes: new Uint8Array(reader.result), text: doc.text };
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
            opened = null;
            throw new Error("这种格式不能直接检查。修改方法：在 Word 或 WPS 里另存为 .docx 或 .txt 再打开。");
          } else {
            opened = null;
            const decoded = decodeText(reader.result);
            note = `已打开“${chosen.name}”（文本，${decoded.encoding}）。`;
            setText(decoded.text.replace(/^\ufeff/, ""));
          }
          if (!input.value.trim()) {
            say(`${note}文件里没有文字，没有可检查的内容。`);
          }
        } catch (error) {
          note = "";
          opened = null;
          word.hidden = true;
          say(`“${chosen.name}”打不开：${error.message}`);
        }
      };
      reader.readAsArrayBuffer(chosen);
    }

    input.addEventListener("input", () => {
      note = "";
      clearTimeout(timer);
      timer = setTimeout(run, input.value.length > 100000 ? 800 : 250); // a long draft: wait for the typing to stop
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
    /* A copy of the opened .docx with the findings written in: comments, or tracked changes. */
    function downloadWord(kind) {
      if (!opened || !window.fanwenkuWordNotes) {
        return;
      }
      const date = new Date().toISOString().replace(/\.[0-9]+Z$/, "Z");
      const findings = checker.check(opened.text, rules);
      let data;
      try {
        data = window.fanwenkuWordNotes[kind](opened.bytes, findings, date);
      } catch (error) {
        say(`写不回“${opened.name}”：${error.message}`);
        return;
      }
      const base = opened.name.replace(/\.docx$/i, "");
      const name = `${base}（${kind === "comments" ? "批注" : "修订"}）.docx`;
      window.fanwenkuDownload(new Blob([data], { type: WORD_TYPE }), name);
      root.setAttribute("data-fw-ck-word", kind); // the tests wait for it
    }

    for (const button of root.querySelectorAll("[data-fw-ck-word]")) {
      button.addEventListener("click", () => {
        downloadWord(button.getAttribute("data-fw-ck-word"));
      });
    }
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
