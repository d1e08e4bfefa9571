"""Alert notifications: targets and routes as data, an outbox sent through Apprise, zh/en messages."""

from warehouse.alerting.notify.dispatcher import dispatch

__all__ = ["dispatch"]
