"""Composing steps: the Step protocol, ``Pipeline``, ``process`` and ``clean``.

A step is any named callable ``Document -> Document``. ``TextStep`` turns a
``str -> str`` function into one; ``Pipeline`` runs steps in order.

>>> from copydesk import steps
>>> pipe = Pipeline([steps.fix_encoding(), steps.whitespace()])
>>> pipe.names
('fix_encoding', 'whitespace')
>>> pipe("caf\\u00c3\\u00a9\\u00a0au  lait").body
'café au lait'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, runtime_checkable

from copydesk.document import Document, check_text

__all__ = ["Pipeline", "Step", "TextStep", "clean", "default_pipeline", "pipe", "process"]


@runtime_checkable
class Step(Protocol):
    """A named callable that takes a Document and returns a (new) Document."""

    @property
    def name(self) -> str: ...

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class TextStep:
    """A ``str -> str`` function as a step: it rewrites every segment and records each change.

    ``options`` are passed to ``func`` as keyword arguments; :meth:`configure`
    returns a copy with some of them changed.

    >>> upper = TextStep(str.upper, name="shout", rule="shout.upper", reason="upper-cased")
    >>> upper(Document.from_text("hi")).records[0].after
    'HI'
    >>> upper.apply("hi")
    'HI'
    """

    func: Callable[..., str]
    name: str
    rule: str
    reason: str
    options: Mapping[str, Any] = field(default_factory=dict)
    line_local: bool = True
    #: part of a run of normalizers that a Pipeline repeats until the text stops changing
    settle: bool = False

    def apply(self, text: str) -> str:
        """Run the function on a plain string."""
        return self.func(text, **self.options)

    def configure(self, **options: Any) -> TextStep:
        """A copy of this step with ``options`` merged into its own.

        >>> from copydesk import steps
        >>> steps.punctuation().configure(dashes=False).options["dashes"]
        False
        """
        return replace(self, options={**self.options, **options})

    def __call__(self, doc: Document) -> Document:
        return self.rewrite(doc)

    def rewrite(self, doc: Document, indexes: Iterable[int] | None = None) -> Document:
        """Run on the segments at ``indexes`` (all when ``None``), recording each change."""
        return doc.rewrite(
            self.apply, step=self.name, rule=self.rule, reason=self.reason, line_local=self.line_local, indexes=indexes
        )


class Pipeline:
    """Steps run in order on a Document (or on text, which becomes one).

    >>> from copydesk import steps
    >>> p = Pipeline([steps.whitespace()])
    >>> (p + [steps.punctuation()]).names
    ('whitespace', 'punctuation')
    >>> p.without("whitespace").names
    ()
    """

    def __init__(
        self, steps: Iterable[Step | Callable[[Document], Document]] = (), *, until_stable: bool = False
    ) -> None:
        checked = []
        for position, step in enumerate(steps):
            if not callable(step):
                raise TypeError(f"pipeline step {position} is not callable: {step!r}")
            if not isinstance(getattr(step, "name", getattr(step, "__name__", None)), str):
                raise TypeError(f"pipeline step {position} has no name: {step!r}")
            checked.append(step)
        self.steps: tuple[Step | Callable[[Document], Document], ...] = tuple(checked)
        #: Run the steps again over the kept body until a pass changes nothing (see :meth:`stabilize`).
        self.until_stable = until_stable

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the steps, in order."""
        return tuple(_step_name(s) for s in self.steps)

    def __call__(self, text: str | Document) -> Document:
        doc = text if isinstance(text, Document) else Document.from_text(check_text(text, "Pipeline"))
        doc = self._run(doc)
        return self.stabilize(doc) if self.until_stable else doc

    def stabilize(self, doc: Document) -> Document:
        """Run the steps over ``doc.body`` as a new text and carry back what they change, until nothing.

        Decisions that depend on the whole page (boilerplate, repeated lines)
        can change once the page is reduced to its body: a line judged body in
        context may read as a list item among paragraphs. Settling the body
        here makes cleaning a cleaned text change nothing. Each carried-back
        removal keeps the step, rule and reason of the pass that made it. A step
        with side effects sets ``repeatable = False`` and is not run again.

        >>> def drop_first(doc):  # not idempotent on its own: each run drops one more line
        ...     kept = [i for i, s in enumerate(doc.segments) if s.kept]
        ...     if len(kept) < 3:
        ...         return doc
        ...     return doc.relabel(kept[0], kind="boilerplate", kept=False, step="drop_first", rule="x", reason="first")
        >>> Pipeline([drop_first])("a\\nb\\nc\\nd").body
        'b\\n\\nc\\n\\nd'
        >>> Pipeline([drop_first], until_stable=True)("a\\nb\\nc\\nd").body
        'c\\n\\nd'
        """
        for _ in range(STABLE_ROUNDS):
            kept = [i for i, s in enumerate(doc.segments) if s.kept]
            if not kept:
                return doc
            again = self._run(Document.from_text(doc.body), repeat=True)
            if again.body == doc.body or len(again.segments) != len(kept):
                return doc
            doc = _carry_back(doc, kept, again)
        return doc

    def _run(self, doc: Document, *, repeat: bool = False) -> Document:
        run: list[TextStep] = []  # consecutive settling normalizers
        for step in self.steps:
            if repeat and not getattr(step, "repeatable", True):
                continue  # a step with side effects (an index) runs once per document
            if isinstance(step, TextStep) and step.settle:
                run.append(step)
                continue
            doc = _settle(run, doc)
            run = []
            doc = _checked(step, step(doc))
        return _settle(run, doc)

    def __iter__(self) -> Iterator[Step | Callable[[Document], Document]]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __add__(self, other: Iterable[Step | Callable[[Document], Document]]) -> Pipeline:
        return Pipeline([*self.steps, *other], until_stable=self.until_stable)

    def __repr__(self) -> str:
        stable = ", until_stable=True" if self.until_stable else ""
        return f"Pipeline({list(self.names)!r}{stable})"

    def without(self, *names: str) -> Pipeline:
        """A copy without the named steps (unknown names raise ``KeyError``)."""
        self._check_names(names)
        return Pipeline((s for s in self.steps if _step_name(s) not in names), until_stable=self.until_stable)

    def replace(self, name: str, step: Step | Callable[[Document], Document]) -> Pipeline:
        """A copy with the step called ``name`` replaced by ``step``."""
        self._check_names([name])
        return Pipeline((step if _step_name(s) == name else s for s in self.steps), until_stable=self.until_stable)

    def _check_names(self, names: Iterable[str]) -> None:
        missing = [n for n in names if n not in self.names]
        if missing:
            raise KeyError(f"no step named {missing} in {self!r}")


#: How often a run of normalizers goes over the segments it changed before the pipeline moves on.
SETTLE_ROUNDS = 8


def _settle(run: list[TextStep], doc: Document) -> Document:
    """Run the normalizers in ``run`` in order, then again on the segments they changed, until none changes.

    One normalizer can give another something to do: a space the whitespace
    step puts where an exotic one was can complete a mojibake sequence for
    encoding repair, an entity decoded into "Ã©" is mojibake. Repeating the
    run on what changed makes every kept segment a fixpoint of the run, so
    cleaning a cleaned text changes nothing.

    >>> from copydesk import steps
    >>> doc = Pipeline([steps.fix_encoding(), steps.html_entities()])("caf&Atilde;&copy;")
    >>> doc.body, [r.step for r in doc.records]
    ('café', ['html_entities', 'fix_encoding'])
    """
    indexes: list[int] | None = None
    for _ in range(SETTLE_ROUNDS if run else 0):
        before = doc
        for step in run:
            doc = _checked(step, step.rewrite(doc, indexes))
        if doc is before:
            break
        pairs = zip(before.segments, doc.segments, strict=True)
        indexes = [i for i, (old, new) in enumerate(pairs) if old is not new and new.kept]
        if not indexes:
            break
    return doc


#: How many passes over the body :meth:`Pipeline.stabilize` makes at most.
STABLE_ROUNDS = 16


def _carry_back(doc: Document, kept: list[int], again: Document) -> Document:
    """Apply to ``doc`` what a pass over its body (``again``) changed; ``kept[j]`` is ``again``'s segment ``j``."""
    removed_by = {(r.start, r.end): r.step for r in again.records if r.action == "remove"}
    groups: dict[tuple[str, str, str, str], list[int]] = {}
    rewritten: dict[str, str] = {}  # text before -> after (normalizers map equal lines alike)
    rewritten_at: list[int] = []
    for j, seg in enumerate(again.segments):
        i = kept[j]
        if not seg.kept:
            step = removed_by.get((seg.start, seg.end), "pipeline")
            groups.setdefault((seg.kind, step, seg.rule, seg.reason), []).append(i)
        elif seg.text != doc.segments[i].text:
            rewritten[doc.segments[i].text] = seg.text
            rewritten_at.append(i)
    if rewritten_at:
        doc = doc.rewrite(
            lambda text: rewritten.get(text, text),
            step="pipeline",
            rule="pipeline.body_pass",
            reason="changed on a pass over the cleaned body",
            indexes=rewritten_at,
            line_local=False,
        )
    for (kind, step, rule, reason), indexes in groups.items():
        doc = doc.relabel(
            indexes, kind=kind, kept=False, step=step, rule=rule, reason=f"{reason} (on a pass over the cleaned body)"
        )
    changes: dict[str, Any] = {}
    if again.title and not doc.title:
        changes["title"] = again.title
    if again.authors and not doc.authors:
        changes["authors"] = again.authors
    new_captions = [c for c in again.captions if c not in doc.captions]
    if new_captions:
        changes["captions"] = [*doc.captions, *new_captions]
    return doc.with_fields(**changes) if changes else doc


def _checked(step: object, result: object) -> Document:
    if not isinstance(result, Document):
        raise TypeError(f"step {_step_name(step)!r} returned {type(result).__name__}, expected Document")
    return result


def _step_name(step: object) -> str:
    name = getattr(step, "name", None) or getattr(step, "__name__", None)
    return str(name)


def pipe(*steps: Step | Callable[[Document], Document]) -> Pipeline:
    """``Pipeline`` from steps given as arguments.

    >>> from copydesk import steps
    >>> pipe(steps.whitespace(), steps.unicode()).names
    ('whitespace', 'unicode')
    """
    return Pipeline(steps)


def default_pipeline(*, until_stable: bool = True) -> Pipeline:
    """The pipeline that :func:`process` and :func:`clean` use unless given another.

    With ``until_stable`` (the default) it settles its own body (see
    :meth:`Pipeline.stabilize`), so ``clean(clean(text)) == clean(text)``; that
    costs at least one more pass over the body, which ``until_stable=False`` saves.

    >>> default_pipeline().names[:2]
    ('fix_encoding', 'html_entities')
    """
    from copydesk import steps

    return Pipeline(steps.default_steps(), until_stable=until_stable)


_DEFAULT: Pipeline | None = None


def process(text: str, pipeline: Pipeline | None = None) -> Document:
    """Run ``pipeline`` (the default one unless given) on ``text`` and return the Document.

    >>> doc = process("Caf\\u00c3\\u00a9 &amp; bar\\u200b")
    >>> doc.body
    'Café & bar'
    >>> process(None)
    Traceback (most recent call last):
    ...
    TypeError: copydesk.process() expects str, got NoneType
    """
    global _DEFAULT
    check_text(text, "copydesk.process()")
    if pipeline is None:
        if _DEFAULT is None:
            _DEFAULT = default_pipeline()
        pipeline = _DEFAULT
    return pipeline(text)


def clean(text: str, pipeline: Pipeline | None = None) -> str:
    """The cleaned body of ``text``: ``process(text, pipeline).body``.

    >>> clean("  Hello\\u00a0world.  \\n\\n\\n\\nBye. ")
    'Hello world.\\n\\nBye.'
    """
    check_text(text, "copydesk.clean()")
    return process(text, pipeline).body
