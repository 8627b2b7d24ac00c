// A case history in the try-a-complaint form: events typed as a JSON list are scheduled by the
// draft, and the decision view shows where the case stands — deadlines met or missed, refusals,
// other means of resolution, joint working and the ombudsman's decision.
"use strict";

/// The events box as a list, or an error in words (the box may be empty).
function caseEvents() {
  const text = $("t-events").value.trim();
  if (!text) return {};
  try {
    const events = JSON.parse(text);
    if (!Array.isArray(events) || !events.every((e) => e && typeof e === "object" && !Array.isArray(e))) {
      return { error: "The events must be a list of objects, like [{\"on\": \"2025-01-10\", \"event\": \"responded\"}]" };
    }
    return { value: events };
  } catch {
    return { error: "The events are not valid JSON: check the brackets, quotes and commas" };
  }
}

function showEventsError(problem) {
  const message = $("t-events-error");
  message.hidden = !problem;
  message.textContent = problem ? `Error: ${problem.text}` : "";
  $("t-events").toggleAttribute("aria-invalid", Boolean(problem));
  if (problem) $("t-events").setAttribute("aria-invalid", "true");
}

/// Rows for the decision view's table from a schedule.
function scheduleFacts(schedule) {
  const stage = (s) => `${s.stage}${s.occurrence > 1 ? ` (run ${s.occurrence})` : ""}: respond by ${s.respond_by || "—"}, ${s.responded ? `answered ${s.responded}${s.met === false ? `, ${s.days_late} working days late` : ", on time"}` : "not answered"}`
    + (s.remedy_type ? `; remedy: ${s.remedy_type.replaceAll("-", " ")}${s.remedy_amount !== undefined ? ` £${Number(s.remedy_amount).toFixed(2)}` : ""}` : "");
  const facts = [["Status", schedule.status.replaceAll("-", " ")], ["Next due", schedule.next_due ? `${schedule.next_due.what} by ${schedule.next_due.due}` : "—"]];
  for (const s of schedule.stages) facts.push([`Stage ${s.stage}`, stage(s)]);
  if (schedule.refusal) {
    const what = schedule.refusal.refused === "out-of-time" ? "Refused as made after the time limit" : `Request for ${schedule.refusal.stage} refused`;
    facts.push(["Refused", `${what} on ${schedule.refusal.on}${schedule.refusal.reason ? `: ${schedule.refusal.reason}` : ""}`]);
  }
  if (schedule.time_limit_waived) facts.push(["Time limit", `Waived on ${schedule.time_limit_waived}`]);
  for (const a of schedule.alternative_resolution || []) facts.push(["Other means", `${a.means} on ${a.on}: ${a.resolved ? "resolved" : "not resolved"}`]);
  if (schedule.joint) facts.push(["Joint with", `${schedule.joint.partner_name}, led by ${schedule.joint.lead === "council" ? "the council" : "the partner"}; the partner responds by ${schedule.joint.partner_respond_by || "—"}`]);
  if (schedule.ombudsman_decision) {
    const o = schedule.ombudsman_decision;
    facts.push(["Ombudsman", `${o.finding.replaceAll("-", " ")} on ${o.on}${o.remedy_amount !== undefined ? `, £${Number(o.remedy_amount).toFixed(2)} recommended` : ""}${o.complied_on ? `, complied with on ${o.complied_on}` : ""}`]);
  }
  facts.push(["Closed", schedule.closed_on ? `${schedule.closed_on} at ${schedule.closed_at}` : "Not yet"]);
  facts.push(["Ombudsman from", schedule.ombudsman_from || "—"]);
  facts.push(["Case flags", (schedule.flags || []).join(", ") || "None"]);
  return facts;
}
