/* 常用表述 page: the category links become filter buttons (without JavaScript they jump to the section). */
(function () {
  var show = null; // the filter of the page on screen, if it has one

  window.fanwenkuOnPage(function () {
    show = null;
    var nav = document.querySelector(".fw-filter");
    if (!nav) return;
    var sections = Array.from(document.querySelectorAll(".fw-cat"));
    var buttons = [];

    show = function (category) {
      sections.forEach(function (section) {
        section.hidden = category !== "" && section.dataset.category !== category;
      });
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.dataset.category === category));
      });
    };

    function button(category, label) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "fw-chip";
      b.dataset.category = category;
      b.innerHTML = label;
      b.addEventListener("click", function () { show(category); });
      buttons.push(b);
      return b;
    }

    var links = Array.from(nav.querySelectorAll("a.fw-chip"));
    nav.insertBefore(button("", "全部 <span>" + nav.dataset.total + "</span>"), links[0]);
    links.forEach(function (link) {
      link.replaceWith(button(link.dataset.category, link.innerHTML));
    });
    show("");
  });

  /* A link to an entry in a hidden category (a 近义 link, the table of contents) shows everything again. */
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a[href*='#']");
    if (!show || !link) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (target && target.closest(".fw-cat[hidden]")) show("");
  }, true);
})();
