"""Every public function of the numpy snippets keeps the promise of snippets/_validate.py.

Bad input is a ValueError whose message names the argument: never a NaN, an inf,
a silent broadcast, a truncation, or another exception. The functions are found
with inspect, so a new one fails ``test_every_public_function_has_an_entry`` until
it has an entry in ``SPECS`` (tests/fuzz_specs.py for snippets/*.py, tests/fuzz_pages.py
for snippets/pages/*.py): one valid call, described argument by argument.
Each fuzz case changes one argument of that call to a bad value.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import pytest
from fuzz_pages import PAGE_SPECS
from fuzz_specs import SPECS as MODULE_SPECS

from snippets._validate import count, finite_array, generator, matrix, number, real_array, same_shape
from support import ROOT

SPECS = MODULE_SPECS | PAGE_SPECS

# -- Discovery -----------------------------------------------------------------------------------


def numpy_modules() -> list[str]:
    """Every module of snippets/ and snippets/pages/ whose source imports numpy ("logistic", "pages.layer_l", ...).

    The checker (checker/) is not among them: its input is a page, not arrays.
    """
    found = []
    for package in ("", "pages"):
        folder = ROOT / "snippets" / package
        for module in pkgutil.iter_modules([str(folder)]):
            path = folder / f"{module.name}.py"
            if not module.ispkg and not module.name.startswith("_") and "import numpy" in path.read_text():
                found.append(f"{package}.{module.name}" if package else module.name)
    return sorted(found)


def public_functions() -> dict[str, Callable]:
    """'module.function' -> the function, for every public function defined in a numpy module."""
    found = {}
    for name in numpy_modules():
        module = importlib.import_module(f"snippets.{name}")
        for function_name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not function_name.startswith("_"):
                found[f"{name}.{function_name}"] = function
    return found


FUNCTIONS = public_functions()


def _function(key: str) -> Callable:
    if key not in FUNCTIONS:
        pytest.skip(f"{key} is gone (test_every_public_function_has_an_entry says so)")
    return FUNCTIONS[key]


def test_every_public_function_has_an_entry():
    missing = sorted(set(FUNCTIONS) - set(SPECS))
    stale = sorted(set(SPECS) - set(FUNCTIONS))
    assert not missing, (
        f"public functions with no entry in SPECS (add a valid call, so that they are fuzzed): {missing}"
    )
    assert not stale, f"entries in SPECS for functions that no longer exist: {stale}"


def test_the_modules_found_are_the_numpy_snippets():
    # A module that stops importing numpy (or is renamed) must not drop out of the fuzzing unnoticed.
    found = set(numpy_modules())
    assert {"logistic", "stable", "softmax", "output_layer", "activations", "gradcheck", "network"} <= found
    assert {"pages.dl_dz", "pages.layer_l", "pages.two_layer"} <= found


@pytest.mark.parametrize("key", sorted(SPECS))
def test_each_entry_calls_with_every_parameter(key):
    parameters = set(inspect.signature(_function(key)).parameters)
    assert set(SPECS[key].kwargs()) == parameters, f"{key}: the valid call must give every parameter"


def _finite(result: Any) -> bool:
    """Every number in ``result`` (arrays, numbers, and lists, tuples, dicts and dataclasses of them) is finite."""
    if dataclasses.is_dataclass(result):
        return _finite([getattr(result, f.name) for f in dataclasses.fields(result)])
    if isinstance(result, dict):
        return all(_finite(v) for v in result.values())
    if isinstance(result, list | tuple):
        return all(_finite(v) for v in result)
    if isinstance(result, str) or callable(result):
        return True
    if isinstance(result, mpmath.mpf):
        return bool(mpmath.isfinite(result))
    return bool(np.isfinite(np.asarray(result, dtype=np.float64)).all())


@pytest.mark.parametrize("key", sorted(SPECS))
def test_the_valid_call_works_and_is_finite(key):
    result = _function(key)(**SPECS[key].kwargs())
    assert _finite(result), f"{key} returned a NaN or an inf for valid arguments: {result!r}"


# -- The fuzz cases ------------------------------------------------------------------------------


KNOWN_FAILURES = ROOT / "tests" / "fuzz_known_failures.txt"


def _known_failures() -> dict[str, str]:
    """'bad <case id>' or 'list <case id>' -> the reason, from KNOWN_FAILURES (lines 'test id: reason', # comments)."""
    known = {}
    for line in KNOWN_FAILURES.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            case, reason = line.split(": ", 1)
            known[case] = reason
    return known


KNOWN = _known_failures()


def _param(test: str, key: str, *values: Any, case_id: str) -> Any:
    """A pytest case; a known failure (another engineer's function, not fixed yet) is a strict xfail."""
    reason = KNOWN.get(f"{test} {case_id}")
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(key, *values, id=case_id, marks=marks)


def _cases() -> list:
    return [
        _param("bad", key, argument, value, case_id=f"{key}-{argument}-{case}")
        for key, spec in sorted(SPECS.items())
        for argument, arg in spec.args.items()
        for case, value in arg.bad
    ]


def test_every_known_failure_is_a_case():
    # A line for a case that no longer exists would mark nothing: it must go.
    ids = {f"bad {p.id}" for p in _cases()} | {f"list {p.id}" for p in _list_cases()}
    assert not set(KNOWN) - ids, f"{KNOWN_FAILURES.name} lists cases that do not exist: {sorted(set(KNOWN) - ids)}"


def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(rf"(?<![\w]){re.escape(n)}(?![\w])" for n in names))


@pytest.mark.parametrize(("key", "argument", "value"), _cases())
def test_a_bad_argument_is_a_ValueError_naming_it(key, argument, value):
    spec = SPECS[key]
    names = spec.args[argument].names or (argument,)
    with np.errstate(divide="raise", over="raise", invalid="raise"):  # a NaN or inf made inside shows here too
        try:
            result = _function(key)(**spec.kwargs(**{argument: value}))
        except ValueError as error:
            assert _names_pattern(names).search(str(error)), f"the message does not name {argument}: {error}"
            return
        except Exception as error:
            pytest.fail(f"{type(error).__name__} instead of a ValueError naming {argument}: {error}")
    pytest.fail(f"no error for {argument} = {value!r}; the result was {result!r}")


def _list_cases() -> list:
    return [
        _param("list", key, argument, case_id=f"{key}-{argument}")
        for key, spec in sorted(SPECS.items())
        for argument, arg in spec.args.items()
        if arg.array
    ]


@pytest.mark.parametrize(("key", "argument"), _list_cases())
def test_a_list_gives_what_its_array_gives(key, argument):
    spec = SPECS[key]
    as_list = spec.args[argument].value.tolist()
    expected = _function(key)(**spec.kwargs())
    got = FUNCTIONS[key](**spec.kwargs(**{argument: as_list}))
    np.testing.assert_equal(_plain(got), _plain(expected))


def _plain(result: Any) -> Any:
    """``result`` with dataclasses as dicts and functions as a mark, for np.testing.assert_equal."""
    if dataclasses.is_dataclass(result):
        return {f.name: _plain(getattr(result, f.name)) for f in dataclasses.fields(result)}
    if isinstance(result, dict):
        return {k: _plain(v) for k, v in result.items()}
    if isinstance(result, list | tuple):
        return [_plain(v) for v in result]
    return "a function" if callable(result) else result


# -- The helpers themselves ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: count("m", 0), r"^m must be a whole number >= 1, got 0$"),
        (lambda: count("m", 2.0), r"m must be a whole number >= 1, got 2.0"),
        (lambda: count("m", True), r"m must be a whole number >= 1, got True"),
        (lambda: count("problems", "3"), r"problems must be a whole number >= 1, got '3'"),
        (lambda: count("n", -1, low=0), r"n must be a whole number >= 0, got -1"),
        (lambda: generator("rng", 0), r"rng must be a numpy.random.Generator, e.g. np.random.default_rng\(0\), got 0"),
        (lambda: generator("rng", np.random.RandomState(0)), r"rng must be a numpy.random.Generator"),
        (lambda: number("eps", [1e-5]), r"eps must be a single number, got shape \(1,\)"),
        (
            lambda: matrix("X", [1.0, 2.0], "(n_x, m)"),
            r"X must have shape \(n_x, m\) with n_x, m >= 1, got \S+ \(2,\)",
        ),
        (
            lambda: same_shape(a=np.ones(2), y=np.ones((2, 1))),
            r"a and y must have the same .*a \(2,\), y \(2, 1\)",
        ),
    ],
)
def test_the_helpers_name_the_argument_and_why(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_helpers_pass_what_is_valid():
    assert count("m", np.int64(3)) == 3 and count("n", 0, low=0) == 0
    rng = np.random.default_rng(0)
    assert generator("rng", rng) is rng
    assert number("eps", np.float32(0.5)) == 0.5
    same_shape(a=np.ones((2, 3)), y=np.array(1.0))  # a single number fits any shape
    assert finite_array("X", np.ones((2, 0))).shape == (2, 0)  # its caller names the empty axis
    assert real_array("y", [True, False]).tolist() == [1.0, 0.0]
