// The browser's checker (a module worker, started by check-step.js): Pyodide, then sympy and the site's
// checker unpacked from site-packages.zip, all from this site's assets/checker/ (pipeline/browser_checker.py).
// Messages in: {id, page, text}; out: {id, kind: "progress", text}, {id, kind: "checking"},
// {id, kind: "answer", answer} (checker/reader_step.py's answer) or {id, kind: "failed", message}.
const base = new URL("../assets/checker/", import.meta.url);
const waiting = new Set();
const progress = (text) => {
  for (const id of waiting) postMessage({ id, kind: "progress", text });
};

// Pyodide fetches pyodide.asm.wasm by that name; the site ships it gzipped (pipeline/browser_checker.py), so that
// it costs 3.6 MB, not 9.6, whether or not the host compresses wasm. This answers that one fetch; a host that
// sends the .gz with Content-Encoding: gzip hands over the wasm itself (its magic number, \0asm), passed on as is.
const wasm = new URL("pyodide.asm.wasm", base).href;
const plainFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  if (String(input instanceof Request ? input.url : input) !== wasm) return plainFetch(input, init);
  const packed = await plainFetch(`${wasm}.gz`);
  if (!packed.ok) return packed;
  const bytes = new Uint8Array(await packed.arrayBuffer());
  const body = bytes[0] === 0x1f && bytes[1] === 0x8b
    ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))
    : bytes;
  return new Response(body, { headers: { "Content-Type": "application/wasm" } });
};

const load = async () => {
  progress("Loading the checker: Python (Pyodide)…");
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href).catch((error) => {
    // assets/checker/ is written after the build (python -m pipeline.build, make build), not by mkdocs serve.
    throw new Error(`this site has no checker for the browser (assets/checker/pyodide.mjs: ${error.message})`);
  });
  const pyodide = await loadPyodide({
    indexURL: base.href,
    lockFileURL: new URL("pyodide-lock.json", base).href,
    stdout: () => {},
    stderr: () => {},
  });
  progress("Loading the checker: sympy and the site's checker…");
  const zip = await fetch(new URL("site-packages.zip", base));
  if (!zip.ok) throw new Error(`site-packages.zip: ${zip.status} ${zip.statusText}`);
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(await zip.arrayBuffer(), "zip", { extractDir: sitePackages });
  progress("Loading the checker: starting sympy…");
  return pyodide.pyimport("checker.reader_step");
};
let ready = null;

onmessage = async ({ data }) => {
  const { id, page, text } = data;
  waiting.add(id);
  try {
    ready = ready || load();
    const checker = await ready;
    progress("Reading this page's definitions…");
    checker.prepare_json(page); // once per page: the timeout is for the reader's step alone
    postMessage({ id, kind: "checking" });
    const answer = JSON.parse(checker.check_json(page, text));
    postMessage({ id, kind: "answer", answer });
  } catch (error) {
    postMessage({ id, kind: "failed", message: String(error && error.message ? error.message : error) });
  } finally {
    waiting.delete(id);
  }
};
