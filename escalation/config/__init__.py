"""Structured configuration: tenants, their service facts and announcements (ARCHITECTURE.md).

Defaults ship in `defaults.yml`; a deployment names its own file in `LOTSE_CONFIG_FILE`,
which is merged over the defaults (mappings key by key, lists replaced). The merged result is
validated once at start-up; a mistake stops start-up with the file and the field at fault.
Environment variables hold only deployment settings and secrets, never these.
"""

from escalation.config.loading import ConfigError, load_config
from escalation.config.models import Announcement, LotseConfig, ServiceFacts, TenantConfig

__all__ = [
    "Announcement",
    "ConfigError",
    "LotseConfig",
    "ServiceFacts",
    "TenantConfig",
    "load_config",
]
