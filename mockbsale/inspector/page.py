"""The inspector's HTML: the page, and the fragments its script fetches to stay live.

Everything is rendered here, on the server; `static/inspector.js` only fetches fragments, swaps
them in and sends the admin API's JSON requests. Every value shown is escaped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape
from typing import TYPE_CHECKING, Any

from mockbsale.http.faults import KINDS
from mockbsale.http.journal import Record
from mockbsale.inspector.labels import LANGUAGES, translator
from mockbsale.webhooks.log import Delivery
from mockbsale.webhooks.payloads import ACTIONS
from mockbsale.webhooks.subscriptions import Subscription

if TYPE_CHECKING:
    from mockbsale.engine import Engine

Labels = dict[str, str]
DASH = "\u2013"
"""Shown where there is no value."""


def e(value: Any) -> str:
    return escape(str(value), quote=True)


def clock(unix: float) -> str:
    """`18:21:10.123` (UTC)."""
    return datetime.fromtimestamp(unix, UTC).strftime("%H:%M:%S.%f")[:-3]


def pretty(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)


def status_class(status: int) -> str:
    return f"{str(status)[0]}xx"


# -- requests -------------------------------------------------------------------------------------

def events_tag(count: int, t: Labels) -> str | None:
    return f"{t['events_short']}: {count}" if count else None


def request_rows(records: Iterable[Record], t: Labels) -> str:
    """One collapsed row per request, newest first; the bodies load when a row opens."""
    rows = []
    for record in sorted(records, key=lambda record: record.id, reverse=True):
        target = record.path + (f"?{record.query}" if record.query else "")
        cpn = "" if record.cpn_id is None else record.cpn_id
        marks = "".join(
            f' <span class="tag {kind}">{e(text)}</span>'
            for kind, text in (("fault", record.fault), ("events", events_tag(len(record.events), t)))
            if text
        )
        bug = " bug" if record.status >= 500 and not record.fault else ""
        rows.append(
            f'<li class="req c{status_class(record.status)}{bug}"'
            f' id="req-{record.id}" data-id="{record.id}" data-cpn="{e(cpn)}" data-method="{e(record.method)}"'
            f' data-class="{status_class(record.status)}" data-path="{e(target)}">'
            f'<details><summary>'
            f'<time datetime="{e(datetime.fromtimestamp(record.unix, UTC).isoformat())}">{clock(record.unix)}</time>'
            f'<span class="cpn" title="{e(t["company"])}">{e(cpn) or DASH}</span>'
            f'<span class="method">{e(record.method)}</span>'
            f'<span class="target"><span class="url">{e(target)}</span>{marks}</span>'
            f'<span class="status">{record.status}</span>'
            f'<span class="duration">{record.duration_ms:.1f} ms</span>'
            f'</summary><div class="detail"></div></details></li>'
        )
    return "".join(rows)


def body_block(title: str, value: Any, truncated: bool, t: Labels) -> str:
    mark = f' <span class="tag truncated">{e(t["truncated"])}</span>' if truncated else ""
    text = t["empty"] if value is None else pretty(value)
    return f'<section class="body"><h4>{e(title)}{mark}</h4><pre tabindex="0">{e(text)}</pre></section>'


def request_detail(record: Record, t: Labels) -> str:
    """What an opened row shows: the Bsale error, the fault, the events, headers and both bodies."""
    entry = record.entry()
    notes = []
    if entry.status >= 500 and not entry.fault:
        notes.append(f'<p class="note bug">{e(t["mock_bug"])}</p>')
    if entry.error:
        notes.append(f'<p class="note error"><strong>{e(t["bsale_error"])}:</strong> {e(entry.error)}</p>')
    if entry.fault:
        notes.append(f'<p class="note"><strong>{e(t["fault"])}:</strong> {e(entry.fault)}</p>')
    if entry.events:
        raised = ", ".join(f'{ev["topic"]}/{ev["action"]} {ev["resourceId"]}' for ev in entry.events)
        notes.append(f'<p class="note"><strong>{e(t["events"])}:</strong> {e(raised)}</p>')
    headers = "".join(f"<dt>{e(name)}</dt><dd>{e(value)}</dd>" for name, value in entry.headers.items())
    return (
        "".join(notes)
        + f'<p class="when">{e(entry.time)} · {entry.duration_ms:.3f} ms</p>'
        + (f'<dl class="headers" aria-label="{e(t["headers"])}">{headers}</dl>' if headers else "")
        + '<div class="bodies">'
        + body_block(t["request_body"], entry.body, entry.body_truncated, t)
        + body_block(t["response_body"], entry.response, entry.response_truncated, t)
        + "</div>"
    )


# -- webhooks -------------------------------------------------------------------------------------

def delivery_row(delivery: Delivery, t: Labels) -> str:
    payload = delivery.payload
    attempts = "".join(
        f"<tr><td>{n}</td><td>{clock(a.time)}</td><td>{e(DASH if a.status is None else a.status)}</td>"
        f"<td>{a.latency_ms:.1f} ms</td><td>{e(a.error or '')}</td></tr>"
        for n, a in enumerate(delivery.attempts, 1)
    )
    table = (
        f'<table class="attempts"><thead><tr><th>{e(t["attempt"])}</th><th>{e(t["time"])}</th>'
        f'<th>{e(t["status"])}</th><th>{e(t["latency"])}</th><th>{e(t["error"])}</th></tr></thead>'
        f"<tbody>{attempts}</tbody></table>"
        if attempts else ""
    )
    faults = "".join(f' <span class="tag fault">{e(fault)}</span>' for fault in delivery.faults)
    return (
        f'<li class="delivery st-{e(delivery.state)}" id="dlv-{delivery.id}"><details><summary>'
        f'<span class="state">{e(t.get(delivery.state, delivery.state))}</span>'
        f'<span class="topic">{e(payload.get("topic"))}/{e(payload.get("action"))} '
        f'{e(payload.get("resourceId"))}</span>'
        f'<span class="cpn" title="{e(t["company"])}">{delivery.cpn_id}</span>'
        f'<span class="count">{e(t["attempts"])}: {len(delivery.attempts)}{faults}</span>'
        f'</summary><div class="detail">'
        f'<p class="url"><strong>{e(t["url"])}:</strong> <code>{e(delivery.url)}</code></p>{table}'
        f'<section class="body"><h4>{e(t["payload"])}</h4><pre tabindex="0">{e(pretty(payload))}</pre></section>'
        f'<button type="button" data-action="redeliver" data-id="{delivery.id}">{e(t["deliver_again"])}</button>'
        f"</div></details></li>"
    )


def subscription_row(subscription: Subscription, t: Labels) -> str:
    described = subscription.to_dict()
    toggle = "resume" if subscription.paused else "pause"
    state = t["paused"] if subscription.paused else t["active"]
    return (
        f'<li id="sub-{subscription.id}" class="subscription{" paused" if subscription.paused else ""}">'
        f'<code>{e(subscription.url)}</code><span class="what">{e(t["company"])} {subscription.cpn_id} · '
        f'{e(", ".join(described["topics"]))} · {e(", ".join(described["actions"]))} · <strong>{e(state)}</strong>'
        f'</span><span class="buttons">'
        f'<button type="button" data-action="{toggle}" data-id="{subscription.id}">{e(t[toggle])}</button> '
        f'<button type="button" data-action="unsubscribe" data-id="{subscription.id}">{e(t["remove"])}</button>'
        f"</span></li>"
    )


def webhooks_view(engine: Engine, t: Labels, limit: int = 50) -> str:
    """The deliveries (newest first) and every company's subscriptions."""
    hub = engine.webhooks
    deliveries = hub.deliveries()[:limit]
    subscriptions = [sub for cpn_id in hub.companies for sub in hub.subscriptions(cpn_id)]
    listed = "".join(delivery_row(delivery, t) for delivery in deliveries)
    rows = "".join(subscription_row(subscription, t) for subscription in subscriptions)
    return (
        f'<h3>{e(t["deliveries"])}</h3>'
        + (f'<ol class="deliveries">{listed}</ol>' if listed else f'<p class="none">{e(t["no_deliveries"])}</p>')
        + f'<h3>{e(t["subscriptions"])}</h3>'
        + (f'<ul class="subscriptions">{rows}</ul>' if rows else f'<p class="none">{e(t["no_subscriptions"])}</p>')
    )


# -- state ----------------------------------------------------------------------------------------

def fault_options(fault: dict[str, Any]) -> str:
    """`rate 0.5 · after 3 · times 1 · path /v1`: the options that differ from the defaults."""
    shown = [f"rate {fault['rate']:g}"]
    shown += [f"{name} {fault[name]}" for name in ("after", "times", "path") if fault.get(name)]
    own = {"latency": "ms", "429": "retry_after"}.get(fault["kind"])
    shown += [f"{own} {fault[own]}"] if own else []
    return " · ".join(shown)


def state_view(engine: Engine, t: Labels) -> str:
    """Companies with their tokens, rows per table, the faults on and the rate limit."""
    companies = list(engine.store.companies.values())
    company_rows = "".join(
        f'<tr><td>{c.cpn_id}</td><td>{e(c.instance.get("name", ""))}</td><td>{e(c.country)}</td>'
        f'<td><code class="token">{e(c.token)}</code> <button type="button" data-action="copy" '
        f'data-value="{e(c.token)}" aria-label="{e(t["copy"])} {e(t["token"])} {c.cpn_id}">{e(t["copy"])}</button>'
        "</td></tr>"
        for c in companies
    )
    names = sorted({name for c in companies for name, table in c.tables.items() if len(table)})
    heads = "".join(f"<th>{c.cpn_id}</th>" for c in companies)
    counts = "".join(
        f"<tr><th scope=\"row\">{e(name)}</th>"
        + "".join(f"<td>{len(c.tables[name]) if name in c.tables else 0}</td>" for c in companies)
        + "</tr>"
        for name in names
    )
    faults = [
        (int(cpn), fault) for cpn, listed in engine.faults.describe()["companies"].items() for fault in listed
    ]
    fault_items = "".join(
        f'<li><code>{e(fault["kind"])}</code> · {e(t["company"])} {cpn} · {e(fault_options(fault))} '
        f'<button type="button" data-action="fault-off" data-cpn="{cpn}" data-kind="{e(fault["kind"])}">'
        f'{e(t["turn_off"])}</button></li>'
        for cpn, fault in faults
    )
    limiter = engine.rate_limiter.describe()
    limit = (
        f'{limiter["limit"]} {e(t["per"])} {limiter["window"]:g} s' if limiter["limit"] else e(t["off"])
    )
    return (
        f'<h3>{e(t["companies"])}</h3><table class="companies"><thead><tr><th>cpnId</th><th>{e(t["name"])}</th>'
        f'<th>{e(t["country"])}</th><th>{e(t["token"])}</th></tr></thead><tbody>{company_rows}</tbody></table>'
        f'<h3>{e(t["faults"])}</h3>'
        + (f'<ul class="faults">{fault_items}</ul>' if fault_items else f'<p class="none">{e(t["no_faults"])}</p>')
        + f'<p class="rate-limit"><strong>{e(t["rate_limit"])}:</strong> <span id="rate-limit-now">{limit}</span></p>'
        f'<details class="counts" id="table-counts"><summary>{e(t["tables"])}</summary>'
        f'<table><thead><tr><th></th>{heads}</tr></thead><tbody>{counts}</tbody></table></details>'
    )


# -- the page -------------------------------------------------------------------------------------

def options(values: Iterable[tuple[str, str]], selected: str = "") -> str:
    return "".join(
        f'<option value="{e(value)}"{" selected" if value == selected else ""}>{e(text)}</option>'
        for value, text in values
    )


def company_options(engine: Engine, t: Labels, every: str | None = None) -> str:
    first = [("", every)] if every else []
    return options([*first, *((str(c.cpn_id), f"{c.cpn_id} · {c.instance.get('name', '')}")
                               for c in engine.store.companies.values())])


def requests_panel(engine: Engine, t: Labels, records: list[Record]) -> str:
    methods = options([("", t["all"]), *((m, m) for m in ("GET", "POST", "PUT", "DELETE"))])
    classes = options([("", t["all"]), ("2xx", "2xx"), ("3xx", "3xx"), ("4xx", "4xx"), ("5xx", "5xx")])
    last = max((record.id for record in records), default=0)
    return f"""
<section id="requests-panel" aria-labelledby="requests-title">
  <h2 id="requests-title">{e(t["requests"])} <span class="live" title="{e(t["live"])}">● {e(t["live"])}</span></h2>
  <form class="filters" role="search" id="request-filters">
    <label>{e(t["company"])} <select name="cpn">{company_options(engine, t, t["all"])}</select></label>
    <label>{e(t["method"])} <select name="method">{methods}</select></label>
    <label>{e(t["status"])} <select name="class">{classes}</select></label>
    <label>{e(t["path"])} <input name="path" type="search" placeholder="/v1/documents"></label>
  </form>
  <div class="req-head" aria-hidden="true"><span>{e(t["time"])}</span><span>cpnId</span><span>{e(t["method"])}</span>
    <span>{e(t["path_column"])}</span><span>{e(t["status"])}</span><span>{e(t["duration"])}</span></div>
  <ol id="requests" class="requests" data-last-id="{last}">{request_rows(records, t)}</ol>
  <p class="none" id="no-requests"{" hidden" if records else ""}>{e(t["no_requests"])}</p>
</section>"""


def trigger_panel(engine: Engine, t: Labels) -> str:
    buttons = "".join(
        f'<button type="button" data-action="trigger" data-topic="{topic}" data-verb="{action}">'
        f"{topic} <small>{action}</small></button>"
        for topic, actions in ACTIONS.items()
        for action in actions
    )
    return f"""
<section id="trigger-panel" aria-labelledby="trigger-title">
  <h2 id="trigger-title">{e(t["trigger"])}</h2>
  <p class="help">{e(t["trigger_help"])}</p>
  <form id="trigger-form" class="row">
    <label>{e(t["company"])} <select name="cpnId">{company_options(engine, t)}</select></label>
    <label>{e(t["resource_id"])} <input name="resourceId" inputmode="numeric" size="8"></label>
  </form>
  <div class="topics">{buttons}</div>
  <h3>{e(t["payloads_raised"])}</h3>
  <pre id="trigger-result" tabindex="0" aria-live="polite">{DASH}</pre>
</section>"""


def state_panel(engine: Engine, t: Labels) -> str:
    kinds = options((kind, kind) for kind in KINDS)
    return f"""
<section id="state-panel" aria-labelledby="state-title">
  <h2 id="state-title">{e(t["state"])}</h2>
  <p class="row">
    <a class="button" href="/_mock/snapshot" download="mockbsale-snapshot.json">{e(t["snapshot"])}</a>
    <button type="button" data-action="reset" class="danger">{e(t["reset"])}</button>
  </p>
  <div id="state">{state_view(engine, t)}</div>
  <form id="fault-form"><fieldset><legend>{e(t["fault_new"])}</legend>
    <label>{e(t["kind"])} <select name="kind">{kinds}</select></label>
    <label>{e(t["company"])} <select name="cpnId">{company_options(engine, t, t["every_company"])}</select></label>
    <label>{e(t["rate"])} <input name="rate" inputmode="decimal" size="4" placeholder="1"></label>
    <label>{e(t["after"])} <input name="after" inputmode="numeric" size="4" placeholder="0"></label>
    <label>{e(t["times"])} <input name="times" inputmode="numeric" size="4"></label>
    <button type="submit">{e(t["turn_on"])}</button>
    <button type="button" data-action="faults-off">{e(t["all_off"])}</button>
  </fieldset></form>
  <form id="rate-limit-form"><fieldset><legend>{e(t["rate_limit"])}</legend>
    <label>{e(t["limit"])} <input name="limit" inputmode="numeric" size="6" placeholder="3000"></label>
    <label>{e(t["window"])} <input name="window" inputmode="decimal" size="5" placeholder="300"></label>
    <button type="submit">{e(t["apply"])}</button>
  </fieldset></form>
</section>"""


def webhooks_panel(engine: Engine, t: Labels) -> str:
    return f"""
<section id="webhooks-panel" aria-labelledby="webhooks-title">
  <h2 id="webhooks-title">{e(t["webhooks"])}</h2>
  <div id="webhooks">{webhooks_view(engine, t)}</div>
  <form id="subscribe-form"><fieldset><legend>{e(t["subscribe"])}</legend>
    <label>{e(t["company"])} <select name="cpnId">{company_options(engine, t)}</select></label>
    <label class="grow">{e(t["url"])} <input name="url" type="url" required
      placeholder="http://127.0.0.1:9000/hook"></label>
    <label>{e(t["topics"])} <input name="topics" size="12" title="{e(t["topics_hint"])}"
      placeholder="stock,price"></label>
    <button type="submit">{e(t["add"])}</button>
  </fieldset></form>
</section>"""


def page(engine: Engine, lang: str, records: list[Record]) -> str:
    """The whole inspector at `/_mock/`."""
    t = translator(lang)
    current = ' aria-current="true"'
    switch = " ".join(
        f'<a href="?lang={code}" lang="{code}"{current if code == lang else ""}>{code.upper()}</a>'
        for code in LANGUAGES
    )
    labels = e(json.dumps({key: t[key] for key in ("copied", "failed_action", "reset_done", "empty")}))
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(t["title"])}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/_mock/static/inspector.css">
<script src="/_mock/static/inspector.js" defer></script>
</head>
<body data-labels="{labels}">
<header>
  <h1>{e(t["title"])} <small>{e(t["subtitle"])}</small></h1>
  <nav aria-label="{e(t["title"])}"><a href="#requests-panel">{e(t["requests"])}</a>
    <a href="#webhooks-panel">{e(t["webhooks"])}</a> <a href="#trigger-panel">{e(t["trigger"])}</a>
    <a href="#state-panel">{e(t["state"])}</a></nav>
  <p class="lang" aria-label="{e(t["language"])}">{switch}</p>
</header>
<p id="notice" role="status" aria-live="polite"></p>
<main>
{requests_panel(engine, t, records)}
{webhooks_panel(engine, t)}
{trigger_panel(engine, t)}
{state_panel(engine, t)}
</main>
<footer>{e(t["where"])}</footer>
</body>
</html>"""
