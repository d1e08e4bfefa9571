"""Names and attributes of the cookies the app sets (shared by the routes and the pages)."""

from __future__ import annotations

from warehouse.access import sessions

SESSION_COOKIE = "cxrisk_session"
FORM_COOKIE = "cxrisk_form"  # the sign-in form's anti-forgery token (double submit)
SIGN_IN_PATH = "/sign-in"


def session_cookie_options(secure: bool) -> dict:
    """HttpOnly (no script reads it), Lax (not sent on other sites' posts), whole-app path."""
    return {"httponly": True, "samesite": "lax", "secure": secure, "path": "/",
            "max_age": sessions.MAX_AGE_SECONDS}


def safe_next(target: str | None) -> str:
    """A same-app path to go to after sign-in; anything else (another site, the sign-in page
    itself) becomes the app's root."""
    target = (target or "").strip()
    if (not target.startswith("/") or target.startswith(("//", "/\\", SIGN_IN_PATH)) or "\r" in target or "\n" in target):
        return "/"
    return target
