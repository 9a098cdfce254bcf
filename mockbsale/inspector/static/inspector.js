// The mockbsale inspector's script: keeps the server-rendered panels live (it fetches HTML
// fragments and swaps them in) and sends the admin API's JSON requests. No dependencies.
"use strict";

const lang = document.documentElement.lang;
const labels = JSON.parse(document.body.dataset.labels);
const MAX_ROWS = 500;
const REQUESTS_EVERY = 1000;
const PANELS_EVERY = 1500;

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

function notice(text, failed = false) {
  const box = $("#notice");
  box.textContent = text;
  box.classList.toggle("failed", failed);
}

async function admin(method, path, body) {
  const answer = await fetch(path, {
    method,
    headers: {"Content-Type": "application/json", "Accept": "application/json"},
    body: JSON.stringify(body === undefined ? {} : body),
  });
  const text = await answer.text();
  let parsed = null;
  try { parsed = JSON.parse(text); } catch (_) { parsed = text; }
  if (!answer.ok) {
    const message = parsed && parsed.error ? parsed.error : text;
    notice(`${labels.failed_action}: ${answer.status} ${message}`, true);
    throw new Error(message);
  }
  return parsed;
}

async function fragment(path, params = {}) {
  const query = new URLSearchParams({...params, lang});
  return fetch(`${path}?${query}`, {headers: {"Accept": "text/html"}});
}

// -- requests ---------------------------------------------------------------------------------

const list = $("#requests");
const filters = $("#request-filters");

function matches(row) {
  const wanted = new FormData(filters);
  const path = (wanted.get("path") || "").trim().toLowerCase();
  return (!wanted.get("cpn") || row.dataset.cpn === wanted.get("cpn"))
    && (!wanted.get("method") || row.dataset.method === wanted.get("method"))
    && (!wanted.get("class") || row.dataset.class === wanted.get("class"))
    && (!path || row.dataset.path.toLowerCase().includes(path));
}

function applyFilters(rows = $$("li.req", list)) {
  for (const row of rows) row.hidden = !matches(row);
}

async function tailRequests() {
  const answer = await fragment("/_mock/inspector/requests", {since: list.dataset.lastId});
  if (!answer.ok) return;
  const html = await answer.text();
  list.dataset.lastId = answer.headers.get("X-Last-Id") || list.dataset.lastId;
  if (!html) return;
  const holder = document.createElement("template");
  holder.innerHTML = html;
  const rows = $$("li.req", holder.content);
  applyFilters(rows);
  list.prepend(holder.content);
  $$("li.req", list).slice(MAX_ROWS).forEach((row) => row.remove());
  $("#no-requests").hidden = true;
}

list.addEventListener("toggle", async (event) => {
  const details = event.target;
  const detail = $(".detail", details);
  if (!details.open || detail.dataset.loaded) return;
  const id = details.closest("li.req").dataset.id;
  const answer = await fragment(`/_mock/inspector/requests/${id}`);
  detail.innerHTML = answer.ok ? await answer.text() : `<p class="note">${answer.status}</p>`;
  detail.dataset.loaded = "1";
}, true);

filters.addEventListener("input", () => applyFilters());
filters.addEventListener("submit", (event) => event.preventDefault());

// -- panels that are re-rendered whole --------------------------------------------------------

const rendered = {};

async function refresh(id, path) {
  const answer = await fragment(path);
  if (!answer.ok) return;
  const html = await answer.text();
  if (rendered[id] === html) return;
  rendered[id] = html;
  const box = document.getElementById(id);
  const open = $$("details[open]", box).map((details) => details.closest("[id]").id);
  const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement : null;
  const focusKey = focused ? [focused.closest("[id]")?.id, focused.dataset.action] : null;
  box.innerHTML = html;
  for (const id of open) {
    const found = box.querySelector(`#${CSS.escape(id)}`);
    const details = found && (found.tagName === "DETAILS" ? found : $("details", found));
    if (details) details.open = true;
  }
  if (focusKey) $(`#${CSS.escape(focusKey[0] || "")} [data-action="${focusKey[1]}"]`, box)?.focus();
}

const refreshWebhooks = () => refresh("webhooks", "/_mock/inspector/webhooks");
const refreshState = () => refresh("state", "/_mock/inspector/state");

// -- actions ----------------------------------------------------------------------------------

function form(selector) {
  const values = {};
  for (const [name, value] of new FormData($(selector))) {
    if (String(value).trim() !== "") values[name] = String(value).trim();
  }
  return values;
}

function numbers(values, names) {
  // Numbers where they read as numbers; anything else goes as typed, for the mock to refuse by name.
  for (const name of names) {
    if (name in values && Number.isFinite(Number(values[name]))) values[name] = Number(values[name]);
  }
  return values;
}

const actions = {
  async redeliver(button) {
    const again = await admin("POST", `/_mock/webhooks/deliveries/${button.dataset.id}/redeliver`);
    notice(`#${button.dataset.id} → #${again.id}`);
    await refreshWebhooks();
  },
  async pause(button) {
    await admin("PUT", `/_mock/webhooks/subscriptions/${button.dataset.id}`, {paused: true});
    await refreshWebhooks();
  },
  async resume(button) {
    await admin("PUT", `/_mock/webhooks/subscriptions/${button.dataset.id}`, {paused: false});
    await refreshWebhooks();
  },
  async unsubscribe(button) {
    await admin("DELETE", `/_mock/webhooks/subscriptions/${button.dataset.id}`);
    await refreshWebhooks();
  },
  async trigger(button) {
    const body = numbers({...form("#trigger-form"), topic: button.dataset.topic, action: button.dataset.verb},
      ["cpnId", "resourceId"]);
    const raised = await admin("POST", "/_mock/webhooks/trigger", body);
    $("#trigger-result").textContent = JSON.stringify(raised.payloads, null, 2);
    await Promise.all([refreshWebhooks(), refreshState()]);
  },
  async reset() {
    await admin("POST", "/_mock/reset");
    $$("li.req", list).forEach((row) => row.remove());
    $("#no-requests").hidden = false;
    $("#trigger-result").textContent = "–";
    notice(labels.reset_done);
    await Promise.all([refreshWebhooks(), refreshState()]);
  },
  async "fault-off"(button) {
    const query = new URLSearchParams({cpnId: button.dataset.cpn, kind: button.dataset.kind});
    await admin("DELETE", `/_mock/faults?${query}`);
    await refreshState();
  },
  async "faults-off"() {
    await admin("DELETE", "/_mock/faults");
    await refreshState();
  },
  async copy(button) {
    await navigator.clipboard?.writeText(button.dataset.value);
    notice(labels.copied);
  },
};

const forms = {
  async "subscribe-form"(values) {
    const body = numbers(values, ["cpnId"]);
    if (body.topics) body.topics = body.topics.split(",").map((topic) => topic.trim()).filter(Boolean);
    await admin("POST", "/_mock/webhooks/subscriptions", body);
    await refreshWebhooks();
  },
  async "fault-form"(values) {
    await admin("POST", "/_mock/faults", numbers(values, ["cpnId", "rate", "after", "times"]));
    await refreshState();
  },
  async "rate-limit-form"(values) {
    await admin("PUT", "/_mock/rate-limit", numbers(values, ["limit", "window"]));
    await refreshState();
  },
};

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button || !(button.dataset.action in actions)) return;
  event.preventDefault();
  button.disabled = true;
  try { await actions[button.dataset.action](button); } catch (_) { /* shown by admin() */ }
  finally { button.disabled = false; }
});

document.addEventListener("submit", async (event) => {
  const handler = forms[event.target.id];
  if (!handler) return;
  event.preventDefault();
  try { await handler(form(`#${event.target.id}`)); } catch (_) { /* shown by admin() */ }
});

// -- live -------------------------------------------------------------------------------------

function every(ms, task) {
  const run = async () => {
    try { await task(); } catch (_) { /* the mock stopped: try again later */ }
    setTimeout(run, ms);
  };
  setTimeout(run, ms);
}

every(REQUESTS_EVERY, tailRequests);
every(PANELS_EVERY, () => Promise.all([refreshWebhooks(), refreshState()]));
