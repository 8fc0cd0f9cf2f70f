# %% [markdown]
# # A gradient check of a deep network
#
# A gradient check of every layer of random deep networks, one example
# included: a table of relative errors, a deliberate bug that the table
# catches, and the error against the size of the step.
#
# It runs the recipe of [gradient checking](../practice/gradient-checking.md)
# on the equations of [layer l of a deep network](../networks/layer-l.md).
# The network, its cost $J$, its gradients and the check itself are imported
# from the site's tested `snippets` package.

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
from IPython.display import Markdown, display

from snippets.network import Problem, gradients, layers, random_parameters
from snippets.pages.gradient_checking import layer_errors

# %% [markdown]
# ## Layer by layer
#
# For each layer $l$, `layer_errors` nudges every entry of $W^{[l]}$ and
# $b^{[l]}$ by $\pm\varepsilon$ (its default, the site's step), holds every other
# layer fixed, and compares the central differences of $J$ with the $dW^{[l]}$
# and $db^{[l]}$ of backpropagation, with the course's relative error
#
# $$
# \frac{\lVert d\theta - d\theta_{\text{approx}} \rVert_2}
#      {\lVert d\theta \rVert_2 + \lVert d\theta_{\text{approx}} \rVert_2}.
# $$
#
# The last column, $\lVert dW^{[l]} \rVert$, shows the size of the gradient:
# an error of 0 next to a gradient of 0 checks nothing.

# %%
rng = np.random.default_rng(1)
networks = [([4, 3, 1], 1), ([4, 5, 3, 1], 10), ([2, 4, 4, 4, 1], 1), ([5, 8, 6, 4, 2, 1], 20)]
tables = []  # one Markdown table per network: narrow enough for a phone
results = []  # (label, [error of dW[l] for every l]) for the plot
for sizes, m in networks:
    for hidden in ("relu", "tanh"):
        params = random_parameters(rng, sizes)
        X, Y = rng.normal(size=(sizes[0], m)), rng.uniform(size=(1, m))
        errors = layer_errors(params, X, Y, hidden)
        norms = [np.linalg.norm(dW) for dW, _ in layers(gradients(Problem(params, X, Y, hidden)))]
        label = f"{'-'.join(map(str, sizes))}, m = {m}, {hidden}"
        rows = [f"**{label}**", "", "| l | dW error | db error | ‖dW‖ |", "| --- | --- | --- | --- |"]
        for l, ((error_dW, error_db), norm) in enumerate(zip(errors, norms, strict=True), start=1):  # noqa: E741
            rows.append(f"| {l} | {error_dW:.1e} | {error_db:.1e} | {norm:.1e} |")
        tables.append("\n".join(rows))
        results.append((label, [error_dW for error_dW, _ in errors]))
display(Markdown("\n\n".join(tables)))

# %% [markdown]
# Each table is headed by the layer sizes $n_0$-$n_1$-…-$n_L$. Every error is
# far below the course's line for "fine" (the red line of the next plot), for
# ReLU and tanh, one example or twenty.
# The largest are in the layers with the smallest gradients, as
# [the choice of ε](../practice/gradient-checking.md#choice-of-eps) predicts.
# If every ReLU unit of a layer is off for every example, that layer's
# $dW^{[l]}$ and its central difference are both exactly 0, the error is 0,
# and the check says nothing about it: draw another network, or more examples.

# %%
fig, ax = plt.subplots(figsize=(6, 4.5))
for label, errors in results:
    ax.semilogy(range(1, len(errors) + 1), np.maximum(errors, 1e-17), "o-", label=label)
ax.axhline(1e-7, color="red", lw=1, ls="--", label="the course's 10⁻⁷")
ax.set_xlabel("layer l")
ax.set_ylabel("relative error of dW[l]")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22))  # below the plot, one line each: readable on a phone
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## A bug shows in its layer
#
# Now break one gradient on purpose: drop the $\frac{1}{m}$ from $db^{[1]}$ of
# the deepest network, as if `db1` were summed over the examples but not divided
# by $m$. The check flags layer 1's $db$ and no other entry.

# %%
rng = np.random.default_rng(2)
sizes, m = [5, 8, 6, 4, 2, 1], 20
params = random_parameters(rng, sizes)
X, Y = rng.normal(size=(sizes[0], m)), rng.uniform(size=(1, m))
broken = layers(gradients(Problem(params, X, Y, "tanh")))  # [(dW[1], db[1]), ...]
dW1, db1 = broken[0]
broken[0] = (dW1, m * db1)  # the bug: the sum of dZ[1] over the examples, without / m
for l, (error_dW, error_db) in enumerate(layer_errors(params, X, Y, "tanh", grads=broken), start=1):  # noqa: E741
    print(f"layer {l}: dW error {error_dW:.1e}, db error {error_db:.1e}")

# %% [markdown]
# ## The step ε
#
# The error of the whole gradient of one network (all layers, worst of $dW$
# and $db$) against $\varepsilon$. To the right, the Taylor error
# $\frac{\varepsilon^2}{6} J'''$ grows; to the left, rounding,
# about $u \lvert J \rvert / \varepsilon$ with float64's unit roundoff $u$, grows. The cell
# prints where the bottom of the V is.

# %%
rng = np.random.default_rng(3)
sizes, m = [4, 5, 3, 1], 10
params = random_parameters(rng, sizes)
X, Y = rng.normal(size=(sizes[0], m)), rng.uniform(size=(1, m))
steps = np.logspace(-9, -1, 17)
worst = [max(max(pair) for pair in layer_errors(params, X, Y, "tanh", eps=float(eps))) for eps in steps]
print(f"the smallest error, {min(worst):.0e}, is at eps = {steps[int(np.argmin(worst))]:.0e}")
fig, ax = plt.subplots(figsize=(6, 4.5))
ax.loglog(steps, worst, "o-")
ax.axhline(1e-7, color="red", lw=1, ls="--", label="the course's 10⁻⁷")
ax.axvline(1e-5, color="grey", lw=1, ls=":", label="ε = 10⁻⁵")
ax.set_xlabel("step ε")
ax.set_ylabel("worst relative error, all layers")
ax.legend()
ax.grid(alpha=0.3)
plt.show()
