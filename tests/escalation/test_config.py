"""The structured configuration: defaults, merging, validation with clear errors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from escalation.config import ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lotse.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_defaults_are_valid() -> None:
    config = load_config()
    default = config.tenant("default")
    assert str(default.service.password_portal_url).startswith("https://")
    assert set(default.service.desk_hours) == {"de", "en"}
    assert default.announcements == []


def test_a_deployment_file_is_merged_over_the_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
tenants:
  default:
    service:
      desk_phone: "+49 30 1234 5678"
  acme:
    name: ACME
    announcements:
      - id: vpn
        text: {de: "VPN gestört", en: "VPN disrupted"}
        categories: [vpn_problem]
        starts_at: 2026-11-21T08:00:00+01:00
        ends_at: 2026-11-21T18:00:00+01:00
""",
    )
    config = load_config(path)
    default = config.tenant("default")
    assert default.service.desk_phone == "+49 30 1234 5678"
    assert default.service.password_portal_url is not None  # kept from the defaults
    acme = config.tenant("acme")
    during = datetime(2026, 11, 21, 12, tzinfo=UTC)
    after = datetime(2026, 11, 21, 18, tzinfo=UTC)
    assert [a.id for a in acme.active_announcements(during, category="vpn_problem")] == ["vpn"]
    assert acme.active_announcements(during, category="printer_problem") == []
    assert [a.id for a in acme.active_announcements(during)] == ["vpn"]
    assert acme.active_announcements(after) == []
    assert acme.announcements[0].text_in("en") == "VPN disrupted"  # type: ignore[arg-type]


def test_an_unknown_tenant_gets_the_default_configuration() -> None:
    config = load_config()
    assert config.tenant("nobody") is config.tenant("default")
    assert config.tenant(None) is config.tenant("default")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "tenants: {default: {service: {desk_phone: call us}}}", "desk_phone", id="phone"
        ),
        pytest.param(
            "tenants: {default: {service: {status_page_url: not a url}}}",
            "status_page_url",
            id="url",
        ),
        pytest.param(
            "tenants: {default: {service: {desk_hours: {fr: lundi}}}}",
            "supported language",
            id="language",
        ),
        pytest.param("tenants: {default: {service: {colour: blue}}}", "colour", id="unknown-key"),
        pytest.param("tenants: {'Bad Tenant': {name: x}}", "tenant ids", id="tenant-id"),
        pytest.param(
            "tenants: {default: {announcements: [{id: a, text: {de: x}, starts_at: 2026-11-21T08:00:00}]}}",
            "time zone",
            id="naive-time",
        ),
        pytest.param(
            "tenants: {default: {announcements: [{id: a, text: {de: x}, categories: [VPN!]}]}}",
            "intent name",
            id="category",
        ),
        pytest.param(
            "tenants: {default: {announcements: [{id: a, text: {}}]}}", "at least one", id="no-text"
        ),
        pytest.param("- just a list", "mapping", id="not-a-mapping"),
        pytest.param("tenants: {default: [unclosed", "not valid YAML", id="bad-yaml"),
    ],
)
def test_mistakes_stop_with_the_file_and_the_field(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as raised:
        load_config(path)
    if message not in ("mapping", "not valid YAML"):
        assert str(path) in str(raised.value)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.yml")


def test_an_empty_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "")) == load_config()
