/* 范文库 fill-in templates (模板): the live form beside each template's preview.
 *
 * The page (macros/pages/template_page.py) already holds the whole template as text and shows the form
 * (muban.css); this script only fills them in and wires them up. The filled text is what templates.py's fill()
 * gives: each paragraph through fillParts (macros/sources/templates.js, its twin, published in front of this). What a user types is only ever set with
 * textContent or .value, never parsed as HTML.
 * Values are kept in localStorage per field key, so a key typed once (地区, 年份) is filled in every
 * template. Copying is Material's clipboard handler on [data-clipboard-target]: this script keeps the
 * hidden #fw-filled-<slug> text current. Runs on every page Material's instant navigation shows.
 */
(() => {
  const STORE = "fanwenku:字段:";

  function load(key) {
    try {
      return window.localStorage.getItem(STORE + key) || "";
    } catch (_e) {
      return ""; // storage disabled: the form still works, it just does not remember
    }
  }

  function save(key, value) {
    try {
      if (value) {
        window.localStorage.setItem(STORE + key, value);
      } else {
        window.localStorage.removeItem(STORE + key);
      }
    } catch (_e) {
      /* storage full or disabled */
    }
  }

  function setup(root) {
    if (root.hasAttribute("data-fw-ready")) {
      return;
    }
    const { fillParts, placeholder } = window.fanwenkuTemplates; // macros/sources/templates.js, published before this
    const form = root.querySelector(".fw-tpl-form");
    const inputs = Array.prototype.slice.call(form.querySelectorAll("[data-key]"));
    const slots = Array.prototype.slice.call(root.querySelectorAll(".fw-tpl-preview .fw-ph"));
    const blocks = Array.prototype.slice.call(root.querySelectorAll(".fw-tpl-preview > .fw-tp"));
    const filledText = root.querySelector("pre[id^='fw-filled-']");
    const status = form.querySelector(".fw-tpl-status");

    function show(key, value) {
      slots.forEach((slot) => {
        if (slot.getAttribute("data-key") === key) {
          slot.textContent = value || placeholder(key);
          slot.classList.toggle("fw-ph--filled", Boolean(value));
        }
      });
    }

    /* A preview block as the template's paragraph: its text, and its placeholders as fields */
    const paragraphs = blocks.map((block) =>
      Array.from(block.childNodes, (node) =>
        node.nodeType === 1 && node.classList.contains("fw-ph")
          ? [node.getAttribute("data-key"), true]
          : [node.textContent, false],
      ),
    );

    function refresh() {
      const values = {};
      inputs.forEach((input) => {
        values[input.getAttribute("data-key")] = input.value;
      });
      filledText.textContent = paragraphs.map((parts) => fillParts(parts, values)).join("\n");
      const open = inputs.filter((input) => !input.value && input.getAttribute("aria-required") === "true");
      const done = inputs.filter((input) => input.value).length;
      const summary =
        "已填 " +
        done +
        " / " +
        inputs.length +
        " 个字段" +
        (open.length ? `；必填未填 ${open.length} 个` : "；必填字段都已填写");
      if (status.textContent !== summary) {
        status.textContent = summary; // a live region: change it only when the counts change
      }
    }

    inputs.forEach((input) => {
      const key = input.getAttribute("data-key");
      input.value = load(key);
      show(key, input.value);
      input.addEventListener("input", () => {
        save(key, input.value);
        show(key, input.value);
        refresh();
      });
    });

    form.addEventListener("submit", (event) => {
      event.preventDefault(); // Enter in a field must not reload the page
    });

    form.querySelector("[data-fw-clear]").addEventListener("click", () => {
      inputs.forEach((input) => {
        const key = input.getAttribute("data-key");
        input.value = "";
        save(key, "");
        show(key, "");
      });
      refresh();
      if (inputs.length) {
        inputs[0].focus();
      }
    });

    refresh();
    root.setAttribute("data-fw-ready", ""); // set up: tests and a second run of this script see it
  }

  function setupAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".fw-tpl"), setup);
  }

  window.fanwenkuOnPage(setupAll);
})();
