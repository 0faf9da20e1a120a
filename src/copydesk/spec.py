"""A pipeline described by names and options, so it can be given on a command line or sent to a worker process.

``PipelineSpec`` starts from the default steps, drops the ones named in
``skip``, appends the ones named in ``add`` and passes ``options`` to the step
factories of :mod:`copydesk.steps` (a step's name is its factory's name).

>>> spec = PipelineSpec(skip=("unicode",), add=("punctuation",), options={"punctuation": {"dashes": False}})
>>> spec.build().names
('fix_encoding', 'html_entities', 'invisibles', 'whitespace', 'credits', 'captions', 'repeats', 'boilerplate',
 'punctuation')
>>> spec.build().steps[-1].options["dashes"]
False
>>> parse_setting("punctuation.dashes=false")
('punctuation', 'dashes', False)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from copydesk.pipeline import Pipeline, Step

__all__ = ["PipelineSpec", "parse_setting", "spec_from_settings", "step_factories"]


def step_factories() -> dict[str, Callable[..., Step]]:
    """The step factories of :mod:`copydesk.steps`, by name.

    >>> "whitespace" in step_factories()
    True
    """
    from copydesk import steps

    names = getattr(steps, "__all__", [n for n in dir(steps) if not n.startswith("_")])
    found: dict[str, Callable[..., Step]] = {}
    for name in names:
        factory = getattr(steps, name, None)
        if callable(factory) and name != "default_steps" and not isinstance(factory, type):
            found[name] = factory
    return found


def parse_setting(text: str) -> tuple[str, str, Any]:
    """``STEP.OPTION=VALUE`` as ``(step, option, value)``; the value is JSON when it parses, else a string.

    >>> parse_setting("unicode.form=NFKC")
    ('unicode', 'form', 'NFKC')
    >>> parse_setting("captions.min_repeat=2")
    ('captions', 'min_repeat', 2)
    >>> parse_setting("oops")
    Traceback (most recent call last):
    ...
    ValueError: expected STEP.OPTION=VALUE, got 'oops'
    """
    key, sep, raw = text.partition("=")
    step, dot, option = key.strip().partition(".")
    if not sep or not dot or not step or not option:
        raise ValueError(f"expected STEP.OPTION=VALUE, got {text!r}")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return step, option.strip(), value


@dataclass(frozen=True)
class PipelineSpec:
    """Default steps minus ``skip``, plus ``add``, with ``options`` for any step's factory.

    ``steps`` (the names of all steps, in order) replaces the default list when given.
    Unknown step names raise ``ValueError`` listing the known ones.

    >>> PipelineSpec(steps=("whitespace",)).build().names
    ('whitespace',)
    >>> PipelineSpec(skip=("nope",)).build()
    Traceback (most recent call last):
    ...
    ValueError: unknown step 'nope' in skip; the pipeline has: fix_encoding, ...
    """

    skip: tuple[str, ...] = ()
    add: tuple[str, ...] = ()
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    steps: tuple[str, ...] | None = None
    #: More keyword arguments per step that are not JSON values (a loaded site profile, an index).
    extra: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def names(self) -> list[str]:
        """The step names this spec builds, in order."""
        from copydesk.steps import default_steps

        base = list(self.steps) if self.steps is not None else [s.name for s in default_steps()]
        for name in self.skip:
            if name not in base:
                raise ValueError(f"unknown step {name!r} in skip; the pipeline has: {', '.join(base)}")
        names = [n for n in base if n not in self.skip]
        names += [n for n in self.add if n not in names]
        return names

    def build(self) -> Pipeline:
        """The :class:`~copydesk.pipeline.Pipeline` described by this spec."""
        from copydesk.steps import default_steps

        names = self.names()
        factories = step_factories()
        defaults = {s.name: s for s in default_steps()}
        unknown = [n for n in [*names, *self.options] if n not in factories and n not in defaults]
        if unknown:
            known = ", ".join(sorted(set(factories) | set(defaults)))
            raise ValueError(f"unknown step {unknown[0]!r}; known steps: {known}")
        for name in self.options:
            if name not in names:
                raise ValueError(f"options given for step {name!r}, which is not in the pipeline: {', '.join(names)}")
        built: list[Step] = []
        for name in names:
            options = {**self.options.get(name, {}), **self.extra.get(name, {})}
            if name in defaults and not options:
                built.append(defaults[name])
                continue
            try:
                built.append(factories[name](**options))
            except TypeError as error:
                raise ValueError(f"step {name!r}: {error}") from error
        return Pipeline(built, until_stable=True)


def spec_from_settings(
    skip: Iterable[str] = (), add: Iterable[str] = (), settings: Iterable[str] = (), steps: Iterable[str] | None = None
) -> PipelineSpec:
    """A spec from command-line style values (``settings`` as ``STEP.OPTION=VALUE``).

    >>> spec_from_settings(settings=["unicode.form=NFKC"]).options
    {'unicode': {'form': 'NFKC'}}
    """
    options: dict[str, dict[str, Any]] = {}
    for text in settings:
        step, option, value = parse_setting(text)
        options.setdefault(step, {})[option] = value
    return PipelineSpec(
        skip=tuple(skip), add=tuple(add), options=options, steps=None if steps is None else tuple(steps)
    )
