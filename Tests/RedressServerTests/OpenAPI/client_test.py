#!/usr/bin/env python3
"""A client generated from openapi.yaml (openapi-python-client), used against the real server as a
council's CRM or an officer's script would: its functions are named by the document's operation
ids and grouped by its tags, its models parse every answer.

    client_test.py CLIENT_PACKAGE_DIR URL ADMIN_KEY
Exit 0 when every call answers as documented; 3 when the generator is missing.
"""
import datetime
import importlib
import sys

package_dir, url, key = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, package_dir)
client_module = importlib.import_module("client")
from client.api.councils import list_councils, whoami, policy_text  # noqa: E402
from client.api.decisions import classify, schedule  # noqa: E402
from client.api.drafts import save_draft, get_draft, list_drafts, comment_draft  # noqa: E402
from client.api.operations import health  # noqa: E402
from client.models import Complaint, Decision, NewDraft, NewComment  # noqa: E402

failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


signed = client_module.AuthenticatedClient(base_url=url, token=key, raise_on_unexpected_status=True)
anonymous = client_module.Client(base_url=url, raise_on_unexpected_status=True)

expect(health.sync_detailed(client=anonymous).status_code == 200, "health needs no credential")
expect(whoami.sync_detailed(client=anonymous).status_code == 401, "whoami needs one")
caller = whoami.sync(client=signed)
expect(caller is not None and caller.name == "admin", f"whoami: {caller}")
councils = list_councils.sync(client=signed)
ids = sorted(c.id for c in councils.councils)
expect("north-somerset" in ids and len(ids) >= 8, f"councils: {ids}")
text = policy_text.sync(council="north-somerset", client=signed)
expect("redress: 1" in text.text, "the policy in force")

complaint = Complaint.from_dict({"id": "GEN-1", "received": "2024-12-20", "service": "highways"})
decision = classify.sync(council="north-somerset", client=signed, body=complaint)
expect(isinstance(decision, Decision), f"a Decision model: {type(decision)}")
expect(str(decision.respond_by) == "2025-01-08" and decision.procedure == "corporate" and decision.rule == "everything-else",
       f"the decision: {decision.to_dict() if hasattr(decision, 'to_dict') else decision}")
answered = schedule.sync_detailed(council="north-somerset", client=signed, as_of=datetime.date(2025, 1, 31),
                                  body=[{"id": "GEN-2", "received": "2024-12-20", "service": "highways", "events": []}])
expect(answered.status_code == 200, f"schedule: {answered.status_code}")

draft = save_draft.sync(client=signed, body=NewDraft(council="north-somerset", name="From the client", policy=text.text))
expect(draft is not None and draft.name == "From the client", f"save_draft: {draft}")
comment_draft.sync(draft=draft.id, client=signed, body=NewComment(line=1, text="looks right"))
again = get_draft.sync(draft=draft.id, client=signed)
expect(again.policy == text.text and [c.text for c in again.comments] == ["looks right"], "get_draft with its comment")
listed = list_drafts.sync(client=signed, council="north-somerset")
expect([d.id for d in listed.drafts] == [draft.id], "list_drafts")
print("ok" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
