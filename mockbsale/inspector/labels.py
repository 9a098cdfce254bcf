"""The inspector's words in English and Spanish (Bsale's users read Spanish)."""

from __future__ import annotations

LANGUAGES = ("en", "es")

LABELS: dict[str, tuple[str, str]] = {
    "title": ("mockbsale inspector", "Inspector de mockbsale"),
    "subtitle": ("what your app sent and what the mock delivered", "lo que tu app envió y lo que el mock entregó"),
    "live": ("live", "en vivo"),
    "language": ("Language", "Idioma"),
    "requests": ("Requests", "Solicitudes"),
    "webhooks": ("Webhooks", "Webhooks"),
    "trigger": ("Trigger", "Disparar"),
    "state": ("State", "Estado"),
    "company": ("Company", "Empresa"),
    "all": ("all", "todas"),
    "method": ("Method", "Método"),
    "status": ("Status", "Estado HTTP"),
    "path": ("Path contains", "Ruta contiene"),
    "path_column": ("Path", "Ruta"),
    "time": ("Time", "Hora"),
    "duration": ("Duration", "Duración"),
    "no_requests": (
        "No requests yet: point your app at this mock.", "Aún no hay solicitudes: apunta tu app a este mock."
    ),
    "request_body": ("Request body", "Cuerpo de la solicitud"),
    "response_body": ("Response body", "Cuerpo de la respuesta"),
    "headers": ("Headers", "Encabezados"),
    "empty": ("(empty)", "(vacío)"),
    "truncated": ("truncated", "truncado"),
    "bsale_error": ("Bsale error", "Error de Bsale"),
    "mock_bug": ("500: a bug of the mock, please report it", "500: un error del mock, por favor repórtalo"),
    "fault": ("Injected fault", "Falla inyectada"),
    "events": ("Events raised", "Eventos generados"),
    "events_short": ("events", "eventos"),
    "deliveries": ("Deliveries", "Entregas"),
    "no_deliveries": ("No notifications sent yet.", "Aún no se han enviado notificaciones."),
    "attempts": ("attempts", "intentos"),
    "pending": ("pending", "pendiente"),
    "retrying": ("retrying", "reintentando"),
    "delivered": ("delivered", "entregada"),
    "failed": ("failed", "fallida"),
    "dropped": ("dropped", "descartada"),
    "undelivered": ("undelivered", "no entregada"),
    "attempt": ("Attempt", "Intento"),
    "latency": ("Latency", "Latencia"),
    "error": ("Error", "Error"),
    "payload": ("Payload", "Contenido"),
    "deliver_again": ("Deliver again", "Entregar de nuevo"),
    "subscriptions": ("Subscriptions", "Suscripciones"),
    "subscribe": ("Add a subscription", "Agregar una suscripción"),
    "no_subscriptions": ("No subscriptions.", "Sin suscripciones."),
    "topics": ("Topics", "Tópicos"),
    "actions": ("Actions", "Acciones"),
    "active": ("active", "activa"),
    "paused": ("paused", "pausada"),
    "pause": ("Pause", "Pausar"),
    "resume": ("Resume", "Reanudar"),
    "remove": ("Remove", "Eliminar"),
    "add": ("Add", "Agregar"),
    "url": ("URL", "URL"),
    "topics_hint": ("comma-separated; empty: all", "separados por coma; vacío: todos"),
    "trigger_help": (
        "Each button makes a real change through the API's own code and sends its notifications.",
        "Cada botón hace un cambio real con el código de la API y envía sus notificaciones.",
    ),
    "resource_id": ("Resource id (optional)", "Id del recurso (opcional)"),
    "payloads_raised": ("Payloads raised", "Contenidos generados"),
    "companies": ("Companies", "Empresas"),
    "name": ("Name", "Nombre"),
    "country": ("Country", "País"),
    "token": ("Access token", "Token de acceso"),
    "copy": ("Copy", "Copiar"),
    "copied": ("Copied", "Copiado"),
    "tables": ("Rows per table", "Filas por tabla"),
    "snapshot": ("Download the snapshot", "Descargar la instantánea"),
    "reset": ("Reset every company", "Reiniciar todas las empresas"),
    "reset_done": ("Every company is back to its seeded data.", "Todas las empresas volvieron a sus datos iniciales."),
    "faults": ("Faults", "Fallas"),
    "no_faults": ("No faults on.", "Ninguna falla activa."),
    "kind": ("Kind", "Tipo"),
    "rate": ("Rate (0..1)", "Tasa (0..1)"),
    "after": ("After N requests", "Después de N solicitudes"),
    "times": ("At most N times", "Como máximo N veces"),
    "every_company": ("every company", "todas las empresas"),
    "turn_on": ("Turn on", "Activar"),
    "fault_new": ("Turn a fault on", "Activar una falla"),
    "turn_off": ("Turn off", "Desactivar"),
    "all_off": ("Turn every fault off", "Desactivar todas las fallas"),
    "rate_limit": ("Rate limit", "Límite de solicitudes"),
    "off": ("off", "desactivado"),
    "per": ("requests per", "solicitudes cada"),
    "limit": ("Limit (0: off)", "Límite (0: desactivado)"),
    "window": ("Window (s)", "Ventana (s)"),
    "apply": ("Apply", "Aplicar"),
    "failed_action": ("The mock refused", "El mock rechazó"),
    "where": (
        "Admin API: /_mock/requests, /_mock/webhooks/deliveries, /openapi.json",
        "API de administración: /_mock/requests, /_mock/webhooks/deliveries, /openapi.json",
    ),
}


def choose(query_lang: str | None, accept_language: str) -> str:
    """`?lang=` when it names a language, else Spanish when the browser prefers it, else English."""
    if query_lang in LANGUAGES:
        return query_lang
    return "es" if accept_language.strip().lower().startswith("es") else "en"


def translator(lang: str) -> dict[str, str]:
    """The labels in one language."""
    index = LANGUAGES.index(lang)
    return {key: words[index] for key, words in LABELS.items()}
