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

from copydesk.document import Document, _collector_paused, _joined_texts, check_text

__all__ = ["Pipeline", "Step", "TextStep", "clean", "default_pipeline", "pipe", "process"]


@runtime_checkable
class Step(Protocol):
    """A named callable that takes a Document and returns a (new) Document.

    Two optional class attributes tell :meth:`Pipeline.stabilize` what it may skip:
    ``repeatable = False`` (side effects, such as adding to an index: run once per document)
    and ``settles = True`` (run again on a document made of the body it returned, it removes,
    relabels and rewrites nothing, and sets no field).
    """

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

    def rewrite(
        self, doc: Document, indexes: Iterable[int] | None = None, *, joined_result: str | None = None
    ) -> Document:
        """Run on the segments at ``indexes`` (all when ``None``), recording each change.

        ``joined_result`` is :meth:`apply` already run on their texts joined by line breaks
        (see :meth:`Document.rewrite`), not run again.
        """
        return doc.rewrite(
            self.apply,
            step=self.name,
            rule=self.rule,
            reason=self.reason,
            line_local=self.line_local,
            indexes=indexes,
            joined_result=joined_result,
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
        # Steps make many small objects (segments, records, matches) and no reference cycles:
        # the cyclic collector runs once after the document instead of again and again during it.
        with _collector_paused():
            if not self.until_stable:
                return self._run(doc)
            memory = _Memory()
            return self._stabilize(self._run(doc, memory=memory), memory)

    def stabilize(self, doc: Document) -> Document:
        """Run the steps over ``doc.body`` as a new text and carry back what they change, until nothing.

        Decisions that depend on the whole page (boilerplate, repeated lines)
        can change once the page is reduced to its body: a line judged body in
        context may read as a list item among paragraphs. Settling the body
        here makes cleaning a cleaned text change nothing. Each carried-back
        removal keeps the step, rule and reason of the pass that made it. A step
        with side effects sets ``repeatable = False`` and is not run again.

        A pass over the body costs what the steps cost on the body, and the
        first pass that changes nothing ends it. Work that cannot change
        anything is skipped: a run of normalizers only sees lines it has not
        already left unchanged (on the main pass, when :meth:`__call__`
        stabilizes), and a step with ``settles = True`` is skipped when it
        would receive exactly the body it produced itself.

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
        return self._stabilize(doc, _Memory())

    def _stabilize(self, doc: Document, memory: _Memory) -> Document:
        for _ in range(STABLE_ROUNDS):
            kept = [i for i, s in enumerate(doc.segments) if s.kept]
            if not kept:
                return doc
            body = Document.from_lines([doc.segments[i].text for i in kept])  # Document.from_text(doc.body)
            again = self._run(body, repeat=True, memory=memory)
            if len(again.segments) != len(kept) or again.body == body.original:
                return doc
            doc = _carry_back(doc, kept, again)
        return doc

    def _run(self, doc: Document, *, repeat: bool = False, memory: _Memory | None = None) -> Document:
        """One pass of the steps; ``repeat``: a pass over a body, where ``memory`` (from earlier passes) saves work."""
        run: list[TextStep] = []  # consecutive settling normalizers
        fixed: set[str] | None = None  # the run's fixpoints in memory (keyed by its first step's position)
        for at, step in enumerate(self.steps):
            if repeat and not getattr(step, "repeatable", True):
                continue  # a step with side effects (an index) runs once per document
            if isinstance(step, TextStep) and step.settle:
                if not run and memory is not None:
                    fixed = memory.fixed.setdefault(at, set())
                run.append(step)
                continue
            if run:
                doc = _settle(run, doc, fixed, repeat)
                run = []
            if memory is None or not getattr(step, "settles", False):
                doc = _checked(step, step(doc))
            elif not (repeat and _is_own_body(doc, memory.outputs.get(at))):
                doc = _checked(step, step(doc))
                memory.outputs[at] = [s.text for s in doc.segments if s.kept]
            # else: it would receive the body it produced itself, on which it changes nothing
        if run:
            doc = _settle(run, doc, fixed, repeat)
        return doc

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


def _settle(run: list[TextStep], doc: Document, fixed: set[str] | None = None, known: bool = False) -> Document:
    """Run the normalizers in ``run`` in order, then again on the segments they changed, until none changes.

    One normalizer can give another something to do: a space the whitespace
    step puts where an exotic one was can complete a mojibake sequence for
    encoding repair, an entity decoded into "Ã©" is mojibake. Repeating the
    run on what changed makes every kept segment a fixpoint of the run, so
    cleaning a cleaned text changes nothing.

    ``fixed`` collects the texts the run is seen to leave unchanged (its
    fixpoints: the run maps each line on its own); with ``known``, segments
    whose text is already in it are not run again.

    >>> from copydesk import steps
    >>> doc = Pipeline([steps.fix_encoding(), steps.html_entities()])("caf&Atilde;&copy;")
    >>> doc.body, [r.step for r in doc.records]
    ('café', ['html_entities', 'fix_encoding'])
    """
    if not run:
        return doc
    indexes: list[int] | None = None
    if known and fixed is not None:
        indexes = [i for i, s in enumerate(doc.segments) if s.text not in fixed]
        if not indexes:
            return doc
    for _ in range(SETTLE_ROUNDS):
        before = doc
        joined: str | None = None
        for step in run:
            if step.line_local:
                # The run's steps see the same lines until one changes something, so the lines
                # are joined once (as Document.rewrite would) and most steps find nothing to do.
                if joined is None:
                    joined = _joined_lines(doc, indexes)
                if joined:
                    result = step.apply(joined)
                    if result == joined:
                        continue  # as Document.rewrite: nothing changed, nothing recorded
                    doc = _checked(step, step.rewrite(doc, indexes, joined_result=result))
                    joined = None
                    continue
            doc = _checked(step, step.rewrite(doc, indexes))
            joined = None
        if fixed is not None:
            _note_fixpoints(fixed, before, doc, indexes)
        if doc is before:
            break
        pairs = zip(before.segments, doc.segments, strict=True)
        indexes = [i for i, (old, new) in enumerate(pairs) if old is not new and new.kept]
        if not indexes:
            break
    return doc


def _joined_lines(doc: Document, indexes: list[int] | None) -> str:
    """The texts at ``indexes`` (all when ``None``) joined by line breaks; ``""`` when a text holds one itself."""
    segments = doc.segments
    texts = [s.text for s in segments] if indexes is None else [segments[i].text for i in indexes]
    return _joined_texts(texts) or ""


def _note_fixpoints(fixed: set[str], before: Document, after: Document, indexes: list[int] | None) -> None:
    """Add to ``fixed`` the texts of the segments at ``indexes`` (all when ``None``) that a round left as they were."""
    old, new = before.segments, after.segments
    if old is new:
        fixed.update(old[i].text for i in (range(len(old)) if indexes is None else indexes))
    else:
        fixed.update(old[i].text for i in (range(len(old)) if indexes is None else indexes) if old[i] is new[i])


def _is_own_body(doc: Document, output: list[str] | None) -> bool:
    """Whether ``doc`` is a fresh document of the body ``output`` (kept texts a step produced on the last pass)."""
    if output is None or len(output) != len(doc.segments):
        return False
    if doc.title is not None or doc.authors or doc.captions or doc.meta:
        return False
    for seg, text in zip(doc.segments, output, strict=True):
        if seg.text != text or not seg.kept or seg.kind != "body" or seg.rule or seg.reason:
            return False
    return True


@dataclass
class _Memory:
    """What the passes over a document learned, so the next pass over its body skips what cannot change."""

    #: per run of normalizers (keyed by the position of its first step): texts it leaves unchanged
    fixed: dict[int, set[str]] = field(default_factory=dict)
    #: per step with ``settles = True`` (keyed by position): the kept texts of its output on the last pass
    outputs: dict[int, list[str]] = field(default_factory=dict)


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
