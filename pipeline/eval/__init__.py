"""Evaluation commands (`pipeline eval NAME`): each module exposes ``main(argv) -> int``."""
