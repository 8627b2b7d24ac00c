// Saved drafts: named drafts kept on the server with the council's decision records, shared by
// link with colleagues who have the draft role, commented on by line, and adopted by an admin as
// the next version in force.
"use strict";

async function saveDraft(event) {
  event.preventDefault();
  const name = $("draft-name").value.trim();
  if (!state.council) { $("drafts-status").textContent = "Open a council first."; return; }
  if (!name) { $("drafts-status").textContent = "Give the draft a name first."; $("draft-name").focus(); return; }
  const existing = state.savedDraft && state.savedDraft.name === name ? state.savedDraft : null;
  const { status, body } = existing
    ? await send("PUT", `/v1/drafts/${existing.id}`, { policy: draft.text })
    : await post("/v1/drafts", { council: state.council, name, policy: draft.text });
  if (status !== 200 && status !== 201) { $("drafts-status").textContent = plain(body.detail); return; }
  state.savedDraft = body;
  $("drafts-status").textContent = `Saved “${body.name}” on the server. Share this link with a colleague: ${location.origin}/#draft=${body.id}`;
  loadDrafts();
}

async function loadDrafts() {
  if (!state.council) return;
  const { status, body } = await api(`/v1/drafts?council=${encodeURIComponent(state.council)}`);
  if (status !== 200) return;
  const drafts = body.drafts || [];
  $("drafts").replaceChildren(...drafts.map((d) => element("li", {},
    element("button", { type: "button", class: "link", onclick: () => openDraft(d.id) }, d.name),
    ` by ${d.author}, saved ${new Date(d.updated).toLocaleString("en-GB")}`, d.adopted ? ` (adopted as version ${d.adopted.version})` : "")));
  $("diff-against").replaceChildren(element("option", { value: "" }, "the version in force"), ...drafts.map((d) => element("option", { value: d.id }, d.name)));
}

async function openDraft(id) {
  const { status, body } = await api(`/v1/drafts/${encodeURIComponent(id)}`);
  if (status !== 200) { $("drafts-status").textContent = plain(body.detail); return; }
  if (body.council !== state.council) {
    $("council").value = body.council;
    await loadCouncil(body.council);
  }
  if (dirty() && draft.text !== body.policy && !(await confirmAction(`Open the saved draft “${body.name}”? Your changes stay saved in this browser until you open the council again.`, "Open the draft"))) return;
  draft.text = body.policy;
  state.savedDraft = body;
  $("draft-name").value = body.name;
  $("file-name").textContent = `Saved draft “${body.name}” by ${body.author}`;
  history.replaceState(null, "", `#draft=${body.id}`);
  showDraft(body);
  scheduleCheck();
}

function showDraft(body) {
  const comments = (body.comments || []).map((c) => element("li", {},
    element("button", { type: "button", class: "link", onclick: () => draft.jumpTo(c.line, 1) }, `Line ${c.line}`), `: ${c.text} — ${c.author}, ${new Date(c.on).toLocaleString("en-GB")}`));
  const commentForm = element("form", { id: "comment-form", class: "grid", onsubmit: addComment },
    element("label", { for: "comment-line" }, "Line"), element("input", { id: "comment-line", inputmode: "numeric", size: "4", value: String(draft.caretLine()) }),
    element("label", { for: "comment-text" }, "Comment"), element("textarea", { id: "comment-text", rows: "2" }),
    element("span"), element("button", { type: "submit" }, "Add the comment"));
  const parts = [element("h4", {}, `“${body.name}”`), element("p", { class: "muted" }, `By ${body.author}. Link: ${location.origin}/#draft=${body.id}`),
    element("h4", {}, "Comments"), comments.length ? element("ul", { id: "comments" }, ...comments) : element("p", { id: "comments" }, "No comments yet."), commentForm];
  if (body.adopted) {
    parts.push(element("p", { class: "ok" }, `Adopted as version ${body.adopted.version} from ${body.adopted.effective_from} by ${body.adopted.by} on ${new Date(body.adopted.on).toLocaleString("en-GB")}.`));
  } else if ((state.roles || []).includes("admin")) {
    parts.push(adoptForm());
  }
  $("draft-detail").replaceChildren(...parts);
}

async function addComment(event) {
  event.preventDefault();
  const { status, body } = await post(`/v1/drafts/${state.savedDraft.id}/comments`, { line: Number($("comment-line").value), text: $("comment-text").value });
  if (status !== 201) { $("drafts-status").textContent = plain(body.detail); return; }
  showDraft(body);
}

function adoptForm() {
  const field = (id, label, hint) => [element("label", { for: id }, label), element("div", {}, hint ? element("p", { class: "muted", id: `${id}-hint` }, hint) : "", element("input", Object.assign({ id, type: "text" }, hint ? { "aria-describedby": `${id}-hint` } : {})))];
  return element("form", { id: "adopt-form", onsubmit: adopt },
    element("h4", {}, "Adopt as the version in force"),
    element("p", {}, "The draft must pass the checks and the council's tests. It is written to the library as a new version and served from its effective date."),
    element("div", { class: "grid" },
      ...field("adopt-version", "Version id", "For example, 2026-01"),
      ...field("adopt-from", "In force from", "A date, like 2026-04-01"),
      ...field("adopt-by", "Approved by", "For example, Cabinet"),
      ...field("adopt-on", "Approved on", "The date of the decision, like 2026-03-12"),
      ...field("adopt-minute", "Minute or decision reference", "")),
    element("button", { type: "submit", class: "warning-button" }, "Adopt this draft"),
    element("div", { id: "adopt-result", role: "status", "aria-live": "polite" }));
}

async function adopt(event) {
  event.preventDefault();
  const payload = { version: $("adopt-version").value.trim(), effective_from: $("adopt-from").value.trim(), approved_by: $("adopt-by").value.trim(), approved_on: $("adopt-on").value.trim(), minute: $("adopt-minute").value.trim() };
  const { status, body } = await post(`/v1/drafts/${state.savedDraft.id}/adopt`, payload);
  const target = $("adopt-result");
  if (status !== 201) {
    target.replaceChildren(element("p", { class: "error" }, `Not adopted: ${plain(body.detail)}`), ...(body.reasons || []).map((r) => element("p", { class: "error" }, plain(r))));
    return;
  }
  target.replaceChildren(element("p", { class: "ok" }, `Adopted: ${body.file} is version ${body.version}, in force from ${body.effective_from}.`));
  loadDrafts();
}
