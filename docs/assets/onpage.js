/* 范文库: run a page script's setup once for the page on screen.
   Page scripts are listed in a page's front matter (`scripts:`) and sit inside Material's content container,
   which instant navigation swaps and whose scripts it runs again; so each run sets up the page it finds, once.
   On a full load the script runs while the page is parsed, so it waits for the rest of the page. */
(() => {
  window.fanwenkuOnPage = (setup) => {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setup, { once: true });
    } else {
      setup();
    }
  };
})();
