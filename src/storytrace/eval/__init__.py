"""Benchmarks of ../shared/EVAL.md, one module per benchmark. Each exposes ``evaluate_<name>``.

Evaluation reads data from a path given by the user and never fits anything on what it scores.
"""
