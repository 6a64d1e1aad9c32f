"""The demo page, the widget's and the agent console's static files (no build step)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
async def demo_page() -> FileResponse:
    return FileResponse(STATIC / "demo" / "index.html", media_type="text/html")


@router.get("/console")
@router.get("/console/")
async def console_page() -> FileResponse:
    return FileResponse(STATIC / "console" / "index.html", media_type="text/html")


def mount_static(app: FastAPI) -> None:
    # The widget path is versioned: embed snippets live in customers' pages for years.
    app.mount("/widget", StaticFiles(directory=STATIC / "widget"), name="widget")
    app.mount("/demo", StaticFiles(directory=STATIC / "demo"), name="demo")
    app.mount("/console", StaticFiles(directory=STATIC / "console"), name="console")
