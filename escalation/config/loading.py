"""Reading, merging and validating the configuration files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from escalation.config.models import LotseConfig

DEFAULTS = Path(__file__).with_name("defaults.yml")


class ConfigError(ValueError):
    """The configuration file cannot be used; the message names the file and the field."""


def load_config(path: Path | None = None) -> LotseConfig:
    """The defaults with the deployment's file (if any) merged over them, validated."""
    merged = _read(DEFAULTS)
    if path is not None:
        merged = _merge(merged, _read(path))
    try:
        return LotseConfig.model_validate(merged)
    except ValidationError as error:
        where = path or DEFAULTS
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in error.errors()
        )
        raise ConfigError(f"{where}: {problems}") from error


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the configuration file {path}: {error}") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {error}") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must hold a mapping at the top level")
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
