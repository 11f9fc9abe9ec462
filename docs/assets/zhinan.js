/* 功能 and 技法 pages (macros/pages/guides.py): filter the paragraphs by 行业 and 层级, and page long lists.

   The page holds every paragraph; without this script all of them show. The script reveals the filter, shows
   one page of the matching paragraphs at a time, keeps each 文种 group's count current, opens the page that
   holds a linked group or paragraph (#gongzuo-zongjie), and shows everything while the page is printed.
   It runs where the page emits it (front matter `scripts:`), on a full load and on Material's instant
   navigation alike; a list it has set up already is left alone. */
(function () {
  "use strict";

  var PAGER_WINDOW = 2; // page numbers shown either side of the current one

  function setup(root) {
    if (root.hasAttribute("data-fw-ready")) {
      return;
    }
    root.setAttribute("data-fw-ready", "");
    var size = parseInt(root.getAttribute("data-page-size"), 10) || 20;
    var form = root.querySelector(".fw-hitfilter");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector(".fw-hitfilter__status");
    var pager = root.querySelector(".fw-pager");
    var items = Array.prototype.slice.call(root.querySelectorAll(".fw-hit"));
    var groups = Array.prototype.slice.call(root.querySelectorAll(".fw-hitgroup"));
    var page = 0;

    function matches(item) {
      return selects.every(function (select) {
        var values = (item.getAttribute("data-" + select.name) || "").split(" ");
        return !select.value || values.indexOf(select.value) >= 0;
      });
    }

    function button(label, target, name) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "fw-pager__button";
      b.textContent = label;
      if (name) {
        b.setAttribute("aria-label", name);
      }
      if (target === page) {
        b.setAttribute("aria-current", "page");
      }
      b.addEventListener("click", function () {
        page = target;
        render();
        root.scrollIntoView({ block: "start" });
        var current = pager.querySelector("[aria-current]");
        if (current) {
          current.focus();
        }
      });
      return b;
    }

    function drawPager(pages) {
      pager.textContent = "";
      pager.hidden = pages <= 1;
      if (pages <= 1) {
        return;
      }
      if (page > 0) {
        pager.appendChild(button("上一页", page - 1));
      }
      for (var n = 0; n < pages; n += 1) {
        var edge = n === 0 || n === pages - 1;
        if (edge || Math.abs(n - page) <= PAGER_WINDOW) {
          pager.appendChild(button(String(n + 1), n, "第 " + (n + 1) + " 页"));
        } else if (Math.abs(n - page) === PAGER_WINDOW + 1) {
          var gap = document.createElement("span");
          gap.className = "fw-pager__gap";
          gap.textContent = "…";
          pager.appendChild(gap);
        }
      }
      if (page < pages - 1) {
        pager.appendChild(button("下一页", page + 1));
      }
    }

    function render() {
      var shown = items.filter(matches);
      var pages = Math.max(1, Math.ceil(shown.length / size));
      page = Math.min(page, pages - 1);
      var from = page * size;
      var to = Math.min(shown.length, from + size);
      items.forEach(function (item) {
        item.hidden = true;
      });
      shown.slice(from, to).forEach(function (item) {
        item.hidden = false;
      });
      groups.forEach(function (group) {
        var all = group.querySelectorAll(".fw-hit");
        var matching = Array.prototype.filter.call(all, matches).length;
        group.querySelector(".fw-hitgroup__count").textContent = matching + " 段";
        group.hidden = !group.querySelector(".fw-hit:not([hidden])");
      });
      var filtered = selects.some(function (s) { return s.value; });
      var text = filtered ? "符合条件的 " + shown.length + " 段（共 " + items.length + " 段）" : "共 " + items.length + " 段";
      if (!shown.length) {
        text = "没有符合条件的段落，换一个行业或层级试试。";
      } else if (pages > 1) {
        text += "，第 " + (from + 1) + "—" + to + " 段";
      }
      status.textContent = text;
      drawPager(pages);
    }

    /* A link to a group or a paragraph of this list opens the page that holds it. */
    function reveal() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id && document.getElementById(id);
      if (!target || !root.contains(target)) {
        return;
      }
      var item = target.closest(".fw-hit") || target.closest(".fw-hitgroup").querySelector(".fw-hit");
      if (!item) {
        return;
      }
      if (!matches(item)) {
        selects.forEach(function (s) { s.value = ""; });
      }
      page = Math.floor(items.filter(matches).indexOf(item) / size);
      render();
      target.scrollIntoView({ block: "start" });
    }

    selects.forEach(function (select) {
      select.addEventListener("change", function () {
        page = 0;
        render();
      });
    });
    form.hidden = false;
    render();
    reveal();
    window.addEventListener("hashchange", reveal);
    // Printing shows every matching paragraph, not only the page on screen.
    root.fanwenkuPrint = function (printing) {
      if (printing) {
        items.forEach(function (item) { item.hidden = !matches(item); });
        groups.forEach(function (group) { group.hidden = !group.querySelector(".fw-hit:not([hidden])"); });
        pager.hidden = true;
      } else {
        render();
      }
    };
  }

  Array.prototype.forEach.call(document.querySelectorAll(".fw-hits"), setup);

  if (!window.fanwenkuHitsPrint) {
    window.fanwenkuHitsPrint = function (printing) {
      Array.prototype.forEach.call(document.querySelectorAll(".fw-hits"), function (root) {
        if (root.fanwenkuPrint) {
          root.fanwenkuPrint(printing);
        }
      });
    };
    window.addEventListener("beforeprint", function () { window.fanwenkuHitsPrint(true); });
    window.addEventListener("afterprint", function () { window.fanwenkuHitsPrint(false); });
  }
})();
