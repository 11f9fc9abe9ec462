/* 范文库, 功能 and 技法 pages (macros/pages/guides.py): filter the paragraphs by 行业 and 层级.
   A list is cut into pages at build time, each with a plain pager; without this script every paragraph of the page
   shows. The script reveals the filter: it shows this page's paragraphs of the chosen 行业 and 层级, says how many
   the whole list has, and links the nearest pages before and after this one that have some, from the page's data
   (data-list, JSON: for each choice its count, first page, page before and page after). The choice travels in
   the address (?hangye=…&cengji=…), so those links, a reload and a copied link show it too. */
(() => {
  const setup = (root) => {
    if (root.hasAttribute("data-fw-ready")) return;
    root.setAttribute("data-fw-ready", "");
    const data = JSON.parse(root.dataset.list);
    const total = Number(root.dataset.total);
    const first = Number(root.dataset.first);
    const form = root.querySelector(".fw-hitfilter");
    const selects = Array.from(form.querySelectorAll("select"));
    const status = form.querySelector(".fw-hitfilter__status");
    const pager = root.querySelector(":scope > .fw-pager");
    const items = Array.from(root.querySelectorAll(".fw-hit"));
    const groups = Array.from(root.querySelectorAll(".fw-hitgroup"));
    const steps = document.createElement("nav");
    steps.className = "fw-pager fw-pager--filtered";
    steps.setAttribute("aria-label", "符合条件的段落在别的页");
    steps.setAttribute("data-search-exclude", "");
    steps.hidden = true;
    root.append(steps);

    const known = new URLSearchParams(window.location.search);
    for (const select of selects) {
      const value = known.get(select.name);
      if (value && Array.from(select.options).some((option) => option.value === value)) select.value = value;
    }

    const query = () =>
      selects
        .filter((s) => s.value)
        .map((s) => `${s.name}=${encodeURIComponent(s.value)}`)
        .join("&");
    const href = (number) => {
      const address = number === 1 ? data.first : data.pattern.replace("{n}", String(number));
      return query() ? `${address}?${query()}` : address;
    };
    const matches = (item) =>
      selects.every((select) => !select.value || (item.dataset[select.name] || "").split(" ").includes(select.value));
    const choice = () => data.combos[selects.map((s) => s.value).join("|")] || [0, 0, 0, 0];

    const step = (label, number) => {
      const link = document.createElement("a");
      link.className = "fw-pager__step";
      link.href = href(number);
      link.textContent = label;
      return link;
    };

    const render = () => {
      const filtered = selects.some((s) => s.value);
      let shown = 0;
      for (const item of items) {
        item.hidden = !matches(item);
        if (!item.hidden) shown += 1;
      }
      for (const group of groups) {
        const count = group.querySelector(".fw-hitgroup__count");
        count.dataset.total ??= count.textContent;
        const here = group.querySelectorAll(".fw-hit:not([hidden])").length;
        count.textContent = filtered ? `本页 ${here} 段` : count.dataset.total;
        group.hidden = here === 0;
      }
      if (pager) pager.hidden = filtered;
      steps.replaceChildren();
      steps.hidden = true;
      const params = new URLSearchParams(window.location.search);
      for (const select of selects) {
        if (select.value) params.set(select.name, select.value);
        else params.delete(select.name);
      }
      const search = params.toString() ? `?${params}` : "";
      if (search !== window.location.search) {
        window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash);
      }
      if (!filtered) {
        status.textContent =
          data.pages > 1 ? `共 ${total} 段，这一页是第 ${first}—${first + items.length - 1} 段` : `共 ${total} 段`;
        return;
      }
      const [count, firstPage, before, after] = choice();
      if (!count) {
        status.textContent = "没有符合条件的段落，换一个行业或层级试试。";
        return;
      }
      status.textContent = `符合条件的共 ${count} 段，这一页有 ${shown} 段${shown ? "" : "，在别的页上"}。`;
      if (before) steps.append(step(`上一页有的：第 ${before} 页`, before));
      if (after) steps.append(step(`下一页有的：第 ${after} 页`, after));
      if (!shown && !before && !after && firstPage !== data.page) steps.append(step(`第 ${firstPage} 页`, firstPage));
      steps.hidden = !steps.childElementCount;
    };

    for (const select of selects) {
      select.addEventListener("change", () => {
        render();
        /* Nothing of the choice on this page: go to the nearest page that has some */
        const [count, firstPage, before, after] = choice();
        if (count && !items.some(matches)) window.location.assign(href(after || before || firstPage));
      });
    }
    form.hidden = false;
    render();
  };

  window.fanwenkuOnPage(() => {
    for (const root of document.querySelectorAll(".fw-hits")) setup(root);
  });
})();
