"""`lotse`: the command line. Each package contributes its own sub-commands."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from escalation.agent_cli import agent_app
from escalation.logging import configure_logging
from escalation.settings import Settings, SettingsError, load_settings
from nlu.cli import eval_command as eval_nlu_command
from nlu.cli import lang_app, nlu_app
from pii.cli import eval_command, pii_app

app = typer.Typer(help="Lotse: IT-support triage chat with human escalation.", no_args_is_help=True)
app.add_typer(lang_app, name="lang")
app.add_typer(nlu_app, name="nlu")
app.add_typer(pii_app, name="pii")
app.add_typer(agent_app, name="agent")
db_app = typer.Typer(help="The switchboard's database.", no_args_is_help=True)
app.add_typer(db_app, name="db")
eval_app = typer.Typer(help="Evaluations on labelled data.", no_args_is_help=True)
eval_app.command("pii")(eval_command)
eval_app.command("nlu")(eval_nlu_command)
app.add_typer(eval_app, name="eval")


def _settings(**overrides: object) -> Settings:
    try:
        settings = load_settings(
            **{key: value for key, value in overrides.items() if value is not None}
        )
    except (SettingsError, ValueError) as error:
        typer.echo(f"Configuration error: {error}", err=True)
        raise typer.Exit(code=2) from error
    configure_logging(level=settings.log_level, log_format=settings.log_format)
    return settings


def _current_model(settings: Settings, *, force: bool = False) -> tuple[Path, bool]:
    """The model for the current bot/ + data/, trained if needed; exits 1 if training fails."""
    from escalation.training import TrainingFailed, ensure_model

    typer.echo("Checking the Rasa model (training takes a few minutes when needed)…", err=True)
    try:
        return ensure_model(
            bot_env=settings.bot_env,
            models_dir=settings.models_dir,
            log_dir=settings.var_dir / "log",
            force=force,
        )
    except TrainingFailed as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(code=1) from error


@app.command()
def train(
    force: Annotated[bool, typer.Option(help="Train even if the model exists.")] = False,
) -> None:
    """Train the Rasa model in the bot env, unless one for the current bot/ + data/ exists."""
    model, trained = _current_model(_settings(), force=force)
    typer.echo(f"{'Trained' if trained else 'Up to date'}: {model}")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the database migrations."""
    from escalation.migrations import upgrade

    settings = _settings()
    upgrade(settings.effective_database_url)
    typer.echo("Database is up to date.")


@pii_app.command("purge")
def pii_purge() -> None:
    """Delete vault entries whose retention has passed (the switchboard also does it hourly)."""
    from escalation.db import Database
    from escalation.migrations import upgrade
    from pii.vault import purge_expired

    settings = _settings()
    upgrade(settings.effective_database_url)

    async def purge() -> int:
        database = Database(settings.effective_database_url)
        try:
            async with database.session() as session:
                return await purge_expired(session)
        finally:
            await database.dispose()

    typer.echo(f"Deleted {asyncio.run(purge())} expired vault entries.")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface (LOTSE_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (LOTSE_PORT).")] = None,
) -> None:
    """Start the switchboard and, unless LOTSE_RASA_URL is set, a supervised Rasa server
    (training a model first if none matches the current data)."""
    import uvicorn

    from escalation.app import create_app
    from escalation.migrations import upgrade
    from escalation.rasa_client import RasaClient
    from escalation.supervisor import RasaSupervisor, rasa_command, rasa_environment
    from pii.nlp_engine import PretrainedModelMissing

    settings = _settings(host=host, port=port)
    upgrade(settings.effective_database_url)
    supervisor = None
    rasa = RasaClient(settings.effective_rasa_url, timeout_seconds=settings.rasa_timeout_seconds)
    if settings.supervises_rasa:
        model, _ = _current_model(settings)
        supervisor = RasaSupervisor(
            command=rasa_command(settings, model),
            environment=rasa_environment(settings),
            client=RasaClient(settings.effective_rasa_url, timeout_seconds=2.0),
            log_path=settings.var_dir / "log" / "rasa.log",
            startup_timeout_seconds=settings.rasa_startup_timeout_seconds,
        )
    try:
        application = create_app(settings, rasa=rasa, supervisor=supervisor)
    except (OSError, ValueError, PretrainedModelMissing) as error:
        # A bad configuration file, directory file, employee-id pattern, spaCy model or key:
        # say what, not where.
        typer.echo(f"Configuration error: {error}", err=True)
        raise typer.Exit(code=2) from error
    url = settings.effective_public_url
    typer.echo(f"Lotse switchboard on {url}/  (demo page with the chat widget)", err=True)
    if supervisor is not None:
        typer.echo("The bot answers once Rasa is ready (GET /readyz shows it).", err=True)
    config = uvicorn.Config(
        application,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        ws_max_size=64 * 1024,
        timeout_graceful_shutdown=10,
    )
    asyncio.run(uvicorn.Server(config).serve())


def main() -> None:
    app()
