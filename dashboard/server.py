"""The app's web server: Streamlit plus the sign-in page and the session gate.

Run with `streamlit run dashboard/server.py` (Streamlit finds the `app` below and serves
dashboard/app.py through it).
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dashboard import web
from dashboard.web import gate, sign_in
from dashboard.web.cookies import SIGN_IN_PATH

HERE = Path(__file__).resolve().parent
web.SERVED = True

app = st.App(
    HERE / "app.py",
    routes=[
        Route(SIGN_IN_PATH, sign_in.show, methods=["GET"]),
        Route(SIGN_IN_PATH, sign_in.submit, methods=["POST"]),
        Mount("/app-assets", StaticFiles(directory=HERE / "web" / "assets"), name="app-assets"),
    ],
    middleware=[Middleware(gate.SessionGate)],
)
