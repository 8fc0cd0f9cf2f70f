// Typeset TeX with MathJax (mathjax-full, the version package.json pins) into SVG.
//
// One request per line on stdin, {"tex": "...", "display": true}; one answer per
// line on stdout, {"html": "<mjx-container ...>"} or {"error": "MathJax's message"}.
// Started once per build by pipeline/mathjax_static.py. With "--css" it prints the
// stylesheet the SVG output needs and exits.
//
// noerrors and noundefined are left out: an error becomes an answer, not red text.
//
// A screen reader gets one copy of each formula: the SVG, named by its speech text
// (speech-rule-engine, MathJax's dependency, in MathSpeak: literal, so "d upper Z
// Superscript left-bracket l right-bracket" and not "raised to the l power", as a
// layer is no power). MathJax's assistive MathML would be a second, hidden copy: a
// quarter of a page's elements.

const readline = require("readline");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { STATE } = require("mathjax-full/js/core/MathItem.js");
const { SerializedMmlVisitor } = require("mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js");
const sre = require("speech-rule-engine");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
const packages = AllPackages.filter((name) => name !== "noerrors" && name !== "noundefined");
const tex = new TeX({ packages });
// "local": each formula carries the glyphs it uses, so it stands alone in the page.
const svg = new SVG({ fontCache: "local" });
const doc = mathjax.document("", { InputJax: tex, OutputJax: svg });
const mathml = new SerializedMmlVisitor();

if (process.argv.includes("--css")) {
  process.stdout.write(adaptor.textContent(svg.styleSheet(doc)) + "\n");
  process.exit(0);
}

function typeset(request) {
  const node = doc.convert(request.tex, { display: request.display });
  const error = adaptor.tags(node, "mjx-merror")[0] || adaptor.tags(node, "merror")[0];
  const message = /data-mjx-error="([^"]*)"/.exec(adaptor.outerHTML(node));
  if (error || message) {
    return { error: message ? message[1] : "MathJax could not typeset this formula" };
  }
  const tree = doc.convert(request.tex, { display: request.display, end: STATE.CONVERT });
  const image = adaptor.tags(node, "svg")[0];
  adaptor.setAttribute(image, "aria-label", sre.toSpeech(mathml.visitTree(tree)));
  adaptor.removeAttribute(image, "aria-hidden");
  return { html: adaptor.outerHTML(node) };
}

async function serve() {
  sre.setupEngine({ locale: "en", domain: "mathspeak", modality: "speech" });
  await sre.engineReady();
  readline.createInterface({ input: process.stdin }).on("line", reply);
}

function reply(line) {
  let answer;
  try {
    answer = typeset(JSON.parse(line));
  } catch (exc) {
    answer = { error: String(exc && exc.message ? exc.message : exc) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}

serve();
