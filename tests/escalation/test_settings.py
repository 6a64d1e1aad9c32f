"""Settings: safe defaults, generated secrets, production refuses placeholders."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from escalation.settings import GENERATED_SECRETS, Settings, load_settings


def test_defaults_are_a_single_box(tmp_path: Path) -> None:
    settings = load_settings(var_dir=tmp_path / "var")
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'var' / 'lotse.db'}"
    assert settings.supervises_rasa
    assert settings.host == "127.0.0.1"
    assert settings.max_message_chars == 2000


def test_secrets_are_generated_once_owner_only_and_reused(tmp_path: Path) -> None:
    first = load_settings(var_dir=tmp_path / "var")
    second = load_settings(var_dir=tmp_path / "var")

    secrets_file = tmp_path / "var" / "secrets.json"
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    for name in GENERATED_SECRETS:
        assert len(first.secret(name)) >= 40
        assert first.secret(name) == second.secret(name)
    assert len({first.secret(name) for name in GENERATED_SECRETS}) == len(GENERATED_SECRETS)


def test_configured_secrets_win_over_generated_ones(tmp_path: Path) -> None:
    settings = load_settings(var_dir=tmp_path / "var", channel_token="from-the-environment")
    assert settings.secret("channel_token") == "from-the-environment"


@pytest.mark.parametrize("placeholder", ["changethis", "", "secret"])
def test_production_refuses_missing_or_placeholder_secrets(
    tmp_path: Path, placeholder: str
) -> None:
    with pytest.raises(ValidationError, match="LOTSE_SECRET_KEY"):
        Settings(environment="production", var_dir=tmp_path, secret_key=placeholder)  # type: ignore[arg-type]


def test_production_accepts_real_secrets(tmp_path: Path) -> None:
    real = {name: f"{name}-a-long-random-value-0123456789" for name in GENERATED_SECRETS}
    settings = Settings(environment="production", var_dir=tmp_path, **real)  # type: ignore[arg-type]
    assert settings.secret("action_token").startswith("action_token")


def test_allowed_origins_from_a_comma_separated_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOTSE_ALLOWED_ORIGINS", "https://intranet.example, https://help.example/")
    settings = load_settings(var_dir=tmp_path)
    assert settings.allowed_origins == ["https://intranet.example", "https://help.example"]


def test_production_refuses_a_short_pii_key(tmp_path: Path) -> None:
    real = {name: f"{name}-a-long-random-value-0123456789" for name in GENERATED_SECRETS}
    real["pii_key"] = "too-short-but-not-a-placeholder"
    with pytest.raises(ValidationError, match="LOTSE_PII_KEY"):
        Settings(environment="production", var_dir=tmp_path, **real)  # type: ignore[arg-type]


def test_serve_names_a_bad_pii_configuration_without_a_traceback(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from escalation.cli import app

    result = CliRunner().invoke(
        app,
        ["serve"],
        env={
            "LOTSE_VAR_DIR": str(tmp_path / "var"),
            "LOTSE_RASA_URL": "http://127.0.0.1:9",
            "LOTSE_PII_EMPLOYEE_ID_PATTERN": "MA-\\d+",
        },
    )
    assert result.exit_code == 2
    assert "Configuration error" in result.output
    assert "bounded" in result.output


def test_serve_names_a_bad_configuration_file_without_a_traceback(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from escalation.cli import app

    config = tmp_path / "lotse.yml"
    config.write_text("tenants: {default: {service: {status_page_url: nope}}}\n")
    result = CliRunner().invoke(
        app,
        ["serve"],
        env={
            "LOTSE_VAR_DIR": str(tmp_path / "var"),
            "LOTSE_RASA_URL": "http://127.0.0.1:9",
            "LOTSE_CONFIG_FILE": str(config),
        },
    )
    assert result.exit_code == 2
    assert "Configuration error" in result.output
    assert "status_page_url" in result.output
    assert "Traceback" not in result.output
