"""The HTTP side of the app: the session cookie, the sign-in page and the gate before every page."""

# Set by dashboard/server.py: the pages know the gate and the sign-in page are in front of them.
SERVED = False
