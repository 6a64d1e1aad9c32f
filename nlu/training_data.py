"""Reading Rasa NLU YAML files: examples per intent, annotations stripped.

Used by the evaluation (the test split has the training data's format) and by the tests
that keep the training data honest (parity across languages, no test example in training).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

# `[Outlook](application)` or `[Outlook]{"entity": "application"}` → `Outlook`
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    source: str = ""  # file name, for error messages


def strip_annotations(text: str) -> str:
    return _ANNOTATION.sub(r"\1", text)


def normalise(text: str) -> str:
    """For comparing examples: case, spacing and annotations do not make a new example."""
    return _WHITESPACE.sub(" ", strip_annotations(text)).strip().casefold()


def read_examples(path: Path) -> list[Example]:
    """The intent examples of one Rasa NLU file (lookups, regexes and synonyms skipped)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples: list[Example] = []
    for block in data.get("nlu") or []:
        intent = block.get("intent")
        if not intent:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                examples.append(Example(strip_annotations(line[2:].strip()), intent, path.name))
    return examples


def read_directory(directory: Path) -> list[Example]:
    return [example for path in sorted(directory.glob("*.yml")) for example in read_examples(path)]


def counts_by_intent(examples: list[Example]) -> Counter[str]:
    return Counter(example.intent for example in examples)
