/* 范文库, sample pages: the round button after each 技法 under a paragraph shows or hides that 技法's note, an item
 * of the list right below the line (macros/pages/fragments/sample.html). Nothing is read or changed when a page
 * loads: one click listener for the whole visit, so the notes cost a page nothing until used (Material's annotation
 * component, used before, measured and laid out every marker on load). Without scripts the list shows whole.
 */
(() => {
  if (window.fanwenkuTechNotes) return;
  window.fanwenkuTechNotes = true;

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("button.fw-tech__marker");
    const note = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!note) return;
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    note.classList.toggle("fw-tech__note--open", open);
    const list = note.parentElement;
    list.classList.toggle("fw-tech__list--open", list.querySelector(".fw-tech__note--open") !== null);
  });
})();
