"""`lotse agent …`: agent accounts from the command line (the first admin comes from here)."""

from __future__ import annotations

import asyncio
import sys
from typing import Annotated

import typer

from escalation.agents import ALL_QUEUES, AgentError, NewAgent, create_agent, tenant_agents
from escalation.config import ConfigError, load_config
from escalation.models import AgentRole

agent_app = typer.Typer(help="Agent accounts.", no_args_is_help=True)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@agent_app.command("create")
def create(
    email: Annotated[str, typer.Option(help="Login e-mail address.")],
    name: Annotated[str, typer.Option(help="Display name shown to users and colleagues.")],
    password: Annotated[
        str | None,
        typer.Option(help="At least 12 characters; '-' reads it from stdin; omitted: prompt."),
    ] = None,
    role: Annotated[AgentRole, typer.Option(help="agent, supervisor, trainer or admin.")] = (
        AgentRole.AGENT
    ),
    queues: Annotated[
        str, typer.Option(help="Comma-separated queue names, or 'all' for every queue.")
    ] = "",
    languages: Annotated[str, typer.Option(help="Comma-separated, e.g. 'de,en'.")] = "",
    max_chats: Annotated[int, typer.Option(help="Concurrent chats at most.")] = 3,
    tenant: Annotated[str, typer.Option(help="Tenant id.")] = "default",
) -> None:
    """Create an agent account."""
    from escalation.cli import _settings
    from escalation.db import Database
    from escalation.migrations import upgrade

    settings = _settings()
    try:
        config = load_config(settings.config_file)
    except ConfigError as error:
        typer.echo(f"Configuration error: {error}", err=True)
        raise typer.Exit(code=2) from error
    if password == "-":  # noqa: S105 (the stdin marker, not a password)
        password = sys.stdin.readline().rstrip("\n")
    elif password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    queue_names = _split(queues)
    if "all" in queue_names:
        queue_names = (ALL_QUEUES,)
    new = NewAgent(
        email=email,
        password=password,
        display_name=name,
        role=role,
        queues=queue_names,
        languages=_split(languages),
        max_chats=max_chats,
    )
    known_queues = set(config.tenant(tenant).escalation.queues)
    upgrade(settings.effective_database_url)

    async def run() -> str:
        database = Database(settings.effective_database_url)
        try:
            async with database.session() as session:
                agent = await create_agent(
                    session, new, tenant_id=tenant, known_queues=known_queues
                )
                return agent.id
        finally:
            await database.dispose()

    try:
        agent_id = asyncio.run(run())
    except AgentError as error:
        typer.echo(f"Cannot create the agent: {error}", err=True)
        raise typer.Exit(code=2) from error
    typer.echo(f"Created {role} {new.email.strip().casefold()} ({agent_id}).")


@agent_app.command("list")
def list_agents(tenant: Annotated[str, typer.Option(help="Tenant id.")] = "default") -> None:
    """List the tenant's agents (e-mail, role, queues, languages)."""
    from escalation.cli import _settings
    from escalation.db import Database
    from escalation.migrations import upgrade

    settings = _settings()
    upgrade(settings.effective_database_url)

    async def run() -> list[str]:
        database = Database(settings.effective_database_url)
        try:
            async with database.session() as session:
                agents = await tenant_agents(session, tenant)
        finally:
            await database.dispose()
        return [
            f"{a.email}\t{a.role}\t{','.join(a.queues)}\t{','.join(a.languages)}\t{a.display_name}"
            for a in agents
        ]

    for line in asyncio.run(run()):
        typer.echo(line)
