/* Run a page's setup on every page Material shows (instant navigation included), or once where Material's
   document$ is absent (a page opened before the bundle ran, a test page). Loaded before the other scripts. */
window.fanwenkuOnPage = function (setup) {
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
};
