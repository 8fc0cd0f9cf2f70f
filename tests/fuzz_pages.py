"""One valid call of every public function of the pages' checks (snippets/pages/*.py), for tests/test_fuzz.py.

A page's check takes a numpy Generator and a few counts (m, a number of problems), a
step eps or an activation's name; its helpers take a network or a logistic-regression
problem like the ones of tests/fuzz_specs.py.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from fuzz_args import (
    W1,
    X35,
    Y15,
    Z23,
    Z45,
    Arg,
    Spec,
    arr,
    b1,
    dZ45,
    func,
    logistic_args,
    logistic_problem,
    name_of,
    network_args,
    num,
    params_of,
    rng_arg,
    rows_args,
)

from snippets import vectorised
from snippets.pages import layer_l, two_layer


def count(value: int) -> Arg:
    """A count (m, n, C, problems): 0, a negative, a fraction, text."""
    return Arg(value, (("zero", 0), ("negative", -1), ("fraction", 2.5), ("text", str(value))))


def layer(value: int) -> Arg:
    """A layer index l of the [3, 4, 1] network (layers 1 and 2): 0, 3, a fraction."""
    return Arg(value, (("zero", 0), ("above-L", 3), ("fraction", 1.5)))


def check(**extra: Arg) -> Spec:
    """A page's check: a Generator, and the other arguments it takes."""
    return Spec({"rng": rng_arg(), **extra})


def with_network(*, X: bool = True, **extra: Arg) -> Spec:
    """A helper taking (params, ...) of the [3, 4, 1] network, X (unless not ``X``), Y, and ``extra`` by name."""
    args = {k: v for k, v in network_args().items() if X or k != "X"} | extra

    def build(W1, b1, W2, b2, **rest: Any) -> dict[str, Any]:
        return {"params": params_of(W1, b1, W2, b2), **rest}

    return Spec(args, build)


def with_p(**extra: Arg) -> Spec:
    """A helper taking a vectorised.Problem p (X, Y, w, b), and ``extra`` by name."""

    def build(w, b, X, Y, **rest: Any) -> dict[str, Any]:
        return {"p": logistic_problem(w, b, X, Y)["problem"], **rest}

    return Spec(logistic_args() | extra, build)


_A1 = np.tanh(W1 @ X35 + b1)  # A[1] of the [3, 4, 1] network, (4, 5)
_A2 = np.array([[0.3, 0.6, 0.8, 0.1, 0.5]])  # A[2] = sigma(Z[2]), (1, 5), in (0, 1)
_W2 = network_args()["W2"].value

PAGE_SPECS: dict[str, Spec] = {
    # The checks the pages name in numeric-check fences.
    **{
        f"pages.{name}": check()
        for name in (
            "activations.check_derivatives",
            "activations.check_networks",
            "conventions.check_logistic_rows",
            "conventions.check_network_transposed",
            "conventions.check_one_over_m",
            "conventions.check_rows_against_J",
            "dl_dw_db.check_db",
            "dl_dw_db.check_dw",
            "output_layer.check_dA",
            "output_layer.check_linear",
            "output_layer.check_squared_error_tanh",
            "output_layer.check_two_forms",
            "softmax.check_chain_rule",
            "softmax.check_gradient",
            "softmax.check_jacobian",
            "two_layer.check_formulas",
            "two_layer.check_network",
        )
    },
    **{
        f"pages.{name}": check(m=count(8))
        for name in (
            "dl_dz.check_step_1",
            "dl_dz.check_step_2",
            "dl_dz.check_step_3",
            "numerical_stability.check_dz",
            "numerical_stability.check_far",
            "sigmoid_derivative.check_derivative",
            "sigmoid_derivative.check_far_from_zero",
        )
    },
    **{
        f"pages.layer_l.{name}": check(hidden=name_of("tanh"))
        for name in ("check_dA_prev", "check_dW_db", "check_dZ", "check_gradients")
    },
    **{f"pages.m_examples.{name}": check(n_x=count(2), m=count(3)) for name in ("check_db", "check_dw")},
    "pages.conventions.check_elementwise": check(n=count(4), m=count(3)),
    "pages.gradient_checking.check_default_eps": check(problems=count(4)),
    "pages.gradient_checking.check_kink": check(eps=num(1e-5, ("zero", 0.0))),
    "pages.gradient_checking.check_one_sided": check(eps=num(1e-2, ("zero", 0.0))),
    "pages.gradient_checking.check_two_sided": check(eps=num(1e-2, ("zero", 0.0))),
    "pages.output_layer.check_squared_error": check(activation=name_of("sigmoid")),
    "pages.softmax.check_two_classes": check(m=count(6)),
    # dropout.py (H8's)
    **{f"pages.dropout.{name}": check() for name in ("check_dA", "check_gradients", "error_with_new_masks")},
    # vanishing_gradients.py and multi_label.py (H4's)
    **{f"pages.vanishing_gradients.{name}": check() for name in ("check_chain", "check_deep", "check_sigma_prime_max")},
    **{
        f"pages.vanishing_gradients.{name}": Spec({"hidden": name_of("tanh")})
        for name in ("deep_network", "gradient_sizes")
    },
    **{
        f"pages.vanishing_gradients.{name}": Spec({})
        for name in (
            "deep_layers",
            "deepest_chain",
            "digits",
            "figure_gradient_sizes",
            "first_layer_check_error",
            "first_layer_sigmoid",
            "grid_end",
            "grid_points",
            "largest_stretch_sigmoid",
            "least_shrink_allowed_sigmoid",
            "net_examples",
            "net_layers",
            "net_width",
            "shrink_per_layer_sigmoid",
            "shrink_sigmoid",
            "spread_tanh_relu",
        )
    },
    **{f"pages.multi_label.{name}": check() for name in ("check_cost", "check_dZ")},
    "pages.multi_label.labels": check(n_L=count(3), m=count(2), soft=Arg(False, (("text", "no"), ("none", None)))),
    **{f"pages.multi_label.{name}": Spec({}) for name in ("digits", "widest")},
    # batch_norm.py, gradient_checking_in_practice.py (H5's)
    **{f"pages.batch_norm.{name}": check() for name in ("check_forward", "check_dbeta_dgamma", "check_dZ")},
    "pages.gradient_checking_in_practice.check_after_training": check(),
    **{f"pages.batch_norm.{name}": Spec({}) for name in ("digits", "eps_largest", "eps_smallest")},
    **{
        f"pages.gradient_checking_in_practice.{name}": Spec({})
        for name in (
            "evaluations_of_a_cat_classifier",
            "examples",
            "first_layer_of_a_cat_classifier",
            "first_step_over_the_line",
            "image_side",
            "inputs_of_a_cat_classifier",
            "keep_prob",
            "lambd",
            "parameters_of_a_cat_classifier",
            "steps",
            "table_components",
            "table_dropout",
            "table_regularisation",
            "table_training",
            "whole_difference_db_bug",
        )
    },
    # The worked examples (graphs.py, H2's): fixed numbers, checked at every seed.
    **{f"pages.{name}.check_worked_example": check() for name in ("dl_dz", "dl_dw_db", "two_layer")},
    **{
        f"pages.graphs.{name}": Spec({})
        for name in (
            "logistic",
            "network",
            "forward_by_mpmath",
            "figure_logistic",
            "figure_two_layer",
            "table_logistic_dz",
            "table_logistic_dw_db",
            "table_two_layer",
        )
    },
    # initialisation.py (H8's)
    **{f"pages.initialisation.{name}": check() for name in ("check_equal_rows", "check_zero_stays_zero")},
    "pages.initialisation.symmetric_parameters": check(
        sizes=Arg([3, 4, 1], (("one", [3]), ("zero", [3, 0, 1]), ("two-outputs", [3, 4, 2]), ("text", "341")))
    ),
    "pages.initialisation.row_spread": check(
        sizes=Arg([3, 4, 1], (("one", [3]), ("zero", [3, 0, 1]), ("text", "341"))),
        m=count(5),
        scale=num(0.5, ("zero", 0.0), ("negative", -0.5)),
    ),
    # l2_regularisation.py (H8's)
    **{f"pages.l2_regularisation.{name}": check() for name in ("check_cost", "check_dW_db", "check_on_off")},
    "pages.l2_regularisation.error_without_term": check(),
    "pages.l2_regularisation.J_l2": with_network(lambd=num(0.7, ("negative", -0.1))),
    # why_cross_entropy.py, two_valleys.py, loss_origin.py (H3's): checks, and the numbers and figure the pages print.
    **{
        f"pages.{name}": check()
        for name in (
            "why_cross_entropy.check_squared_error_bends_down",
            "why_cross_entropy.check_cross_entropy_bends_up",
            "loss_origin.check_bernoulli",
            "loss_origin.check_categorical",
        )
    },
    **{
        f"pages.{name}": Spec({})
        for name in (
            "why_cross_entropy.a_at_minus_6",
            "why_cross_entropy.digits",
            "why_cross_entropy.slowdown_at_minus_6",
            "why_cross_entropy.slowdown_table",
            "two_valleys.figure_two_costs",
            "two_valleys.J_best_minimum",
            "two_valleys.J_worse_minimum",
            "two_valleys.near",
            "two_valleys.start_left",
            "two_valleys.start_right",
            "two_valleys.steps_cross_entropy_left",
            "two_valleys.steps_cross_entropy_right",
            "two_valleys.steps_squared_left",
            "two_valleys.steps_squared_right",
            "two_valleys.w_best_minimum",
            "two_valleys.w_cross_entropy_minimum",
            "two_valleys.w_hump",
            "two_valleys.w_worse_minimum",
            "loss_origin.digits",
            "loss_origin.halves_to_underflow",
        )
    },
    # activations.py
    "pages.activations.compared_derivative": Spec({"name": name_of("tanh"), "Z": arr(Z23)}),
    # conventions.py
    "pages.conventions.J_of_one": Spec(
        rows_args() | {"l": Arg(0, (("above-L", 2), ("fraction", 0.5))), "k": Arg(1, (("two", 2),))},
        lambda W1, b1, W2, b2, **rest: {"params": params_of(W1, b1, W2, b2), "hidden": "tanh", **rest},
    ),
    "pages.conventions.by_differences": with_p(),
    # gradient_checking.py
    "pages.gradient_checking.J_float32": Spec(logistic_args()),
    "pages.gradient_checking.compared": with_p(eps=num(1e-5, ("zero", 0.0)), cost=func(vectorised.J)),
    "pages.gradient_checking.error_of_check": with_p(eps=num(1e-5, ("zero", 0.0)), cost=func(vectorised.J)),
    "pages.gradient_checking.errors": check(eps=num(1e-5, ("zero", 0.0)), cost=func(vectorised.J), problems=count(3)),
    "pages.gradient_checking.forward_difference": Spec(
        {
            "f": func(lambda t: float(np.sum(t**3))),
            "x": arr([0.3, -1.2, 2.0]),
            "eps": num(1e-5, ("zero", 0.0), ("negative", -1e-5)),
        }
    ),
    "pages.gradient_checking.layer_errors": with_network(
        hidden=name_of("tanh"), eps=num(1e-5, ("zero", 0.0)), grads=Arg(None, (("text", "grads"), ("list", [1.0])))
    ),
    "pages.gradient_checking.logistic_problem": check(),
    # layer_l.py: l = 2 reads A[1] (4, 5); Z[1] is (4, 5).
    "pages.layer_l.problem": check(
        sizes=Arg([3, 4, 1], (("one", [3]), ("zero", [3, 0, 1]), ("text", "341"))),
        m=count(5),
        hidden=name_of("tanh"),
    ),
    "pages.layer_l.dA_by_differences": with_network(
        X=False, l=layer(2), A=arr(_A1, matrix=True, mate=True), hidden=name_of("tanh")
    ),
    "pages.layer_l.dZ_by_differences": with_network(
        X=False, l=layer(1), Z=arr(Z45, matrix=True, mate=True), hidden=name_of("tanh")
    ),
    **{
        f"pages.layer_l.{name}": with_network(l=layer(index), hidden=name_of("tanh"))
        for name, index in (
            ("dJ_dW_by_differences", 1),
            ("dJ_db_by_differences", 2),
            ("pairs_dA_prev", 2),
            ("pairs_dW_db", 1),
            ("pairs_dZ", 1),
            ("pairs_gradients", 2),
        )
    },
    "pages.layer_l.stacked": Spec(
        {
            "pairs": Arg(
                layer_l.pairs_dW_db(params_of(W1, b1, _W2, network_args()["b2"].value), X35, np.array(Y15), 1, "tanh"),
                (("empty", []), ("text", "pairs"), ("not-pairs", [1.0])),
            ),
            "how": Arg("central differences", (("not-str", 3),)),
        }
    ),
    # m_examples.py
    "pages.m_examples.compared_db": with_p(),
    "pages.m_examples.compared_dw": with_p(),
    # numerical_stability.py
    "pages.numerical_stability.clipping_table": Spec({"epsilon": num(1e-7, ("zero", 0.0), ("half", 0.5))}),
    "pages.numerical_stability.exact_loss": Spec({"z": num(2.0), "y": num(0.3, ("above", 1.5), ("below", -0.5))}),
    "pages.numerical_stability.gradient_table": Spec({}),
    "pages.numerical_stability.loss_table": Spec({}),
    # softmax.py
    "pages.softmax.labels": check(C=count(3), m=count(4), one_hot=Arg(True, (("text", "yes"), ("none", None)))),
    "pages.softmax.sigma_exact": Spec({"t": num(0.5)}),
    # two_layer.py: the six formulas of the two-layer network, tanh hidden layer [3, 4, 1].
    "pages.two_layer.by_differences": with_network(),
    "pages.two_layer.named": with_network(),
    "pages.two_layer.six_formulas": Spec(
        {
            "net": Arg(
                two_layer.named(params_of(W1, b1, _W2, network_args()["b2"].value), X35, np.array(Y15)),
                (("empty", {}), ("text", "net")),
            )
        }
    ),
    "pages.two_layer.dZ2": Spec(
        {
            "A2": arr(_A2, matrix=True, within="(0, 1)", mate=True),
            "Y": arr(Y15, matrix=True, within="[0, 1]", mate=True),
        }
    ),
    "pages.two_layer.dZ1": Spec(
        {
            "W2": arr(_W2, matrix=True, mate=True),
            "dZ2": arr(_A2 - Y15, matrix=True, mate=True),
            "A1": arr(_A1, matrix=True, mate=True),
        }
    ),
    "pages.two_layer.dW2": Spec(
        {"dZ2": arr(_A2 - Y15, matrix=True, mate=True), "A1": arr(_A1, matrix=True, mate=True)}
    ),
    "pages.two_layer.dW1": Spec({"dZ1": arr(dZ45, matrix=True, mate=True), "X": arr(X35, matrix=True, mate=True)}),
    "pages.two_layer.db2": Spec({"dZ2": arr(_A2 - Y15, matrix=True)}),
    "pages.two_layer.db1": Spec({"dZ1": arr(dZ45, matrix=True)}),
    # The numbers pages print (pipeline/printed.py): functions of no argument, nothing to fuzz but one call.
    **{
        f"pages.activations.{name}": Spec({})
        for name in (
            "leaky_slope",
            "leaky_slope_at_0",
        )
    },
    **{
        f"pages.dropout.{name}": Spec({})
        for name in (
            "keep_prob_declared",
            "keep_prob_drawn",
        )
    },
    **{
        f"pages.gradient_checking.{name}": Spec({})
        for name in (
            "assignment_threshold",
            "best_step32",
            "best_step64",
            "course_eps",
            "course_verdicts",
            "digits32",
            "digits64",
            "eps_table",
            "one_sided_error_factor",
            "problems",
            "rounding_at_course_eps",
            "site_eps",
            "site_limit",
            "smallest_error32",
            "smallest_error64",
            "three_u",
            "three_u32",
            "two_sided_error_factor",
            "u32",
            "u64",
            "worst_at_course_eps",
            "worst_at_site_eps",
        )
    },
    **{
        f"pages.numerical_stability.{name}": Spec({})
        for name in (
            "a_where_it_rounds_to_0",
            "a_where_it_rounds_to_1",
            "bits_where_a_rounds_to_0",
            "bits_where_a_rounds_to_1",
            "clip_epsilon",
            "clipped_loss_cap",
            "clipped_z_last",
            "dL_da_before_a_is_1",
            "first_whole_z_clipped",
            "float64_digits",
            "gap_above_1",
            "half_gap_above_1",
            "minus_clipped_z",
            "true_dz_confident",
            "z_before_a_is_1",
            "z_confident",
            "z_confidently_0",
            "z_where_a_is_0",
            "z_where_a_is_1",
            "z_where_exp_overflows",
        )
    },
    **{
        f"pages.sigmoid_derivative.{name}": Spec({})
        for name in (
            "digits",
            "far",
            "float64_table",
            "gap_below_1",
            "table_z",
            "true_sigma_prime_at_last_z",
        )
    },
    **{
        f"pages.softmax.{name}": Spec({})
        for name in (
            "exp_overflows_above",
            "most_classes",
            "soft_label",
        )
    },
}
