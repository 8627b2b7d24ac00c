// Redress workbench: plain modern JavaScript, no libraries, nothing from the network but this server.
"use strict";

const $ = (id) => document.getElementById(id);
const editor = $("editor");
const gutter = $("gutter");
const state = { council: "", file: "draft.yaml", valid: false, timer: 0, sequence: 0 };

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value; else if (key.startsWith("on")) node.addEventListener(key.slice(2), value); else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}

// The caller's credential (an API key or a token from the council's identity provider), kept for
// this tab only and sent with every request.
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

function post(path, payload) {
  return api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
}

// The editor: line numbers that follow the text and its scrolling.
function renderGutter(badLines = new Set()) {
  const count = editor.value.split("\n").length;
  const fragment = document.createDocumentFragment();
  for (let line = 1; line <= count; line += 1) {
    fragment.append(badLines.has(line) ? element("span", { class: "bad" }, String(line)) : String(line), "\n");
  }
  gutter.replaceChildren(fragment);
  gutter.scrollTop = editor.scrollTop;
}
editor.addEventListener("scroll", () => { gutter.scrollTop = editor.scrollTop; });

// Moves the caret to a line and column and brings it into view.
function jumpTo(line, column) {
  const lines = editor.value.split("\n");
  let offset = 0;
  for (let index = 0; index < line - 1 && index < lines.length; index += 1) offset += lines[index].length + 1;
  offset += Math.max(0, (column || 1) - 1);
  editor.focus();
  editor.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 19.5;
  editor.scrollTop = Math.max(0, (line - 5) * lineHeight);
}

// Diagnostics as the officer types: debounced, newest answer wins.
function scheduleCheck() {
  state.lastInput = performance.now();
  clearTimeout(state.timer);
  renderGutter();
  state.timer = setTimeout(check, 100);
}
editor.addEventListener("input", scheduleCheck);

async function check() {
  const sequence = ++state.sequence;
  const { body } = await api(`/v1/check?path=${encodeURIComponent(state.file)}`, { method: "POST", headers: { "Content-Type": "application/yaml" }, body: editor.value || " " });
  if (sequence !== state.sequence) return;
  const diagnostics = (body.diagnostics || []).filter((d) => d.severity !== "note");
  const list = $("diagnostics");
  list.replaceChildren(...diagnostics.map((d) => element("li", { class: d.severity },
    element("button", { type: "button", class: "link", onclick: () => jumpTo(d.line, d.column) },
      `Line ${d.line ?? "?"}, column ${d.column ?? "?"}: ${d.severity}: ${d.message}`),
    d.help ? element("span", { class: "help" }, `help: ${d.help}`) : "")));
  renderGutter(new Set(diagnostics.filter((d) => d.severity === "error").map((d) => d.line)));
  // How long after the last keystroke the problems were shown (read by the browser test).
  window.redressDiagnosticDelay = performance.now() - state.lastInput;
  state.valid = body.valid === true;
  $("check-status").textContent = state.valid
    ? (diagnostics.length ? `No errors; ${diagnostics.length} warning(s).` : "No problems found.")
    : `${body.errors} error(s). Select one to go to its line.`;
  if (state.valid) refreshDiagram();
}

async function refreshDiagram() {
  const { status, body } = await post("/v1/draft/diagram", { council: state.council, policy: editor.value });
  const target = $("diagram");
  if (status !== 200) { target.replaceChildren(element("p", { class: "muted" }, "Shown when the draft has no errors.")); return; }
  const parts = [element("p", {}, body.title)];
  if (body.svg) {
    const holder = element("div", { role: "img", "aria-label": `Process diagram: ${body.title}. The same process as numbered steps follows.` });
    holder.innerHTML = body.svg; // SVG drawn by Graphviz on this server from the draft
    parts.push(holder);
  } else {
    parts.push(element("p", { class: "muted" }, body.note || ""), element("pre", {}, body.mermaid));
  }
  parts.push(element("details", {}, element("summary", {}, "The process as numbered steps"), element("pre", {}, body.text)));
  target.replaceChildren(...parts);
}

async function runTests() {
  const target = $("tests");
  target.replaceChildren(element("p", {}, "Running…"));
  const { status, body } = await post("/v1/draft/test", { council: state.council, policy: editor.value });
  if (status !== 200) { target.replaceChildren(element("p", { class: "error" }, body.detail || "The draft has errors.")); return; }
  const file = (body.files || [])[0] || {};
  if (file.error) { target.replaceChildren(element("p", { class: "error" }, file.error)); return; }
  const cases = file.cases || [];
  const rows = cases.map((c) => element("tr", {},
    element("td", { class: c.passed ? "ok" : "error" }, c.passed ? "passed" : "failed"),
    element("td", {}, c.name),
    element("td", {}, (c.failures || []).map((f) => `${f.key}: expected ${f.expected}, actual ${f.actual}`).join("; "))));
  target.replaceChildren(
    element("p", {}, `${body.passed} passed, ${body.failed} failed.`),
    element("table", {}, element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Result"), element("th", { scope: "col" }, "Case"), element("th", { scope: "col" }, "Expected and actual"))), element("tbody", {}, ...rows)));
}

async function decide(event) {
  event.preventDefault();
  const complaint = { id: "TRY-1", received: $("t-received").value, type: $("t-type").value, made_by: $("t-made-by").value, channel: $("t-channel").value };
  if ($("t-service").value) complaint.service = $("t-service").value;
  const categories = $("t-categories").value.split(",").map((c) => c.trim()).filter(Boolean);
  if (categories.length) complaint.categories = categories;
  if ($("t-text").value) complaint.text = $("t-text").value;
  if ($("t-aware-on").value) complaint.aware_on = $("t-aware-on").value;
  const { status, body } = await post("/v1/draft/classify", { council: state.council, policy: editor.value, complaint });
  const target = $("decision");
  if (status !== 200 || body.error) { target.replaceChildren(element("p", { class: "error" }, body.error || body.detail || "The draft has errors.")); return; }
  const d = body.decision;
  const facts = [
    ["Route", d.excluded ? `excluded: ${d.exclusion_reason || ""}` : `${d.procedure}, ${d.stage}`],
    ["Go instead to", d.redirect || "—"],
    ["Deemed received", d.deemed_received],
    ["Acknowledge by", d.acknowledge_by || "—"],
    ["Respond by", d.respond_by ? `${d.respond_by} (${body.working_days_to_respond} working days)` : "—"],
    ["In time", d.in_time ? "yes" : "no"],
    ["Flags", (d.flags || []).join(", ") || "none"],
  ];
  const tried = (d.tried || []).map((t) => element("li", {}, `${t.rule}: ${t.reason}`));
  target.replaceChildren(
    element("table", {}, element("tbody", {}, ...facts.map(([k, v]) => element("tr", {}, element("th", { scope: "row" }, k), element("td", { "data-field": k }, v))))),
    element("p", {}, "Decided by rule ", element("button", { type: "button", class: "link", onclick: () => jumpTo(body.rule_line, body.rule_column) }, `${d.rule} (line ${body.rule_line})`)),
    tried.length ? element("div", {}, element("p", {}, "Rules tried before it, and why each did not match:"), element("ul", {}, ...tried)) : "");
}

async function compare() {
  const target = $("diff");
  const { status, body } = await post("/v1/draft/diff", { council: state.council, policy: editor.value });
  if (status !== 200 || body.error) { target.replaceChildren(element("p", { class: "error" }, body.error || body.detail || "The draft has errors.")); return; }
  const changes = body.changes.map((c) => element("li", {}, `${c.area}: ${c.description}`));
  const differences = body.classes.differences.map((d) => element("li", {}, `${d.complaints}: ${d.details.map((x) => x.text).join("; ")}`));
  const impact = body.impact
    ? element("p", {}, `Impact on the council's ${body.impact.complaints} example complaints: ${body.impact.unchanged} unchanged` +
        Object.entries(body.impact).filter(([k]) => !["complaints", "unchanged"].includes(k)).map(([k, v]) => `, ${v} ${k.replaceAll("_", " ")}`).join("") + ".")
    : "";
  target.replaceChildren(
    element("p", {}, `Compared with version ${body.old.version} (in force from ${body.old.effective_from}).`),
    changes.length ? element("ul", {}, ...changes) : element("p", {}, "No changes: the draft holds the same values."),
    element("p", {}, body.classes.verdict), differences.length ? element("ul", {}, ...differences) : "", impact);
}

function download() {
  const blob = new Blob([editor.value], { type: "text/yaml" });
  const link = element("a", { href: URL.createObjectURL(blob), download: state.file });
  document.body.append(link);
  link.click();
  link.remove();
}

async function loadCouncil(id) {
  state.council = id;
  if (!id) return;
  const { status, body } = await api(`/v1/councils/${encodeURIComponent(id)}/policy`);
  if (status !== 200) { $("check-status").textContent = body.detail; return; }
  editor.value = body.text;
  state.file = body.file;
  $("file-name").textContent = `${body.file}: version ${body.version}, the version in force`;
  $("t-service").replaceChildren(element("option", { value: "" }, "(none)"), ...body.services.map((s) => element("option", {}, s)));
  scheduleCheck();
}

async function signIn(event) {
  if (event) event.preventDefault();
  const value = $("credential").value.trim();
  if (value) sessionStorage.setItem("redress-credential", value);
  $("credential").value = "";
  const { status, body } = await api("/v1/whoami");
  if (status !== 200) return;
  $("sign-in-status").textContent = `Signed in as ${body.name} (${body.roles.join(", ")}).`;
  await loadCouncils();
}

async function loadCouncils() {
  const { body } = await api("/v1/councils");
  const councils = (body.councils || []).filter((c) => c.serving);
  const select = $("council");
  select.replaceChildren(element("option", { value: "" }, "Choose a council"), ...councils.map((c) => element("option", { value: c.id }, `${c.name} (${c.in_force || "no version in force"})`)));
}

async function start() {
  const select = $("council");
  $("sign-in").addEventListener("submit", signIn);
  select.addEventListener("change", () => loadCouncil(select.value));
  $("open-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    editor.value = await file.text();
    state.file = file.name;
    $("file-name").textContent = file.name;
    scheduleCheck();
  });
  $("download").addEventListener("click", download);
  $("run-tests").addEventListener("click", runTests);
  $("try-form").addEventListener("submit", decide);
  $("run-diff").addEventListener("click", compare);
  renderGutter();
  if (credential()) await signIn();
}
start();
