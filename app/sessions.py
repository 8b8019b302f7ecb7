"""The session cookie, left untouched by answers that must never change who is signed in."""

from flask import Flask, g
from flask.sessions import SecureCookieSessionInterface


def leave_session_alone() -> None:
    """Mark this response as not saving the session: background fetches (the service worker's
    offline page) race with sign-in, and an old cookie sent back would sign the person out."""
    g.leave_session_alone = True


class SessionInterface(SecureCookieSessionInterface):
    def save_session(self, app, session, response) -> None:
        if g.get("leave_session_alone"):
            return
        super().save_session(app, session, response)


def configure_sessions(app: Flask) -> None:
    app.session_interface = SessionInterface()
