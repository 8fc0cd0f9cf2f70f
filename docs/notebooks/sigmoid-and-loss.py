# %% [markdown]
# # The sigmoid and the loss, plotted
#
# The curves behind logistic regression: the sigmoid and its derivative, the
# loss against the prediction, and why dz = a − y stays between −1 and 1 while
# its two factors dL/da and da/dz grow huge and tiny.
#
# It illustrates [why dz = a − y](../logistic-regression/dl-dz.md) and
# [the sigmoid's derivative](../logistic-regression/sigmoid-derivative.md).
# Every function here is imported from the site's tested `snippets` package.

# %% tags=["remove_input"]
import sys
from pathlib import Path

# The project root: the first folder, from here up, that holds snippets/ (the build runs
# this from the root; a downloaded copy may run anywhere inside a clone).
sys.path.insert(0, str(next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "snippets").is_dir())))

# Text large enough to read when a plot is shrunk to a phone's width.
import matplotlib.pyplot as plt

plt.rcParams.update({"font.size": 15, "legend.fontsize": 13, "lines.linewidth": 2.2})

# %%
import matplotlib.pyplot as plt
import numpy as np

from snippets.logistic import dL_da, dL_dz, loss, sigma, sigma_prime
from snippets.stable import first_z_where_a_is_1

# %% [markdown]
# ## The sigmoid and its derivative
#
# $a = \sigma(z) = \frac{1}{1 + e^{-z}}$ squashes any $z$ into $(0, 1)$. Its
# derivative $\sigma'(z) = a(1 - a)$ is largest at $z = 0$, where it is
# $\frac{1}{4}$, and falls towards 0 on both sides: there the sigmoid
# *saturates*.

# %%
z = np.linspace(-8, 8, 401)
fig, ax = plt.subplots(figsize=(6, 4.5))
ax.plot(z, sigma(z), label="a = σ(z)")
ax.plot(z, sigma_prime(z), label="σ′(z) = a(1 − a)")
ax.axhline(0.25, color="grey", lw=0.5, ls="--")
ax.set_xlabel("z")
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## The loss against the prediction
#
# $L(a, y) = -\left(y \log a + (1 - y) \log(1 - a)\right)$. For $y = 1$ it is
# $-\log a$: 0 when the prediction $a$ is 1, and without bound as $a \to 0$.
# For $y = 0$ it is $-\log(1 - a)$, the mirror image.

# %%
a = np.linspace(0.001, 0.999, 500)
fig, ax = plt.subplots(figsize=(6, 4.5))
ax.plot(a, loss(a, 1.0), label="y = 1")
ax.plot(a, loss(a, 0.0), label="y = 0")
ax.set_xlabel("prediction a")
ax.set_ylabel("loss L(a, y)")
ax.set_ylim(0, 7)
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## dL/da against dz near saturation
#
# Take the label $y = 1$. Where $z$ is very negative, the prediction $a$ is
# nearly 0: confidently wrong. There $\frac{dL}{da} = -\frac{y}{a} + \frac{1 - y}{1 - a}$,
# which is $-1/a$ at $y = 1$, is huge and $\frac{da}{dz} = a(1 - a)$ is tiny; on the log
# scale they are mirror images.
# Their product, $dz = a - y$, stays near $-1$ and never leaves $[-1, 0]$.
# Multiplying the two factors is not itself a problem: a huge number times a
# tiny one is rounded once, like any float64 product, and keeps all of
# float64's digits. The problem starts where the sigmoid rounds to exactly 1
# (past the right edge of this plot) or to 0 (far past its left edge): see the
# last cell.

# %%
z = np.linspace(-30, 30, 601)
a = sigma(z)
y = 1.0
fig, ax = plt.subplots(figsize=(6, 4.5))
ax.semilogy(z, np.abs(dL_da(a, y)), label="|dL/da|")
ax.semilogy(z, sigma_prime(z), label="da/dz = σ′(z)")
ax.semilogy(z, np.abs(dL_dz(a, y)), label="|dz| = |a − y|", lw=2.5)
ax.set_xlabel("z (label y = 1)")
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# At the plot's left edge, $\frac{dL}{da}$ is as huge as $\frac{da}{dz}$ is tiny,
# while $dz = a - 1$ is close to $-1$:

# %%
left = float(z[0])
print(f"z = {left}: dL/da = {dL_da(sigma(left), 1.0):.3e}, da/dz = {sigma_prime(left):.3e}", end=", ")
print(f"dz = {dL_dz(sigma(left), 1.0):.6f}")

# %% [markdown]
# Now take $y = 0$ and a $z$ past the right edge, where $a = \sigma(z)$ is
# exactly 1 in float64 (the cell prints from which $z$ on), so $\frac{dL}{da} = \frac{a - y}{a(1 - a)}$
# divides by 0 and is infinite, and multiplying by $\frac{da}{dz} = a(1 - a)$, which
# is 0 there, gives NaN: the chain rule through the two factors fails, while $dz = a - y$ is
# 1, as it should be. See
# [numerical stability](../practice/numerical-stability.md#step-3-dl-da-blows-up).

# %%
print(f"sigma(z) == 1.0 for every float64 z >= {first_z_where_a_is_1()!r}")
a, y = float(sigma(40.0)), 0.0
with np.errstate(divide="ignore", invalid="ignore"):  # the inf and the NaN are the point of this cell
    dL_da_float64 = np.float64(a - y) / np.float64(a * (1 - a))
    through_factors = dL_da_float64 * np.float64(a * (1 - a))
print(f"a = {a}, dL/da = {dL_da_float64}, dL/da * da/dz = {through_factors}, dz = a - y = {a - y}")
