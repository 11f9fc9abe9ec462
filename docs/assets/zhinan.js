/* 范文库, 功能 and 技法 pages (macros/pages/guides.py): filter the paragraphs by 行业 and 层级, and page long lists.
   The page holds every paragraph; without this script all of them show. The script reveals the filter, shows one
   page of the matching paragraphs at a time, keeps each 文种 group's count current, opens the page that holds a
   linked group or paragraph (#gongzuo-zongjie), and shows every matching paragraph while the page is printed. */
(() => {
  const PAGER_WINDOW = 2; // page numbers shown either side of the current one

  const setup = (root) => {
    if (root.hasAttribute("data-fw-ready")) return;
    root.setAttribute("data-fw-ready", "");
    const size = Number.parseInt(root.dataset.pageSize, 10) || 20;
    const form = root.querySelector(".fw-hitfilter");
    const selects = Array.from(form.querySelectorAll("select"));
    const status = form.querySelector(".fw-hitfilter__status");
    const pager = root.querySelector(".fw-pager");
    const items = Array.from(root.querySelectorAll(".fw-hit"));
    const groups = Array.from(root.querySelectorAll(".fw-hitgroup"));
    let page = 0;

    const matches = (item) =>
      selects.every((select) => !select.value || (item.dataset[select.name] || "").split(" ").includes(select.value));

    const button = (label, target, name) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "fw-pager__button";
      b.textContent = label;
      if (name) b.setAttribute("aria-label", name);
      if (target === page) b.setAttribute("aria-current", "page");
      b.addEventListener("click", () => {
        page = target;
        render();
        root.scrollIntoView({ block: "start" });
        const current = pager.querySelector("[aria-current]");
        if (current) current.focus();
      });
      return b;
    };

    const drawPager = (pages) => {
      pager.textContent = "";
      pager.hidden = pages <= 1;
      if (pages <= 1) return;
      if (page > 0) pager.append(button("上一页", page - 1));
      for (let n = 0; n < pages; n += 1) {
        if (n === 0 || n === pages - 1 || Math.abs(n - page) <= PAGER_WINDOW) {
          pager.append(button(String(n + 1), n, `第 ${n + 1} 页`));
        } else if (Math.abs(n - page) === PAGER_WINDOW + 1) {
          const gap = document.createElement("span");
          gap.className = "fw-pager__gap";
          gap.textContent = "…";
          pager.append(gap);
        }
      }
      if (page < pages - 1) pager.append(button("下一页", page + 1));
    };

    const render = () => {
      const shown = items.filter(matches);
      const pages = Math.max(1, Math.ceil(shown.length / size));
      page = Math.min(page, pages - 1);
      const from = page * size;
      const to = Math.min(shown.length, from + size);
      const onPage = new Set(shown.slice(from, to));
      for (const item of items) item.hidden = !onPage.has(item);
      for (const group of groups) {
        const matching = Array.from(group.querySelectorAll(".fw-hit")).filter(matches).length;
        group.querySelector(".fw-hitgroup__count").textContent = `${matching} 段`;
        group.hidden = !group.querySelector(".fw-hit:not([hidden])");
      }
      const filtered = selects.some((s) => s.value);
      let text = filtered ? `符合条件的 ${shown.length} 段（共 ${items.length} 段）` : `共 ${items.length} 段`;
      if (!shown.length) {
        text = "没有符合条件的段落，换一个行业或层级试试。";
      } else if (pages > 1) {
        text += `，第 ${from + 1}—${to} 段`;
      }
      status.textContent = text;
      drawPager(pages);
    };

    /* A link to a group or a paragraph of this list opens the page that holds it. */
    const reveal = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const target = id && document.getElementById(id);
      if (!target || !root.contains(target)) return;
      const group = target.closest(".fw-hitgroup");
      const item = target.closest(".fw-hit") || group?.querySelector(".fw-hit");
      if (!item) return;
      if (!matches(item)) {
        for (const s of selects) s.value = "";
      }
      page = Math.floor(items.filter(matches).indexOf(item) / size);
      render();
      target.scrollIntoView({ block: "start" });
    };

    for (const select of selects) {
      select.addEventListener("change", () => {
        page = 0;
        render();
      });
    }
    form.hidden = false;
    render();
    reveal();
    window.addEventListener("hashchange", reveal);
    // Printing shows every matching paragraph, not only the page on screen.
    root.fanwenkuPrint = (printing) => {
      if (!printing) {
        render();
        return;
      }
      for (const item of items) item.hidden = !matches(item);
      for (const group of groups) group.hidden = !group.querySelector(".fw-hit:not([hidden])");
      pager.hidden = true;
    };
  };

  window.fanwenkuOnPage(() => {
    for (const root of document.querySelectorAll(".fw-hits")) setup(root);
  });

  /* One pair of print listeners for the whole visit: instant navigation runs this script on every visit. */
  if (window.fanwenkuHitsPrint) return;
  window.fanwenkuHitsPrint = (printing) => {
    for (const root of document.querySelectorAll(".fw-hits")) {
      if (root.fanwenkuPrint) root.fanwenkuPrint(printing);
    }
  };
  window.addEventListener("beforeprint", () => window.fanwenkuHitsPrint(true));
  window.addEventListener("afterprint", () => window.fanwenkuHitsPrint(false));
})();
