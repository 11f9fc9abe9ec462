/* 范文库: the 投稿 page (docs/tougao/index.md).
 *
 * The colleague chooses a file and the metadata from the vocabulary's lists (the form is made by the build,
 * macros/build/page_macros.py); this script zips the file with the metadata into one bundle, with the vendored
 * fflate (assets/vendor/fflate, listed before this script), and saves it. The bundle's member names, format label
 * and keys come from the form's data-fw-tg (macros/importer/bundle.py, which reads bundles). The metadata is YAML
 * whose every value is a JSON string or list, so no value can be read as anything else. Nothing leaves the browser.
 */
(() => {
  function say(form, text, problem) {
    const status = form.querySelector(".fw-tg-status");
    status.textContent = text;
    status.setAttribute("role", problem ? "alert" : "status");
  }

  function collect(form, settings) {
    const input = form.querySelector("#fw-tg-file");
    const file = input.files?.[0];
    if (!file) {
      return { problem: "请先选择文稿文件。" };
    }
    const dot = file.name.lastIndexOf(".");
    const suffix = dot < 0 ? "" : file.name.slice(dot).toLowerCase();
    if (settings.suffixes.indexOf(suffix) < 0) {
      return { problem: `不能投 ${suffix || "没有扩展名的"}文件，只能投：${settings.suffixes.join("、")}。` };
    }
    const values = {};
    for (const key of settings.fields) {
      if (key === "行业") {
        const checked = form.querySelectorAll('input[name="行业"]:checked');
        values[key] = Array.prototype.map.call(checked, (box) => box.value);
      } else {
        values[key] = form.querySelector(`[name="${key}"]`).value.trim();
      }
    }
    if (!values.标题) {
      return { problem: "请填写标题。" };
    }
    if (!values.行业.length) {
      return { problem: "请至少选一个行业。" };
    }
    for (const key of ["文种", "层级"]) {
      if (!values[key]) {
        return { problem: `请选择${key}。` };
      }
    }
    return { file, suffix, values };
  }

  function metadata(settings, name, values) {
    const lines = [`格式: ${JSON.stringify(settings.format)}`, `文件名: ${JSON.stringify(name)}`];
    for (const key of settings.fields) {
      if (values[key]?.length) {
        lines.push(`${key}: ${JSON.stringify(values[key])}`);
      }
    }
    return `${lines.join("\n")}\n`;
  }

  function bundleName(title) {
    /* what a file name may not hold on Windows, and blanks (controls are blanks to \s or dropped by the browser) */
    const safe = title.replace(/[\\/:*?"<>|\s]+/g, "").slice(0, 60);
    return `投稿-${safe || "文稿"}.zip`;
  }

  function save(form, settings) {
    const chosen = collect(form, settings);
    if (chosen.problem) {
      say(form, chosen.problem, true);
      return;
    }
    say(form, "正在打包……", false);
    chosen.file.arrayBuffer().then(
      (buffer) => {
        const files = {};
        files[settings.meta] = window.fflate.strToU8(metadata(settings, chosen.file.name, chosen.values));
        files[settings.original + chosen.suffix] = new Uint8Array(buffer);
        const blob = new Blob([window.fflate.zipSync(files, { level: 6 })], { type: "application/zip" });
        const name = bundleName(chosen.values.标题);
        window.fanwenkuDownload(blob, name);
        say(form, `已生成 ${name}：把它交给维护范文库的同事。文件没有上传到任何地方。`, false);
        form.setAttribute("data-fw-tg-done", name);
      },
      () => {
        say(form, "读不了这个文件：请确认它还在、没有被别的程序占用，再选一次。", true);
      },
    );
  }

  function setup() {
    const form = document.querySelector("[data-fw-tg]");
    if (!form || form.hasAttribute("data-fw-tg-ready")) {
      return;
    }
    const settings = JSON.parse(form.getAttribute("data-fw-tg"));
    form.querySelector("[data-fw-tg-save]").addEventListener("click", () => {
      save(form, settings);
    });
    form.hidden = false;
    const note = form.parentNode.querySelector(".fw-tg-nojs");
    if (note) {
      note.hidden = true;
    }
    form.setAttribute("data-fw-tg-ready", "");
  }

  window.fanwenkuOnPage(setup);
})();
