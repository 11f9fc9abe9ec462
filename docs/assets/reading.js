/* 范文库, every page: the 阅读设置 button in the header opens a panel of three choices (字号, 配色, 行距;
   overrides/partials/reading.html). A choice applies at once, through the data-fw-* attributes of <html> that the
   head script of overrides/main.html sets from localStorage before the first paint (window.fanwenkuReading), and is
   kept in this browser for every page; where storage is blocked it holds on this page only, and the panel says so.
   One set of listeners on the document for the whole visit: the header, and so the control, outlives instant
   navigation. Escape, a click outside or focus leaving the panel closes it. */
(() => {
  const reading = window.fanwenkuReading;
  if (!reading || window.fanwenkuReadingControl) return;
  window.fanwenkuReadingControl = true;
  const root = document.documentElement;

  const current = () => {
    const settings = {};
    for (const name of reading.names) {
      const value = root.getAttribute(`data-fw-${name}`);
      if (value) settings[name] = value;
    }
    return settings;
  };

  const store = (settings) => {
    try {
      window.localStorage.setItem(reading.key, JSON.stringify(settings));
      return true;
    } catch {
      return false;
    }
  };

  const parts = (control) => {
    const button = control.querySelector(".fw-reading__button");
    return { button, panel: document.getElementById(button.getAttribute("aria-controls")) };
  };

  const open = (control) => {
    const { button, panel } = parts(control);
    const settings = current();
    for (const input of panel.querySelectorAll("input[type=radio]")) {
      input.checked = (settings[input.name.replace(/^fw-/, "")] || "") === input.value;
    }
    button.setAttribute("aria-expanded", "true");
    panel.hidden = false;
  };

  const close = (control, refocus) => {
    const { button, panel } = parts(control);
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (refocus) button.focus();
  };

  document.addEventListener("click", (event) => {
    const control = document.querySelector("[data-fw-reading]");
    if (!control) return;
    const button = event.target.closest?.(".fw-reading__button");
    if (button) {
      if (button.getAttribute("aria-expanded") === "true") close(control, false);
      else open(control);
    } else if (!control.contains(event.target)) {
      close(control, false);
    }
  });

  document.addEventListener("change", (event) => {
    const input = event.target.closest?.(".fw-reading__panel input[type=radio]");
    if (!input) return;
    const settings = current();
    const name = input.name.replace(/^fw-/, "");
    if (input.value) settings[name] = input.value;
    else delete settings[name];
    reading.apply(settings);
    if (!store(settings)) {
      const note = input.closest(".fw-reading__panel").querySelector("[data-fw-reading-note]");
      note.textContent = "这个浏览器不允许网页保存设置：设置只对本页有效，换页后要重新选择。";
    }
  });

  document.addEventListener("keydown", (event) => {
    const control = event.key === "Escape" && event.target.closest?.("[data-fw-reading]");
    if (control) close(control, true);
  });

  document.addEventListener("focusout", (event) => {
    const control = event.target.closest?.("[data-fw-reading]");
    if (control && event.relatedTarget && !control.contains(event.relatedTarget)) close(control, false);
  });

  // A choice made in another tab or window shows here too.
  window.addEventListener("storage", (event) => {
    if (event.key !== reading.key) return;
    try {
      reading.apply(JSON.parse(event.newValue));
    } catch {
      reading.apply(null);
    }
  });
})();
