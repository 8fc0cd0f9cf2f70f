r"""The arithmetic of the course's matrix notation, with shapes checked as the reader would.

A value is a number (an mpmath number, or a ``Dual`` while a derivative is taken)
or a ``Mat`` of them. Every operation refuses shapes that do not fit, naming the
LaTeX of both operands (reason "shape"); the only broadcasts are the ones the
course writes: a number against a matrix (``1 - A^2``) and a column such as
``b^{[l]}`` added to every column of ``W^{[l]} A^{[l-1]}``.

``Dual`` is forward-mode differentiation: a value and its derivatives along p
directions, carried through + - * / and the functions exp, log, tanh exactly
(each rule is the calculus one, f(v + e) = f(v) + f'(v) e to first order).
"""

from __future__ import annotations

import mpmath

from .matrix_latex import Node, error


class Dual:
    """v + d . e: a number and its derivatives with respect to p inputs."""

    __slots__ = ("d", "v")

    def __init__(self, v, d: tuple):
        self.v, self.d = v, d

    def _lift(self, other) -> Dual:
        return other if isinstance(other, Dual) else Dual(other, (0,) * len(self.d))

    def __add__(self, other):
        o = self._lift(other)
        return Dual(self.v + o.v, tuple(a + b for a, b in zip(self.d, o.d, strict=True)))

    __radd__ = __add__

    def __neg__(self):
        return Dual(-self.v, tuple(-a for a in self.d))

    def __sub__(self, other):
        return self + (-self._lift(other))

    def __rsub__(self, other):
        return (-self) + other

    def __mul__(self, other):
        o = self._lift(other)
        return Dual(self.v * o.v, tuple(self.v * b + o.v * a for a, b in zip(self.d, o.d, strict=True)))

    __rmul__ = __mul__

    def __truediv__(self, other):
        o = self._lift(other)
        return Dual(self.v / o.v, tuple((a * o.v - self.v * b) / o.v**2 for a, b in zip(self.d, o.d, strict=True)))

    def __rtruediv__(self, other):
        return self._lift(other) / self

    def __pow__(self, n):
        if isinstance(n, Dual):
            return exp(n * log(self))
        return Dual(self.v**n, tuple(n * self.v ** (n - 1) * a for a in self.d))


def _chain(f, df):
    def function(x):
        if isinstance(x, Dual):
            slope = df(x.v)
            return Dual(f(x.v), tuple(slope * a for a in x.d))
        return f(x)

    return function


exp = _chain(mpmath.exp, mpmath.exp)
log = _chain(mpmath.log, lambda v: 1 / v)
tanh = _chain(mpmath.tanh, lambda v: 1 - mpmath.tanh(v) ** 2)


class Mat:
    """A matrix of numbers, row by row; (1, 1) is still a matrix."""

    __slots__ = ("cols", "data", "rows")

    def __init__(self, rows: int, cols: int, data: list):
        self.rows, self.cols, self.data = rows, cols, data  # data: row-major, rows * cols entries

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return (self.rows, self.cols)

    def __getitem__(self, rc: tuple[int, int]):
        return self.data[rc[0] * self.cols + rc[1]]

    def __neg__(self) -> Mat:
        return self.map(lambda x: -x)

    def map(self, f) -> Mat:
        """F applied to every entry."""
        return Mat(self.rows, self.cols, [f(x) for x in self.data])

    @property
    def T(self) -> Mat:
        """The transpose."""
        return Mat(self.cols, self.rows, [self[r, c] for c in range(self.cols) for r in range(self.rows)])

    def column(self, c: int) -> Mat:
        """Column c (from 0), a (rows, 1) matrix: one example."""
        return Mat(self.rows, 1, [self[r, c] for r in range(self.rows)])


Value = object  # a number, a Dual or a Mat


def is_matrix(value: Value) -> bool:
    """Whether ``value`` is a matrix (a 1 x 1 matrix included)."""
    return isinstance(value, Mat)


def shape(value: Value) -> tuple[int, int] | None:
    """The shape of a matrix, None for a number."""
    return value.shape if is_matrix(value) else None


def show(node: Node) -> str:
    """The LaTeX a node was read from, on one line."""
    return " ".join(node.text.split())


def scalar(value: Value, node: Node, what: str):
    """A number, or the one entry of a 1 x 1 matrix; a shape error otherwise."""
    if not is_matrix(value):
        return value
    if value.shape == (1, 1):
        return value.data[0]
    raise error(f"{what} {show(node)} must be a number, but it is {shape(value)}", "shape")


def add(left: Value, right: Value, node: Node, sign: int) -> Value:
    """Left + sign * right: same shapes, a number against a matrix, or a column against every column."""
    if not is_matrix(left) and not is_matrix(right):
        return left + sign * right
    if not is_matrix(left):
        return right.map(lambda e: left + sign * e)
    if not is_matrix(right):
        return left.map(lambda e: e + sign * right)
    if left.shape == right.shape:
        return Mat(left.rows, left.cols, [a + sign * b for a, b in zip(left.data, right.data, strict=True)])
    if right.shape == (left.rows, 1):
        cells = [(r, c) for r in range(left.rows) for c in range(left.cols)]
        return Mat(left.rows, left.cols, [left[r, c] + sign * right[r, 0] for r, c in cells])
    if left.shape == (right.rows, 1):
        cells = [(r, c) for r in range(right.rows) for c in range(right.cols)]
        return Mat(right.rows, right.cols, [left[r, 0] + sign * right[r, c] for r, c in cells])
    a, b = node.parts
    word = "adds" if sign > 0 else "subtracts"
    raise error(f"{show(node)} {word} {shape(left)} and {shape(right)} ({show(a)} and {show(b)})", "shape")


def product(left: Value, right: Value, node: Node) -> Value:
    """A matrix product, or a scaling when either side is a number."""
    if not is_matrix(left) and not is_matrix(right):
        return left * right
    if not is_matrix(left):
        return right.map(lambda e: left * e)
    if not is_matrix(right):
        return left.map(lambda e: e * right)
    a, b = node.parts
    if left.cols != right.rows:
        raise error(f"{show(a)} {show(b)} multiplies {shape(left)} by {shape(right)}", "shape")
    inner = range(left.cols)
    return Mat(
        left.rows,
        right.cols,
        [sum((left[r, k] * right[k, c] for k in inner), 0) for r in range(left.rows) for c in range(right.cols)],
    )


def elementwise(left: Value, right: Value, node: Node) -> Value:
    r"""The course's * (numpy's *, \odot): the same shape on both sides, no broadcast."""
    if not is_matrix(left) or not is_matrix(right):
        return product(left, right, node)
    a, b = node.parts
    if left.shape != right.shape:
        raise error(
            f"{show(a)} * {show(b)} multiplies entry by entry {shape(left)} and {shape(right)}: "
            "an element-wise product needs equal shapes",
            "shape",
        )
    return Mat(left.rows, left.cols, [x * y for x, y in zip(left.data, right.data, strict=True)])


def apply(function, value: Value) -> Value:
    """A scalar function applied entry by entry."""
    return value.map(function) if is_matrix(value) else function(value)


def power(base: Value, exponent: Value, node: Node) -> Value:
    """``(A)^2``: for a matrix, the course's entry-by-entry power."""
    n = scalar(exponent, node.parts[1], "the exponent")
    if isinstance(n, mpmath.mpf) and n == int(n):
        n = int(n)
    return base.map(lambda e: e**n) if is_matrix(base) else base**n


def over_examples(value: Value, node: Node) -> Mat:
    r"""``\sum_i M``: each row summed over the examples, a column (np.sum(M, axis=1, keepdims=True))."""
    if not is_matrix(value):
        raise error(f"{show(node)} sums over examples, but its summand is a number", "shape")
    return Mat(value.rows, 1, [sum((value[r, c] for c in range(value.cols)), 0) for r in range(value.rows)])
