"""The inspector: a web page at `/_mock/` showing the requests the mock answered, the webhooks it
delivered, a trigger per topic and the state (plain server-rendered HTML and a small script,
shipped inside the package: no CDN, no build step, works offline)."""

from mockbsale.inspector.routes import inspector_routes

__all__ = ["inspector_routes"]
