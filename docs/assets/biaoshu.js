/* 范文库, 常用表述 index (biaoshu/): the category links become filter buttons (without JavaScript they jump to the
   section). Each phrase has its own page (biaoshu/<slug>/), which needs no script. */
(() => {
  window.fanwenkuOnPage(() => {
    window.fanwenkuShowCategory = null; // the filter of the page on screen, if it has one
    const nav = document.querySelector(".fw-filter");
    if (!nav) return;
    const sections = Array.from(document.querySelectorAll(".fw-cat"));
    const buttons = [];

    const show = (category) => {
      for (const section of sections) {
        section.hidden = category !== "" && section.dataset.category !== category;
      }
      for (const b of buttons) {
        b.setAttribute("aria-pressed", String(b.dataset.category === category));
      }
    };

    const button = (category, label, count) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "fw-chip";
      b.dataset.category = category;
      b.append(label);
      if (count !== null) {
        const number = document.createElement("span");
        number.textContent = count;
        b.append(" ", number);
      }
      b.addEventListener("click", () => show(category));
      buttons.push(b);
      return b;
    };

    const links = Array.from(nav.querySelectorAll("a.fw-chip"));
    nav.insertBefore(button("", "全部", nav.dataset.total), links[0]);
    for (const link of links) {
      const count = link.querySelector("span");
      const label = link.firstChild ? link.firstChild.textContent.trim() : "";
      link.replaceWith(button(link.dataset.category, label, count ? count.textContent : null));
    }
    show("");
    window.fanwenkuShowCategory = show;
  });

  /* A link into a hidden category (the table of contents) shows everything again.
     One listener for the whole visit: instant navigation runs this script again on every visit to the page. */
  if (window.fanwenkuPhraseLinks) return;
  window.fanwenkuPhraseLinks = true;
  document.addEventListener(
    "click",
    (ev) => {
      const show = window.fanwenkuShowCategory;
      const link = ev.target.closest?.("a[href*='#']");
      if (!show || !link) return;
      const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (target?.closest(".fw-cat[hidden]")) show("");
    },
    true,
  );
})();
