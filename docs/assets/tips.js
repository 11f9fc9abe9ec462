/* 范文库: the text of an element's data-fw-tip as a tooltip on hover or keyboard focus: a phrase mark's meaning, a
 * template field's name, a phrase page's use link's sample title, what the Word button makes.
 * Material mounts a tooltip component for every element with a title when a page loads, each reading the layout:
 * on a sample page with dozens of marks that was most of the main thread's work (Lighthouse). This one tooltip is
 * made on the first hover, and its text is set with textContent, so the data is never read as HTML (Material's
 * renders a title as HTML). Screen readers get the text through the element's name or aria-describedby. One set of
 * listeners for the whole visit (instant navigation runs page scripts again).
 */
(() => {
  if (window.fanwenkuTips) return;
  window.fanwenkuTips = true;
  let tip = null;

  function show(mark) {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "fw-tip";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    tip.textContent = mark.getAttribute("data-fw-tip");
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const width = Math.min(320, document.documentElement.clientWidth - 16);
    tip.style.maxWidth = `${width}px`;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  function hide() {
    if (tip) tip.hidden = true;
  }

  const markOf = (target) => target.closest?.("[data-fw-tip]");
  document.addEventListener("mouseover", (event) => {
    const mark = markOf(event.target);
    if (mark) show(mark);
    else if (!tip?.contains(event.target)) hide();
  });
  document.addEventListener("focusin", (event) => {
    const mark = markOf(event.target);
    if (mark) show(mark);
    else hide();
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
})();
