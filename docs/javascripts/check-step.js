// The "Check your own step" box (pipeline/check_box.py). Nothing is fetched until the reader presses
// the button; then a module worker (check-step-worker.js) loads Pyodide and the site's checker
// (assets/checker/, pipeline/browser_checker.py) once, for every page. A check that runs longer than
// the box's data-timeout-ms cannot be interrupted (no SharedArrayBuffer on GitHub Pages): the worker
// is ended, the reader told, and the next check starts a new one. Wired per page through Material's
// document$, which instant navigation emits again on every page.
(() => {
  const script = document.currentScript.src;
  let worker = null;
  let loaded = false; // the checker is in this tab: the button no longer warns of a download
  let asked = 0;
  const waiting = new Map();

  const start = () => {
    worker = new Worker(new URL("check-step-worker.js", script), { type: "module" });
    worker.onmessage = ({ data }) => {
      const box = waiting.get(data.id);
      if (box) box.reply(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(`the checker could not start (${event.message || "the worker failed to load"})`);
    };
  };
  const fail = (message) => {
    for (const box of waiting.values()) box.reply({ kind: "failed", message });
    waiting.clear();
    if (worker) worker.terminate();
    worker = null;
    loaded = false;
  };

  const wire = (box) => {
    const input = box.querySelector("textarea");
    const button = box.querySelector("button");
    const answer = box.querySelector(".check-step-answer");
    const say = (state, lines) => {
      box.dataset.state = state;
      answer.replaceChildren(...lines.flatMap((line, i) => (i ? [document.createElement("br"), line] : [line])));
    };
    const check = async () => {
      if (box.dataset.state === "checking") return;
      if (!worker) start();
      const id = ++asked;
      let timer = null;
      // Past ``limit`` ms the worker is ended (a running check cannot be interrupted) and the reader told why.
      const giveUp = (limit, why) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          waiting.delete(id);
          fail("");
          say("timeout", [`timeout: ${why(limit / 1000)}`]);
        }, limit);
      };
      say("checking", ["Loading the checker…"]);
      waiting.set(id, {
        reply: (data) => {
          if (data.kind === "progress") return say("checking", [data.text]);
          if (data.kind === "checking") {
            loaded = true;
            button.textContent = "Check this step";
            say("checking", ["Checking…"]);
            return giveUp(Number(box.dataset.timeoutMs) || 20000, (s) =>
              `the check ran longer than ${s} s and was stopped; try a shorter step, or split it into two lines`);
          }
          clearTimeout(timer);
          waiting.delete(id);
          if (data.kind === "answer") return say(data.answer.verdict, data.answer.answers);
          say("failed", [`the checker failed: ${data.message}`]);
        },
      });
      try {
        // The page's data: in the page, or (after the build's last step) a file fetched now, once.
        box.dataset.page ??= await fetch(new URL(`../assets/checker/pages/${box.dataset.pageFile}`, script))
          .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${r.statusText}`))));
      } catch (error) {
        waiting.delete(id);
        return say("failed", [`the checker failed: this page's definitions did not load (${error.message})`]);
      }
      if (!worker) start();
      worker.postMessage({ id, page: box.dataset.page, text: input.value });
      // Until the worker starts the check: loading it, and the page's definitions (the check has its own limit).
      giveUp(Number(box.dataset.loadTimeoutMs) || 180000, (s) =>
        `the checker did not load within ${s} s (a slow or broken connection?); press the button to try again`);
    };
    button.onclick = check;
    if (loaded && worker) button.textContent = "Check this step";
    if (button.dataset.pressed) check(); // pressed before this script arrived (it loads on the first touch)
  };

  document$.subscribe(() => {
    for (const box of document.querySelectorAll(".check-step")) wire(box);
  });
})();
