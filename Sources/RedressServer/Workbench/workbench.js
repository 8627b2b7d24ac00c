// Redress workbench: plain modern JavaScript; nothing from the network but this server.
"use strict";

const $ = (id) => document.getElementById(id);
const draft = window.RedressEditor;
const state = { council: "", file: "draft.yaml", valid: false, timer: 0, sequence: 0, inForce: "", inForceVersion: "", savedDraft: null, zoom: 1, lastGood: null };

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value; else if (key.startsWith("on")) node.addEventListener(key.slice(2), value); else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}

// Server messages quote names in backticks; on the page they are code, not punctuation.
function words(text) {
  const parts = String(text ?? "").split("`");
  return parts.map((part, index) => (index % 2 ? element("code", {}, part) : document.createTextNode(part)));
}
function plain(text) { return String(text ?? "").replaceAll("`", ""); }
function count(n, noun) { return `${n} ${noun}${n === 1 ? "" : "s"}`; }

function credential() { return sessionStorage.getItem("redress-credential") || ""; }

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (credential()) headers.Authorization = `Bearer ${credential()}`;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) $("sign-in-status").textContent = "Sign in first: the service did not accept your key or token.";
  const text = await response.text();
  let body;
  try { body = JSON.parse(text); } catch { body = { detail: text }; }
  return { status: response.status, body };
}
function send(method, path, payload) {
  return api(path, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
}
const post = (path, payload) => send("POST", path, payload);

// --- Nothing lost: every council's draft is kept in this browser as it is typed. -------------
const storageKey = (council) => `redress-draft:${council || "(file)"}`;
function dirty() { return state.council !== "" && draft.text !== state.inForce; }
function autosave() {
  if (!state.council) return;
  const kept = JSON.parse(localStorage.getItem(storageKey(state.council)) || "null");
  if (dirty() && kept && kept.text === draft.text) { $("revert").hidden = false; return; }
  if (dirty()) {
    localStorage.setItem(storageKey(state.council), JSON.stringify({ text: draft.text, saved: new Date().toISOString(), base: state.inForceVersion }));
    $("autosave-status").textContent = `Your changes are saved in this browser (${new Date().toLocaleTimeString("en-GB")}).`;
  } else {
    localStorage.removeItem(storageKey(state.council));
    $("autosave-status").textContent = "";
  }
  $("revert").hidden = !dirty();
}
window.addEventListener("beforeunload", (event) => {
  if (dirty() && !state.savedDraft) { event.preventDefault(); event.returnValue = ""; }
});

// The GOV.UK warning pattern, as a modal dialog: resolves true to go on, false to stay.
function confirmAction(message, go) {
  const dialog = $("confirm");
  $("confirm-message").textContent = message;
  $("confirm-go").textContent = go;
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "go"), { once: true }));
}

// --- Problems as the officer types. -----------------------------------------------------------
function scheduleCheck() {
  state.lastInput = performance.now();
  clearTimeout(state.timer);
  state.timer = setTimeout(check, 100);
  autosave();
}
draft.onChange(scheduleCheck);

async function check() {
  const sequence = ++state.sequence;
  const { body } = await api(`/v1/check?path=${encodeURIComponent(state.file)}`, { method: "POST", headers: { "Content-Type": "application/yaml" }, body: draft.text || " " });
  if (sequence !== state.sequence) return;
  const diagnostics = (body.diagnostics || []).filter((d) => d.severity !== "note");
  const errors = diagnostics.filter((d) => d.severity === "error");
  const where = (d) => (d.line ? `Line ${d.line}, column ${d.column ?? 1}` : "The draft");
  $("diagnostics").replaceChildren(...diagnostics.map((d) => element("li", { class: d.severity },
    element("button", { type: "button", class: "link", onclick: () => draft.jumpTo(d.line, d.column) }, `${where(d)}: ${d.severity === "error" ? "error" : "warning"}: ${plain(d.message)}`),
    d.help ? element("span", { class: "help" }, ...words(`Help: ${d.help}`)) : "",
    d.id ? element("span", { class: "help" }, "More about this: ",
      element("a", { href: `/explain/${encodeURIComponent(d.id)}`, target: "_blank", rel: "noopener" }, `${d.id} (opens in a new tab)`)) : "")));
  // The GOV.UK error summary: every error, linked to its line.
  const summary = $("error-summary");
  summary.hidden = errors.length === 0;
  $("error-summary-title").textContent = errors.length === 1 ? "There is a problem" : `There are ${errors.length} problems`;
  $("error-summary-list").replaceChildren(...errors.map((d) => element("li", {}, element("a", { href: "#editor-label", onclick: (event) => { event.preventDefault(); draft.jumpTo(d.line, d.column); } }, `${where(d)}: ${plain(d.message)}`))));
  draft.mark(diagnostics);
  // How long after the last keystroke the problems were shown, and how many checks have been
  // shown (read by the browser test).
  window.redressDiagnosticDelay = performance.now() - state.lastInput;
  window.redressChecks = (window.redressChecks || 0) + 1;
  state.valid = body.valid === true;
  const warnings = diagnostics.length - errors.length;
  $("check-status").textContent = state.valid
    ? (warnings ? `No errors; ${count(warnings, "warning")}.` : "No problems found.")
    : `${count(errors.length, "problem")} to fix. Select one to go to its line.`;
  if (state.valid) refreshDiagram(); else staleDiagram();
}

// --- The diagram: legible, zoomable, downloadable; greyed while the draft has errors. -----------
function staleDiagram() {
  const target = $("diagram");
  if (!target.querySelector("svg")) return;
  target.classList.add("stale");
  $("diagram-note").textContent = "The draft has errors: this shows the last draft without errors.";
}

async function refreshDiagram() {
  const { status, body } = await post("/v1/draft/diagram", { council: state.council, policy: draft.text });
  const target = $("diagram");
  if (status !== 200) { staleDiagram(); return; }
  target.classList.remove("stale");
  state.lastGood = body;
  $("diagram-note").textContent = body.title;
  if (body.svg) {
    const holder = element("div", { role: "img", "aria-label": `Process diagram: ${body.title}. The same process as numbered steps follows.` });
    holder.innerHTML = body.svg; // drawn by Graphviz on this server from the draft
    const svg = holder.querySelector("svg");
    // Natural size (points as CSS points), so node text is as large as Graphviz drew it.
    state.svgWidth = parseFloat(svg.getAttribute("width")) * 4 / 3;
    svg.removeAttribute("height");
    target.replaceChildren(holder, element("details", {}, element("summary", {}, "The process as numbered steps"), element("pre", {}, body.text)));
    applyZoom();
    $("diagram-tools").hidden = false;
  } else {
    target.replaceChildren(element("p", { class: "muted" }, body.note || ""), element("pre", {}, body.mermaid));
  }
}
function applyZoom() {
  const svg = $("diagram").querySelector("svg");
  if (svg && state.svgWidth) svg.style.width = `${Math.round(state.svgWidth * state.zoom)}px`;
}
function svgText() { return state.lastGood?.svg || ""; }
function downloadBlob(blob, name) {
  const link = element("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}
function downloadPNG() {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svgText()], { type: "image/svg+xml" }));
  image.onload = () => {
    const canvas = element("canvas");
    canvas.width = image.naturalWidth * 2;
    canvas.height = image.naturalHeight * 2;
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob((blob) => downloadBlob(blob, `${state.council || "policy"}-process.png`));
    URL.revokeObjectURL(url);
  };
  image.src = url;
}

// --- Tests, a complaint, a comparison. --------------------------------------------------------
async function runTests() {
  const target = $("tests");
  target.replaceChildren(element("p", {}, "Running the tests…"));
  const { status, body } = await post("/v1/draft/test", { council: state.council, policy: draft.text });
  if (status !== 200) { target.replaceChildren(element("p", { class: "error" }, "The draft has errors. Fix them first.")); return; }
  const file = (body.files || [])[0] || {};
  if (file.error) { target.replaceChildren(element("p", { class: "error" }, ...words(file.error))); return; }
  const rows = (file.cases || []).map((c) => element("tr", {},
    element("td", { class: c.passed ? "ok" : "error" }, c.passed ? "Passed" : "Failed"),
    element("td", {}, c.name),
    element("td", {}, (c.failures || []).map((f) => `${f.key.replaceAll("_", " ")}: expected ${f.expected}, got ${f.actual}`).join("; "))));
  target.replaceChildren(
    element("p", {}, `${count(body.passed, "test")} passed, ${body.failed} failed.`),
    element("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Test results" },
      element("table", {}, element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Result"), element("th", { scope: "col" }, "Test"), element("th", { scope: "col" }, "Expected and actual"))), element("tbody", {}, ...rows))));
}

// A date from day, month and year fields, or the problem with it in words.
function dateFrom(prefix, required) {
  const [day, month, year] = ["day", "month", "year"].map((part) => $(`${prefix}-${part}`).value.trim());
  if (!day && !month && !year) return required ? { error: "Enter the date the complaint was received" } : { value: null };
  if (!day || !month || !year) return { error: `The date must include a ${!day ? "day" : !month ? "month" : "year"}` };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!/^\d{4}$/.test(year) || !Number.isInteger(d) || !Number.isInteger(m) || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { error: "The date must be a real date, like 6 1 2025" };
  }
  return { value: `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}
function showFieldErrors(problems) {
  for (const prefix of ["t-received", "t-aware"]) {
    const problem = problems.find((p) => p.field === prefix);
    const message = $(`${prefix}-error`);
    message.hidden = !problem;
    message.textContent = problem ? `Error: ${problem.text}` : "";
    for (const part of ["day", "month", "year"]) $(`${prefix}-${part}`).toggleAttribute("aria-invalid", Boolean(problem));
    for (const part of ["day", "month", "year"]) if (problem) $(`${prefix}-${part}`).setAttribute("aria-invalid", "true");
    $(prefix).classList.toggle("has-error", Boolean(problem));
  }
  const summary = $("try-errors");
  summary.hidden = problems.length === 0;
  $("try-errors-list").replaceChildren(...problems.map((p) => element("li", {}, element("a", { href: `#${p.anchor || `${p.field}-day`}` }, p.text))));
  if (problems.length) summary.focus();
}

async function decide(event) {
  event.preventDefault();
  const received = dateFrom("t-received", true);
  const aware = dateFrom("t-aware", false);
  const problems = [];
  if (received.error) problems.push({ field: "t-received", text: received.error.replace("The date", "The date received") });
  if (aware.error) problems.push({ field: "t-aware", text: aware.error.replace("The date", "The date you became aware") });
  const events = caseEvents();
  if (events.error) problems.push({ field: "t-events", text: events.error, anchor: "t-events" });
  showFieldErrors(problems);
  showEventsError(problems.find((p) => p.field === "t-events"));
  if (problems.length) return;
  const complaint = { id: "TRY-1", received: received.value, type: $("t-type").value, made_by: $("t-made-by").value, channel: $("t-channel").value };
  if ($("t-service").value) complaint.service = $("t-service").value;
  const categories = $("t-categories").value.split(",").map((c) => c.trim()).filter(Boolean);
  if (categories.length) complaint.categories = categories;
  if ($("t-text").value) complaint.text = $("t-text").value;
  if (aware.value) complaint.aware_on = aware.value;
  if (events.value) complaint.events = events.value;
  const { status, body } = await post("/v1/draft/classify", { council: state.council, policy: draft.text, complaint });
  const target = $("decision");
  if (status !== 200 || body.error) { target.replaceChildren(element("p", { class: "error" }, ...words(body.error || "The draft has errors. Fix them first."))); return; }
  const decision = body.decision;
  const facts = [
    ["Route", decision.excluded ? `Excluded: ${decision.exclusion_reason || ""}` : `${decision.procedure}, ${decision.stage}`],
    ["Handled by", decision.handler || "—"],
    ["Go instead to", decision.redirect || "—"],
    ["Deemed received", decision.deemed_received],
    ["Acknowledge by", decision.acknowledge_by || "—"],
    ["Respond by", decision.respond_by ? `${decision.respond_by} (${body.working_days_to_respond} working days)` : "—"],
    ["In time", decision.in_time ? "Yes" : "No"],
    ["Flags", (decision.flags || []).join(", ") || "None"],
  ];
  if (body.schedule) facts.push(...scheduleFacts(body.schedule));
  if (body.schedule_error) facts.push(["Case history", plain(body.schedule_error)]);
  const tried = (decision.tried || []).map((t) => element("li", {}, `Rule “${t.rule.replaceAll("-", " ")}”: ${plain(t.reason)}`));
  target.replaceChildren(
    element("table", {}, element("tbody", {}, ...facts.map(([k, v]) => element("tr", {}, element("th", { scope: "row" }, k), element("td", { "data-field": k }, v))))),
    element("p", {}, "Decided by the rule ", element("button", { type: "button", class: "link", onclick: () => draft.jumpTo(body.rule_line, body.rule_column) }, `“${decision.rule.replaceAll("-", " ")}” on line ${body.rule_line}`)),
    tried.length ? element("div", {}, element("p", {}, "Rules tried before it, and why each did not match:"), element("ul", {}, ...tried)) : "");
}

async function compare() {
  const target = $("diff");
  const against = $("diff-against").value;
  let base = null;
  if (against) {
    const { status, body } = await api(`/v1/drafts/${encodeURIComponent(against)}`);
    if (status !== 200) { target.replaceChildren(element("p", { class: "error" }, plain(body.detail))); return; }
    base = body.policy;
  }
  const { status, body } = await post("/v1/draft/diff", Object.assign({ council: state.council, policy: draft.text }, base === null ? {} : { base }));
  if (status !== 200 || body.error) { target.replaceChildren(element("p", { class: "error" }, ...words(body.error || "The draft has errors. Fix them first."))); return; }
  const changes = body.changes.map((c) => element("li", {}, ...words(`${c.area}: ${c.description}`)));
  const differences = body.classes.differences.map((d) => element("li", {}, ...words(`${d.complaints}: ${d.details.map((x) => x.text).join("; ")}`)));
  const impact = body.impact
    ? element("p", {}, `Impact on the council's ${body.impact.complaints} example complaints: ${body.impact.unchanged} unchanged` +
        Object.entries(body.impact).filter(([k]) => !["complaints", "unchanged"].includes(k)).map(([k, v]) => `, ${v} ${k.replaceAll("_", " ")}`).join("") + ".")
    : "";
  target.replaceChildren(
    element("p", {}, base === null ? `Compared with version ${body.old.version} (in force from ${body.old.effective_from}).` : `Compared with the saved draft “${$("diff-against").selectedOptions[0].textContent}”.`),
    changes.length ? element("ul", {}, ...changes) : element("p", {}, "No changes: the draft holds the same values."),
    element("p", {}, ...words(body.classes.verdict)), differences.length ? element("ul", {}, ...differences) : "", impact);
}

// --- Councils and files. -----------------------------------------------------------------------
async function openCouncil() {
  const id = $("council").value;
  if (!id) return;
  if (id === state.council && dirty()) {
    if (await confirmAction("Your changes are kept in this browser. Revert to the version in force and lose them?", "Revert to the version in force")) revert();
    return;
  }
  if (id !== state.council && dirty() && !(await confirmAction(`Your changes to ${state.council} stay saved in this browser, and come back when you open it again. Open ${id}?`, `Open ${id}`))) {
    $("council").value = state.council;
    return;
  }
  await loadCouncil(id);
}

async function loadCouncil(id) {
  const { status, body } = await api(`/v1/councils/${encodeURIComponent(id)}/policy`);
  if (status !== 200) { $("check-status").textContent = plain(body.detail); return; }
  state.council = id;
  state.inForce = body.text;
  state.inForceVersion = body.version;
  state.file = body.file;
  state.savedDraft = null;
  window.RedressServices = body.services;
  const kept = JSON.parse(localStorage.getItem(storageKey(id)) || "null");
  draft.text = kept && kept.text !== body.text ? kept.text : body.text;
  $("file-name").textContent = `${body.file}: version ${body.version}, the version in force`;
  $("autosave-status").textContent = kept && kept.text !== body.text ? `Your unsaved draft from ${new Date(kept.saved).toLocaleString("en-GB")} is back.` : "";
  $("t-service").replaceChildren(element("option", { value: "" }, "(none)"), ...body.services.map((s) => element("option", {}, s)));
  $("revert").hidden = !dirty();
  scheduleCheck();
  loadDrafts();
}

async function revert() {
  draft.text = state.inForce;
  localStorage.removeItem(storageKey(state.council));
  $("autosave-status").textContent = "Reverted to the version in force.";
  scheduleCheck();
}

async function signIn(event) {
  if (event) event.preventDefault();
  const value = $("credential").value.trim();
  if (value) sessionStorage.setItem("redress-credential", value);
  $("credential").value = "";
  const { status, body } = await api("/v1/whoami");
  if (status !== 200) return;
  state.roles = body.roles;
  $("sign-in-status").textContent = `Signed in as ${body.name} (${body.roles.join(", ")}).`;
  await loadCouncils();
  const shared = /#draft=([A-Za-z0-9-]+)/.exec(location.hash);
  if (shared) await openDraft(shared[1]);
}

async function loadCouncils() {
  const { body } = await api("/v1/councils");
  const councils = (body.councils || []).filter((c) => c.serving);
  $("council").replaceChildren(element("option", { value: "" }, "Choose a council"), ...councils.map((c) => element("option", { value: c.id }, `${c.name} (${c.in_force || "no version in force"})`)));
}

function start() {
  $("sign-in").addEventListener("submit", signIn);
  $("open-council").addEventListener("click", openCouncil);
  $("revert").addEventListener("click", async () => { if (await confirmAction("Revert to the version in force? Your changes in this browser are lost.", "Revert")) revert(); });
  $("open-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    draft.text = await file.text();
    state.file = file.name;
    $("file-name").textContent = file.name;
    scheduleCheck();
  });
  $("download").addEventListener("click", () => downloadBlob(new Blob([draft.text], { type: "text/yaml" }), state.file));
  $("run-tests").addEventListener("click", runTests);
  $("try-form").addEventListener("submit", decide);
  $("run-diff").addEventListener("click", compare);
  $("zoom-in").addEventListener("click", () => { state.zoom = Math.min(4, state.zoom * 1.25); applyZoom(); });
  $("zoom-out").addEventListener("click", () => { state.zoom = Math.max(0.25, state.zoom / 1.25); applyZoom(); });
  $("zoom-reset").addEventListener("click", () => { state.zoom = 1; applyZoom(); });
  $("diagram-full").addEventListener("click", () => window.open(URL.createObjectURL(new Blob([svgText()], { type: "image/svg+xml" })), "_blank", "noopener"));
  $("diagram-svg").addEventListener("click", () => downloadBlob(new Blob([svgText()], { type: "image/svg+xml" }), `${state.council || "policy"}-process.svg`));
  $("diagram-png").addEventListener("click", downloadPNG);
  $("save-form").addEventListener("submit", saveDraft);
  if (credential()) signIn();
}
window.RedressWorkbench = { state, dirty };
// After every script (workbench-drafts.js adds the saved drafts) has run.
window.addEventListener("DOMContentLoaded", start);
