"""One valid call of every public function of the numpy snippets (snippets/*.py), for tests/test_fuzz.py."""

from __future__ import annotations

import numpy as np
from fuzz_args import (
    A23,
    W1,
    W2,
    X35,
    Y15,
    Y23,
    Y32,
    Z23,
    Z32,
    Z45,
    Arg,
    Spec,
    a31,
    arr,
    b1,
    b2,
    dZ45,
    func,
    logistic_args,
    logistic_problem,
    name_of,
    network_args,
    network_call,
    network_problem,
    num,
    params_of,
    rng_arg,
    rows_args,
    rows_logistic_args,
    y31,
    z31,
)

from snippets import activations, network

SPECS: dict[str, Spec] = {
    # logistic.py
    "logistic.sigma": Spec({"z": arr(z31)}),
    "logistic.sigma_prime": Spec({"z": arr(z31)}),
    "logistic.da_dz": Spec({"a": arr(a31, within="[0, 1]")}),
    "logistic.loss": Spec({"a": arr(a31, within="(0, 1)", mate=True), "y": arr(y31, within="[0, 1]", mate=True)}),
    "logistic.dL_da": Spec({"a": arr(a31, within="(0, 1)", mate=True), "y": arr(y31, within="[0, 1]", mate=True)}),
    "logistic.dL_dz": Spec({"a": arr(a31, within="[0, 1]", mate=True), "y": arr(y31, within="[0, 1]", mate=True)}),
    # stable.py
    "stable.loss_from_a": Spec({"a": arr(a31, within="[0, 1]", mate=True), "y": arr(y31, within="[0, 1]", mate=True)}),
    "stable.loss_clipped": Spec(
        {
            "a": arr(a31, within="[0, 1]", mate=True),
            "y": arr(y31, within="[0, 1]", mate=True),
            "epsilon": num(1e-7, ("zero", 0.0), ("half", 0.5)),
        }
    ),
    "stable.loss_from_z": Spec({"z": arr(z31, mate=True), "y": arr(y31, within="[0, 1]", mate=True)}),
    "stable.dz_from_z": Spec({"z": arr(z31, mate=True), "y": arr(y31, within="[0, 1]", mate=True)}),
    "stable.first_z_where_a_is_1": Spec({}),
    "stable.last_z_where_a_is_0": Spec({}),
    # activations.py
    **{f"activations.{f}": Spec({"Z": arr(Z23)}) for f in ("tanh", "tanh_prime", "relu", "relu_prime")},
    **{f"activations.{f}": Spec({"Z": arr(Z23)}) for f in ("leaky_relu", "leaky_relu_prime")},
    "activations.activation": Spec({"name": name_of("tanh"), "argument": Arg("name")}),
    # output_layer.py
    "output_layer.g": Spec({"Z": arr(Z23, matrix=True), "activation": name_of("tanh")}),
    "output_layer.g_prime": Spec({"Z": arr(Z23, matrix=True), "activation": name_of("sigmoid")}),
    **{
        f"output_layer.{f}": Spec(
            {
                "A": arr(A23, matrix=True, within="(0, 1)", mate=True),
                "Y": arr(Y23, matrix=True, within="[0, 1]", mate=True),
            }
        )
        for f in ("cross_entropy", "dA_cross_entropy")
    },
    **{
        f"output_layer.{f}": Spec({"A": arr(A23, matrix=True, mate=True), "Y": arr(Y23, matrix=True, mate=True)})
        for f in ("squared_error", "dA_squared_error", "dZ_matched")
    },
    "output_layer.dZ_chain": Spec(
        {
            "dA": arr(A23, matrix=True, mate=True),
            "Z": arr(Z23, matrix=True, mate=True),
            "activation": name_of("linear"),
        }
    ),
    # softmax.py
    "softmax.softmax": Spec({"Z": arr(Z32, matrix=True)}),
    "softmax.log_softmax": Spec({"Z": arr(Z32, matrix=True)}),
    "softmax.cost": Spec(
        {"Z": arr(Z32, matrix=True, mate=True), "Y": arr(Y32, matrix=True, within="[0, 1]", mate=True)}
    ),
    "softmax.gradient": Spec(
        {
            "Z": arr(Z32, matrix=True, mate=True),
            "Y": Arg(
                np.array(Y32),
                (*arr(Y32, matrix=True, within="[0, 1]", mate=True).bad, ("sum", np.array(Y32) / 2)),
                array=True,
            ),
        }
    ),
    "softmax.jacobian": Spec(
        {
            "z": Arg(
                np.array([1.0, -0.5, 2.0]),
                (*arr([1.0, -0.5, 2.0]).bad, ("0-d", 1.0), ("2-d", np.ones((3, 2)))),
                array=True,
            )
        }
    ),
    # gradcheck.py (H2's)
    "gradcheck.central_difference": Spec(
        {
            "f": func(lambda t: float(np.sum(t**3))),
            "x": arr([0.3, -1.2, 2.0]),
            "eps": num(1e-5, ("zero", 0.0), ("negative", -1e-5)),
        }
    ),
    "gradcheck.relative_error": Spec(
        {"grad": arr([1.0, 2.0, 2.0], mate=True), "approx": arr([1.0, 2.0, 2.5], mate=True)}
    ),
    # network.py (H2's)
    "network.random_parameters": Spec(
        {
            "rng": rng_arg(),
            "sizes": Arg([3, 4, 1], (("one", [3]), ("zero", [3, 0, 1]), ("float", [3, 2.5, 1]), ("text", "341"))),
            "scale": num(0.5, ("zero", 0.0), ("negative", -1.0)),
        }
    ),
    "network.J": Spec(network_args() | {"hidden": name_of("tanh")}, network_call),
    "network.forward": Spec(
        {k: v for k, v in network_args().items() if k != "Y"} | {"g": func(activations.tanh)},
        lambda W1, b1, W2, b2, X, g: {"params": params_of(W1, b1, W2, b2), "X": X, "g": g},
    ),
    "network.gradients": Spec(network_args() | {"hidden": name_of("relu")}, network_problem),
    "network.layers": Spec(
        {"grads": Arg(network.gradients(network.Problem(params_of(W1, b1, W2, b2), X35, Y15)), (("list", [W1]),))},
    ),
    "network.dZ_output": Spec(
        {"Z_L": arr(X35[:1], matrix=True, mate=True), "Y": arr(Y15, matrix=True, within="[0, 1]", mate=True)}
    ),
    "network.dZ_hidden": Spec(
        {
            "dA": arr(dZ45, matrix=True, mate=True),
            "Z": arr(Z45, matrix=True, mate=True),
            "g_prime": func(activations.relu_prime),
        }
    ),
    "network.dW": Spec({"dZ": arr(dZ45, matrix=True, mate=True), "A_prev": arr(X35, matrix=True, mate=True)}),
    "network.db": Spec({"dZ": arr(dZ45, matrix=True)}),
    "network.dA_prev": Spec({"W": arr(W1, matrix=True, mate=True), "dZ": arr(dZ45, matrix=True, mate=True)}),
    # dropout.py (H8's): a mask D (4, 5) of 0s and 1s for the (4, 5) activations.
    "dropout.mask": Spec(
        {
            "rng": rng_arg(),
            "shape": Arg((4, 5), (("zero", (4, 0)), ("fraction", (4, 2.5)), ("one-axis", (4,)), ("text", "45"))),
            "keep_prob": num(0.8, ("zero", 0.0), ("above-1", 1.5)),
        }
    ),
    **{
        f"dropout.{name}": Spec(
            {
                first: arr(dZ45, matrix=True, mate=True),
                "D": arr((dZ45 > 0).astype(float), matrix=True, mate=True),
                "keep_prob": num(0.8, ("zero", 0.0), ("above-1", 1.5)),
            }
        )
        for name, first in (("drop", "A"), ("dA_drop", "dA"))
    },
    # vanishing.py and multi_label.py (H4's): a chain of 3 layers seen by 1 example; a (2, 3) multi-label output.
    "vanishing.chain_slope": Spec(
        {"w": arr([0.5, -1.0, 2.0], mate=True), "g_prime_z": arr([[0.25], [0.2], [0.1]], matrix=True, mate=True)}
    ),
    "vanishing.sigmoid_bound": Spec({"w": arr([0.5, -1.0, 2.0])}),
    "vanishing.size": Spec({"dW": arr(dZ45, matrix=True)}),
    **{
        f"multi_label.{name}": Spec(
            {"Z_L": arr(Z23, matrix=True, mate=True), "Y": arr(Y23, matrix=True, within="[0, 1]", mate=True)}
        )
        for name in ("cost", "dZ")
    },
    # regularisation.py (H8's): Ws is a list of every layer's W; here [W1, W2] of the [3, 4, 1] network.
    "regularisation.l2_term": Spec(
        {
            "W": arr(W1, matrix=True, names=("Ws",)),
            "lambd": num(0.7, ("negative", -0.1)),
            "m": Arg(5, (("zero", 0), ("fraction", 2.5), ("text", "5"))),
        },
        lambda W, **rest: {"Ws": [W, W2], **rest},
    ),
    "regularisation.dW_l2": Spec(
        {
            "dZ": arr(dZ45, matrix=True, mate=True),
            "A_prev": arr(X35, matrix=True, mate=True),
            "W": arr(W1, matrix=True, mate=True),
            "lambd": num(0.7, ("negative", -0.1)),
        }
    ),
    # vectorised.py (H2's)
    "vectorised.J": Spec(logistic_args()),
    "vectorised.gradients": Spec(logistic_args(), logistic_problem),
    "vectorised.dZ": Spec(
        {"A": arr(Y15, matrix=True, within="[0, 1]", mate=True), "Y": arr(Y15, matrix=True, within="[0, 1]", mate=True)}
    ),
    "vectorised.dw": Spec({"X": arr(X35, matrix=True, mate=True), "dZ": arr(X35[:1], matrix=True, mate=True)}),
    "vectorised.db": Spec({"dZ": arr(X35[:1], matrix=True)}),
    # squared_error.py and likelihood.py (H3's): one entry per example; A32 is a softmax output (columns sum to 1).
    "squared_error.d2E_dw2": Spec(
        {
            "a": arr(a31, within="[0, 1]", mate=True),
            "y": arr(y31, within="[0, 1]", mate=True),
            "x": arr(z31, mate=True),
        }
    ),
    "squared_error.d2L_dw2": Spec({"a": arr(a31, within="[0, 1]", mate=True), "x": arr(z31, mate=True)}),
    "likelihood.bernoulli": Spec(
        {"a": arr(a31, within="(0, 1)", mate=True), "y": arr(y31, within="[0, 1]", mate=True)}
    ),
    "likelihood.categorical": Spec(
        {
            "A": arr([[0.2, 0.5], [0.3, 0.1], [0.5, 0.4]], matrix=True, within="(0, 1)", mate=True),
            "Y": arr(Y32, matrix=True, within="[0, 1]", mate=True),
        }
    ),
    # conventions.py (H2's): one example per row, every array the transpose of the course's.
    "conventions.J_rows": Spec(rows_args() | {"hidden": name_of("tanh")}, network_call),
    "conventions.gradients_rows": Spec(rows_args() | {"hidden": name_of("relu")}, network_problem),
    "conventions.to_rows": Spec(
        {k: v for k, v in network_args().items() if k[0] in "Wb"},
        lambda W1, b1, W2, b2: {"params": params_of(W1, b1, W2, b2)},
    ),
    "conventions.dw_rows": Spec(
        {"X": arr(X35.T, matrix=True, mate=True), "dZ": arr(X35[:1].T, matrix=True, mate=True)}
    ),
    "conventions.dZ_mean": Spec(
        {
            "A": arr(Y15, matrix=True, within="[0, 1]", mate=True),
            "Y": arr(Y15, matrix=True, within="[0, 1]", mate=True),
        },
    ),
    "conventions.dw_mean_in_dZ": Spec(
        {"X": arr(X35, matrix=True, mate=True), "dZ": arr(X35[:1], matrix=True, mate=True)}
    ),
    "conventions.dW_rows": Spec(
        {"A_prev": arr(X35.T, matrix=True, mate=True), "dZ": arr(dZ45.T, matrix=True, mate=True)}
    ),
    "conventions.db_rows": Spec({"dZ": arr(dZ45.T, matrix=True)}),
    "conventions.dA_prev_rows": Spec(
        {"dZ": arr(dZ45.T, matrix=True, mate=True), "W": arr(W1.T, matrix=True, mate=True)}
    ),
    "conventions.logistic_gradients_rows": Spec(rows_logistic_args(), logistic_problem),
    "conventions.logistic_gradients_mean_in_dZ": Spec(logistic_args(), logistic_problem),
    # batch_norm.py (H5's): Z (2, 3), two units over three examples; gamma, beta, sigma2 one entry per unit (2, 1).
    **{f"batch_norm.{name}": Spec({"Z": arr(Z23, matrix=True)}) for name in ("mu", "sigma2")},
    "batch_norm.Z_norm": Spec({"Z": arr(Z23, matrix=True), "eps": num(1e-5, ("zero", 0.0), ("negative", -1e-5))}),
    "batch_norm.Z_tilde": Spec(
        {
            "Z_norm": arr(Z23, matrix=True, mate=True),
            "gamma": arr([[1.5], [0.5]], matrix=True, mate=True),
            "beta": arr([[0.1], [-0.3]], matrix=True, mate=True),
        }
    ),
    "batch_norm.dbeta": Spec({"dZ_tilde": arr(Z23, matrix=True)}),
    "batch_norm.dgamma": Spec(
        {"dZ_tilde": arr(Z23, matrix=True, mate=True), "Z_norm": arr(A23, matrix=True, mate=True)}
    ),
    "batch_norm.dZ": Spec(
        {
            "dZ_tilde": arr(Z23, matrix=True, mate=True),
            "Z_norm": arr(A23, matrix=True, mate=True),
            "gamma": arr([[1.5], [0.5]], matrix=True, mate=True),
            "sigma2": arr([[0.8], [0.4]], matrix=True, mate=True),
            "eps": num(1e-5, ("zero", 0.0), ("negative", -1e-5)),
        }
    ),
}
