// A table wider than the screen scrolls in the box Material wraps it in (with
// JavaScript, so the box cannot carry a tabindex in the HTML): make that box a tab
// stop, as display formulas are, so a keyboard can scroll it (axe:
// scrollable-region-focusable). Material does this for code blocks itself.
// document$ is Material's: it emits for every page, instant navigation included.
document$.subscribe(() => {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "table, scrolls sideways");
    }
  }
});
