"""Errors the API reports to clients, and their JSON shape.

    ApiError                      any refused request: {"error": {"code", "message"}}
    ├── InvalidMessage (422)      text that cannot be processed (escalation.text)
    ├── Unauthorized (401)        no credentials
    ├── Forbidden (403)           credentials that do not grant this resource
    ├── NotFound (404)            the resource does not exist
    ├── Conflict (409)            the resource is not in a state that allows this (claimed, …)
    ├── Gone (410)                the resource existed but was deleted (an expired original)
    └── RateLimited (429)         too many messages; `Retry-After` says when to try again

The message is for people; the code is for programs (the widget maps it to UI text).
Messages never quote the user's text.
"""

from __future__ import annotations

import logging
import math
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)


class ApiError(Exception):
    status_code: ClassVar[int] = 400

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


class Unauthorized(ApiError):
    status_code = 401


class Forbidden(ApiError):
    status_code = 403


class NotFound(ApiError):
    status_code = 404


class Conflict(ApiError):
    status_code = 409


class Gone(ApiError):
    status_code = 410


class RateLimited(ApiError):
    status_code = 429

    def __init__(self, retry_after_seconds: float) -> None:
        self.retry_after_seconds = max(1, math.ceil(retry_after_seconds))
        super().__init__(
            "rate_limited",
            f"Too many messages; please wait {self.retry_after_seconds} s and try again.",
        )


def error_response(status_code: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status_code)


def _describe_validation(error: RequestValidationError) -> tuple[int, str, str]:
    problems = error.errors()
    for problem in problems:
        if problem.get("type") == "json_invalid":
            return 400, "invalid_json", "The request body is not valid JSON."
        if problem.get("type") == "string_unicode":  # a lone surrogate such as "\ud800"
            return 422, "invalid_encoding", "The text contains invalid Unicode."
    locations = ", ".join(
        ".".join(str(part) for part in problem.get("loc", ()) if part != "body") or "body"
        for problem in problems
    )
    # Only the field names and the kind of problem: never the submitted values.
    kinds = ", ".join(sorted({str(problem.get("msg", "invalid")) for problem in problems}))
    return 422, "invalid_request", f"Invalid request ({locations}): {kinds}."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, error: ApiError) -> JSONResponse:
        headers = None
        if isinstance(error, RateLimited):
            headers = {"Retry-After": str(error.retry_after_seconds)}
        return JSONResponse(error.to_dict(), status_code=error.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(*_describe_validation(error))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, error: Exception) -> JSONResponse:
        # Logged by type and place only (escalation.logging): the message may quote data.
        logger.error("request.failed", exc_info=error)
        return error_response(
            500, "internal_error", "Something went wrong on our side; please try again."
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "missing_token"}
        code = codes.get(error.status_code, "http_error")
        message = str(error.detail)
        if isinstance(error.__cause__, UnicodeDecodeError):  # FastAPI's body parsing
            code, message = "invalid_encoding", "The request body is not valid UTF-8."
        return JSONResponse(
            {"error": {"code": code, "message": message}},
            status_code=error.status_code,
            headers=getattr(error, "headers", None),
        )
