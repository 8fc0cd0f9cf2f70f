// Compile the browser checker's Python with the Pyodide the reader's browser runs (pipeline/browser_checker.py).
//
// node browser_checker.mjs <pyodide folder> <work folder>
// <work folder>/wheels/*.whl and <work folder>/checker/*.py in; <work folder>/site-packages.zip out:
// the wheels unpacked (their tests left out, their dist-info kept: sympy's LaTeX parser asks
// importlib.metadata for antlr4's version), the checker's modules, and a .pyc for every module,
// compiled by this Pyodide's CPython (its magic number) as unchecked-hash .pyc, which a zip's
// extraction times cannot invalidate: the browser imports without compiling. The wheels' modules
// go as .pyc alone (their source would double the download), compiled with -OO: without their
// docstrings (1.7 of sympy's 9.4 MB; nothing the checker runs reads one) and asserts. The checker's
// modules keep their source and are compiled as they are (tests/browser/test_check_your_step.py:
// every fence of the site gets the same answer there as in CPython).
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideFolder, work] = process.argv.slice(2);
if (!pyodideFolder || !work) {
  console.error("usage: node browser_checker.mjs <pyodide folder> <work folder>");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideFolder, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideFolder + path.sep });
pyodide.FS.mkdir("/work");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(work) }, "/work");
pyodide.runPython(`
import compileall, pathlib, py_compile, shutil, sys, zipfile

work, tree = pathlib.Path("/work"), pathlib.Path("/tmp/site-packages")
shutil.rmtree(tree, ignore_errors=True)
for wheel in sorted((work / "wheels").glob("*.whl")):
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            parts = name.split("/")
            if "tests" in parts[:-1] or "benchmarks" in parts[:-1]:
                continue  # the packages' own test suites: never imported by the checker
            archive.extract(name, tree)
unchecked = py_compile.PycInvalidationMode.UNCHECKED_HASH
# The packages' modules as .pyc alone, beside where the source was (half the download);
# the checker's with their source, its .pyc in __pycache__: a message can quote its lines.
if not compileall.compile_dir(tree, quiet=1, workers=1, legacy=True, optimize=2, invalidation_mode=unchecked):
    sys.exit("a module of the wheels did not compile")
for source in tree.rglob("*.py"):
    source.unlink()
shutil.copytree(work / "checker", tree / "checker")
if not compileall.compile_dir(tree / "checker", quiet=1, workers=1, invalidation_mode=unchecked):
    sys.exit("a module of the checker did not compile")
with zipfile.ZipFile(work / "site-packages.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    for file in sorted(tree.rglob("*")):
        if file.is_file():
            out.write(file, file.relative_to(tree).as_posix())
print(sys.version.split()[0])
`);
