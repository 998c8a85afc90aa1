"""A chart's numbers in the reader's language: matplotlib chooses the ticks and their decimals,
so every language rounds alike, and `Translator.figure` writes them in the locale's symbols
("0,5" on an Italian axis). The after-action report's figures and the lab's plots (sweep,
timing) share it."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter

from sim.i18n import Translator


class LocalNumbers(ScalarFormatter):
    """Matplotlib's own tick labels (its choice of ticks and decimals, so every language rounds
    alike) in the symbols of `words`' locale: "0,5" in Italian where English reads "0.5"."""

    def __init__(self, words: Translator) -> None:
        super().__init__()
        self.words = words

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.words.figure(super().__call__(x, pos))

    def get_offset(self) -> str:
        return self.words.figure(super().get_offset())


def local_ticks(figure: Figure, words: Translator) -> None:
    """Every numeric axis of `figure` labelled in the locale of `words` (a category axis, the
    plans' names, is left as it is)."""
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(LocalNumbers(words))
