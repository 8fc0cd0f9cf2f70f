// Typeset TeX with MathJax (mathjax-full, the version package.json pins) into SVG.
//
// One request per line on stdin, {"tex": "...", "display": true}; one answer per
// line on stdout, {"html": "<mjx-container ...>"} or {"error": "MathJax's message"}.
// Started once per build by snippets/mathjax_static.py. With "--css" it prints the
// stylesheet the SVG output needs and exits.
//
// noerrors and noundefined are left out: an error becomes an answer, not red text.

const readline = require("readline");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");

const adaptor = liteAdaptor();
// Screen readers read the MathML copy; the SVG is hidden from them.
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const packages = AllPackages.filter((name) => name !== "noerrors" && name !== "noundefined");
const tex = new TeX({ packages });
// "local": each formula carries the glyphs it uses, so it stands alone in the page.
const svg = new SVG({ fontCache: "local" });
const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });

if (process.argv.includes("--css")) {
  process.stdout.write(adaptor.textContent(svg.styleSheet(doc)) + "\n");
  process.exit(0);
}

function typeset(request) {
  const node = doc.convert(request.tex, { display: request.display });
  const error = adaptor.tags(node, "mjx-merror")[0] || adaptor.tags(node, "merror")[0];
  const html = adaptor.outerHTML(node);
  const message = /data-mjx-error="([^"]*)"/.exec(html);
  if (error || message) {
    return { error: message ? message[1] : "MathJax could not typeset this formula" };
  }
  return { html };
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let answer;
  try {
    answer = typeset(JSON.parse(line));
  } catch (exc) {
    answer = { error: String(exc && exc.message ? exc.message : exc) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
