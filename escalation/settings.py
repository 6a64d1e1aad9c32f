"""Deployment settings: environment variables prefixed `LOTSE_`, optionally from `.env`.

Every setting has a safe default for a single box. Secrets that are not configured are
generated once into `var/secrets.json` (owner-only permissions); production refuses to start
with missing or placeholder secrets. Settings are read once, at start-up, never at import.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from nlu.language import supported_languages
from pii.engine import EngineOptions

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER_SECRETS = frozenset({"", "changethis", "changeme", "secret", "password", "test"})
MIN_PII_KEY_CHARS = 32
GENERATED_SECRETS = ("secret_key", "channel_token", "action_token", "pii_key")


class SettingsError(ValueError):
    """The configuration cannot be used; the message says what to change."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LOTSE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str | None = None
    var_dir: Path = PROJECT_ROOT / "var"
    database_url: str | None = None
    log_level: str = "INFO"
    log_format: Literal["json", "console"] = "json"
    # Tenants, service facts, announcements (escalation/config/): merged over the defaults.
    config_file: Path | None = None

    # Rasa: supervised from the bot env unless `rasa_url` names an external server.
    rasa_url: str | None = None
    rasa_port: int = Field(default=5005, ge=1, le=65535)
    rasa_timeout_seconds: float = Field(default=5.0, gt=0)
    rasa_startup_timeout_seconds: float = Field(default=180.0, gt=0)
    bot_env: Path = PROJECT_ROOT / ".venv-bot"
    models_dir: Path = PROJECT_ROOT / "models"

    # Chat
    default_language: str = "de"
    max_message_chars: int = Field(default=2000, ge=1, le=100_000)
    # Per conversation: a burst of this many messages, refilled at this many per minute.
    messages_per_minute: int = Field(default=30, ge=1, le=10_000)
    # Comma-separated in the environment (NoDecode: not parsed as JSON first).
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    # Agents: login attempts per account and per client address, per 15 minutes.
    login_attempts_per_account: int = Field(default=10, ge=1, le=10_000)
    login_attempts_per_address: int = Field(default=50, ge=1, le=100_000)
    # Redis pub/sub carries events between switchboards (redis://127.0.0.1:6379/0).
    redis_url: str | None = None

    # Personal data (pii/): how long encrypted originals are kept (0: never kept), a
    # pretrained spaCy package per language if installed ({"de": "de_core_news_md"}), the
    # organisation's directory of people (CSV), the shape of its employee numbers (regex).
    pii_retention_days: float = Field(default=7.0, ge=0, le=3650)
    pii_spacy_models: dict[str, str] = Field(default_factory=dict)
    pii_directory_file: Path | None = None
    pii_employee_id_pattern: str | None = None
    pii_employee_id_standalone: bool = False

    # Secrets: generated into var/secrets.json when not given.
    secret_key: SecretStr | None = None
    channel_token: SecretStr | None = None
    action_token: SecretStr | None = None
    # Derives the vault's AES-GCM key and the keyed hashes of personal values.
    pii_key: SecretStr | None = None

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list):
            return [str(origin).strip().rstrip("/") for origin in value if str(origin).strip()]
        return value

    @model_validator(mode="after")
    def _check_production(self) -> Self:
        if self.environment != "production":
            return self
        for name in GENERATED_SECRETS:
            value: SecretStr | None = getattr(self, name)
            if value is None or value.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS:
                raise SettingsError(
                    f"LOTSE_{name.upper()} must be set to a real secret in production "
                    "(for example: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
                )
        pii_key = self.pii_key.get_secret_value() if self.pii_key else ""
        if len(pii_key) < MIN_PII_KEY_CHARS:
            raise SettingsError(
                f"LOTSE_PII_KEY must be a random secret of at least {MIN_PII_KEY_CHARS} "
                "characters in production (it protects the vault and the keyed hashes)"
            )
        return self

    @cached_property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'lotse.db'}"

    @property
    def supervises_rasa(self) -> bool:
        return self.rasa_url is None

    @property
    def effective_rasa_url(self) -> str:
        return (self.rasa_url or f"http://127.0.0.1:{self.rasa_port}").rstrip("/")

    @property
    def effective_public_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @field_validator("pii_spacy_models")
    @classmethod
    def _check_spacy_models(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(supported_languages()))
        if unknown:
            raise ValueError(f"no such supported language: {', '.join(unknown)}")
        return value

    def pii_engine_options(self) -> EngineOptions:
        return EngineOptions(
            spacy_models=tuple(sorted(self.pii_spacy_models.items())),
            directory_file=self.pii_directory_file,
            employee_id_pattern=self.pii_employee_id_pattern,
            employee_id_standalone=self.pii_employee_id_standalone,
        )

    @property
    def pii_retention(self) -> timedelta:
        return timedelta(days=self.pii_retention_days)

    def secret(self, name: str) -> str:
        """The value of a secret setting (after `with_generated_secrets`)."""
        value: SecretStr | None = getattr(self, name)
        if value is None:
            raise SettingsError(f"secret {name} is not configured")
        return value.get_secret_value()

    def with_generated_secrets(self) -> Settings:
        """Fills secrets that are not configured from var/secrets.json, creating it if needed."""
        missing = [name for name in GENERATED_SECRETS if getattr(self, name) is None]
        if not missing:
            return self
        stored = load_or_create_secrets(self.var_dir / "secrets.json")
        return self.model_copy(update={name: SecretStr(stored[name]) for name in missing})


def load_or_create_secrets(path: Path) -> dict[str, str]:
    """Reads the generated secrets, adding any that are missing; the file is owner-only."""
    stored: dict[str, str] = {}
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
    missing = [name for name in GENERATED_SECRETS if not stored.get(name)]
    if missing:
        for name in missing:
            stored[name] = secrets.token_urlsafe(32)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(stored, file, indent=2)
        temporary.replace(path)
    path.chmod(0o600)
    return stored


def load_settings(**overrides: object) -> Settings:
    """Validates the environment once and completes the secrets; the single entry point."""
    settings = Settings(**overrides)  # type: ignore[arg-type]
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    return settings.with_generated_secrets()
