#!/usr/bin/env python3
"""Writes schemas/policy.schema.json, fragment, policy-tests and field-map schemas (JSON Schema 2020-12).

The schemas describe the same format as the Swift decoder (RedressPolicy); a Swift test checks
that every object's property names match the decoder's keys, so the two cannot drift apart.
Run: python3 scripts/make_schemas.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
DURATION = r"^[0-9]+ (working days?|calendar days?|weeks?|months?|years?)$"
ID = r"^[a-z0-9][a-z0-9-]*$"
FEEDBACK_TYPES = ["complaint", "compliment", "comment", "suggestion"]
CHANNELS = ["web", "email", "phone", "letter", "in-person", "social-media"]
MAKERS = ["customer", "representative", "mp", "councillor"]
SERVICES = ["adult-social-care", "childrens-social-care", "send", "schools", "planning", "parking", "council-tax",
            "benefits", "housing", "waste", "highways", "libraries", "councillor-conduct", "other"]


def ref(name):
    return {"$ref": f"#/$defs/{name}"}


def obj(description, properties, required=()):
    return {"type": "object", "description": description, "properties": properties,
            "required": list(required), "additionalProperties": False}


def vocabulary_object(description, required):
    ids = {"type": "array", "items": {"type": "string", "pattern": ID}, "uniqueItems": True}
    ombudsman = {"type": "object", "additionalProperties": False, "required": ["id", "name"], "properties": {
        "id": {"type": "string", "pattern": ID}, "name": {"type": "string"},
        "next": {"type": "string", "description": "Where the complainant goes next, in words."},
        "time_limit": {"type": "object", "additionalProperties": False, "required": ["within"], "properties": {
            "within": {"type": "string", "pattern": DURATION}, "from": {"type": "string"},
            "source": {"type": "string"}, "assumed": {"type": "string"}}},
        "source": {"type": "string"}, "assumed": {"type": "string"}}}
    return {"type": "object", "description": description, "additionalProperties": False, "required": list(required),
            "properties": {"feedback_types": ids, "channels": ids, "made_by": ids, "services": ids,
                           "ombudsmen": {"type": "array", "items": ombudsman}}}


def one_or_many(item, description):
    return {"description": description, "anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}


CITATION = {
    "source": {"type": "string", "minLength": 1,
               "description": "Where the numbers in this mapping come from: `<source id>: section`, a statute, or a published page."},
    "assumed": {"type": "string", "minLength": 1,
                "description": "The reason for a number no source gives. `redress check --assumptions` lists these."},
}

DEFS = {
    "id": {"type": "string", "pattern": ID, "maxLength": 64, "description": "Lowercase letters, digits and hyphens."},
    "duration": {"type": "string", "pattern": DURATION,
                 "description": "A length of time: `10 working days`, `90 calendar days`, `6 weeks`, `12 months`, `2 years`."},
    "date": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "An ISO 8601 date, YYYY-MM-DD."},
    "anchor": {"type": "string", "pattern": ID,
               "description": "What the clock runs from: receipt, acknowledgement, escalation, agreed-record, response, or a milestone id of the same stage."},
    "council": obj("The council this policy belongs to.", {
        "id": {**ref("id"), "description": "The council's id, e.g. `north-somerset`."},
        "name": {"type": "string", "description": "The council's name."},
        "nation": {"enum": ["england", "wales", "scotland", "northern-ireland"]},
    }, ["id", "name", "nation"]),
    "version": obj("Which version of the policy this is and when it is in force.", {
        "id": {"type": "string", "description": "The version's name, e.g. `2021-01`. Quote it."},
        "effective_from": {**ref("date"), "description": "First day the version applies to complaints received."},
        "effective_to": {**ref("date"), "description": "Last day it applies (optional)."},
        "approved": {"description": "Who approved it, when, and the decision's reference.", "anyOf": [
            {"type": "string", "description": "Free text (older policies)."},
            obj("The approval: who, on which day, the minute or decision reference, cited.", {
                "by": {"type": "string", "minLength": 1}, "on": ref("date"), "minute": {"type": "string"}, **CITATION}, ["by", "on"])]},
        **CITATION,
    }, ["id", "effective_from"]),
    "source-document": {"description": "A source: its title, or a mapping with title, url and file.", "anyOf": [
        {"type": "string", "minLength": 1},
        obj("A source document.", {"title": {"type": "string"}, "url": {"type": "string"}, "file": {"type": "string"}}, ["title"]),
    ]},
    "day-off": obj("A named day off.", {"date": ref("date"), "name": {"type": "string"}, "source": {"type": "string"}}, ["date", "name"]),
    "calendar": obj("The working-day calendar deadlines are counted in.", {
        "region": {**ref("id"), "description": "A file in policies/calendars: england-and-wales, scotland, northern-ireland."},
        "closures": {"type": "array", "items": ref("day-off"), "description": "Council closure days, which are not working days."},
        "local_holidays": {"type": "array", "description": "The council's days off that recur every year.", "items": obj(
            "A recurring day off: a date (12-24), a day from Easter (easter + 1), or a weekday of a month (first monday of april).", {
                "name": {"type": "string", "minLength": 1},
                "rule": {"type": "string", "pattern": r"^(\d{2}-\d{2}|easter( [+-] \d{1,2})?|(first|second|third|fourth|last) (monday|tuesday|wednesday|thursday|friday|saturday|sunday) of (january|february|march|april|may|june|july|august|september|october|november|december))$"},
                "substitute": {"type": "boolean", "description": "Move the day to the next working day when it falls on a weekend or another day off."},
                **CITATION}, ["name", "rule"])},
        "cutoff": obj("Complaints received after this time count as received the next working day.", {
            "at": {"type": "string", "pattern": r"^[0-2][0-9]:[0-5][0-9]$", "description": "HH:MM, 24-hour, UK local time."},
            **CITATION}, ["at"]),
    }, ["region"]),
    "timescale": {"description": "A deadline: a duration (counted from the default anchor), or a mapping.", "anyOf": [
        ref("duration"),
        obj("A deadline rule.", {
            "within": ref("duration"),
            "from": ref("anchor"),
            "extendable_to": {"description": "The most the deadline may be extended to, in total; or `by agreement` (longer only as agreed with the complainant, no fixed maximum).",
                              "anyOf": [ref("duration"), {"const": "by agreement"}]},
            "or_if_later": obj("A second window; the deadline is whichever ends later.", {
                "within": ref("duration"), "from": {"enum": ["aware", "receipt"], "description": "aware: aware_on, else the receipt."},
            }, ["within", "from"]),
            "advisory": {"type": "boolean", "description": "True when the limit is advice, not a rule."},
            **CITATION,
        }, ["within"]),
    ]},
    "milestone": obj("An intermediate deadline inside a stage (a review panel's meeting, its report).", {
        "id": ref("id"), "name": {"type": "string"}, "within": ref("duration"), "from": ref("anchor"), **CITATION,
    }, ["id", "within", "from"]),
    "stage": obj("One stage of a procedure.", {
        "id": ref("id"),
        "name": {"type": "string"},
        "handler": {"type": "string", "description": "Who answers at this stage."},
        "acknowledge": {**ref("timescale"), "description": "When the complaint must be acknowledged."},
        "respond": {**ref("timescale"), "description": "When the response is due."},
        "milestones": {"type": "array", "items": ref("milestone")},
        "repeatable": {"type": "integer", "minimum": 1, "maximum": 10, "description": "How many times the stage may run."},
        "escalate": {**ref("timescale"), "description": "The window to ask for the next stage (default from the response)."},
        "optional": {"type": "boolean", "description": "A case may skip this stage; the next stage then runs from when this one started."},
        "refer_back_to": {**ref("id"), "description": "An earlier stage this stage's handler may send the case back to (a new run of it)."},
        "gate": obj("Entering this stage is at the council's discretion: a request for it may be refused (`escalation-refused`). Never on a statutory stage.", {
            "decided_by": {"type": "string", "description": "Who decides."}, **CITATION}, []),
        **CITATION,
    }, ["id"]),
    "time-limit": obj("How long after becoming aware of the matter a complaint is normally accepted. Late complaints are flagged, not excluded.", {
        "within": ref("duration"), "from": {"enum": ["aware"]}, **CITATION}, ["within"]),
    "procedure": obj("A complaints procedure.", {
        "name": {"type": "string"},
        "kind": {"enum": ["corporate", "statutory"]},
        "implements": {**ref("id"), "description": "The statutory procedure this one carries out; its limits may not be loosened."},
        "stages": {"type": "array", "items": ref("stage"), "minItems": 1},
        "then": {"type": "string", "pattern": ID, "examples": ["lgsco", "housing-ombudsman", "spso", "psow", "nipso"],
                 "description": "The ombudsman after the last stage (an id from the vocabulary)."},
        "time_limit": ref("time-limit"),
        "joint_working": obj("Bodies this procedure handles one complaint with (one leads, one co-ordinated response; recorded by a `joint-agreed` event).", {
            "partners": {"type": "array", "minItems": 1, "items": obj("A partner body.", {
                "id": ref("id"), "name": {"type": "string"},
                "respond": {**ref("timescale"), "description": "The partner's own time to respond, shown beside the council's."},
                **CITATION}, ["id", "name"])},
            **CITATION}, ["partners"]),
        "alternative_resolution": obj("Other means the council may use to resolve a complaint (recorded by `alternative-resolution` events).", {
            "means": {"type": "array", "items": ref("id"), "minItems": 1, "examples": [["mediation"]]}, **CITATION}, ["means"]),
        **CITATION,
    }, ["stages"]),
    "procedures": {"type": "object", "description": "Procedures by id.", "propertyNames": ref("id"),
                   "additionalProperties": ref("procedure")},
    "conditions": obj("All conditions must hold; a list means any of its values.", {
        "type": one_or_many({"type": "string", "pattern": ID, "examples": FEEDBACK_TYPES}, "Feedback types."),
        "service": one_or_many({"type": "string", "pattern": ID, "examples": SERVICES}, "Service ids."),
        "categories": one_or_many({"type": "string"}, "Any of these categories."),
        "channel": one_or_many({"type": "string", "pattern": ID, "examples": CHANNELS}, "How the complaint arrived."),
        "made_by": one_or_many({"type": "string", "pattern": ID, "examples": MAKERS}, "Who made it."),
        "mentions": one_or_many({"type": "string", "minLength": 1}, "Phrases in the text (case-insensitive, whole words)."),
        "matter_older_than": {**ref("duration"), "description": "The matter is older than this at receipt (from aware_on)."},
    }),
    "exclusion": obj("Outside the procedure: why, and where to go instead.", {
        "reason": {"type": "string"}, "redirect": {"type": "string"}, **CITATION}, ["reason"]),
    "rule": obj("A routing rule. The first rule whose `when` holds decides; a rule without `when` matches everything.", {
        "id": ref("id"),
        "description": {"type": "string"},
        "when": ref("conditions"),
        "procedure": {**ref("id"), "description": "Handle under this procedure."},
        "stage": {**ref("id"), "description": "Start at this stage instead of the first."},
        "exclude": ref("exclusion"),
        "feedback": {"type": "string", "pattern": ID, "examples": FEEDBACK_TYPES[1:], "description": "Record as this kind of feedback."},
        "flags": one_or_many({"type": "string"}, "Flags added to every decision of this rule."),
        "handler": {"type": "string", "description": "Who handles the complaints this rule decides, instead of the stage's handler."},
        **CITATION,
    }, ["id"]),
    "feedback-handling": obj("How a kind of feedback is handled.", {
        "handler": {"type": "string"}, "acknowledge": ref("timescale"), "respond": ref("timescale"), **CITATION}),
    "retention-rule": obj("How long records are kept.", {
        "id": ref("id"),
        "when": obj("Which cases the rule covers.", {
            "type": one_or_many({"type": "string", "pattern": ID, "examples": FEEDBACK_TYPES}, "Case types."),
            "procedure": one_or_many(ref("id"), "Procedures."),
            "closed_at": one_or_many(ref("id"), "Stage ids, or an ombudsman id for cases referred to it."),
        }),
        "keep": ref("duration"),
        "from": {"enum": ["closure", "closure-or-last-contact", "last-contact"],
                 "description": "closure, or the later of closure and the last contact (`last-contact` reads the same)."},
        **CITATION,
    }, ["id", "keep"]),
    "signal": {"type": "object", "description": "A measurable signal; exactly one kind.", "minProperties": 1, "maxProperties": 1,
               "additionalProperties": False, "properties": {
        "contacts": obj("At least N contacts within a rolling window.", {"at_least": {"type": "integer", "minimum": 1}, "within": ref("duration")}, ["at_least", "within"]),
        "repeat_complaints": obj("At least N complaints on the same service and categories within a period.", {"at_least": {"type": "integer", "minimum": 1}, "within": ref("duration")}, ["at_least", "within"]),
        "parallel_complaints": obj("Complaints on the same issue through other routes while one is open.", {"routes": {"type": "array", "items": {"enum": ["mp", "councillor", "ombudsman", "chief-executive", "solicitor", "police"]}}}, ["routes"]),
        "review_after_exhausted": obj("Requests for review after the procedure has been exhausted.", {"at_least": {"type": "integer", "minimum": 1}}, ["at_least"]),
    }},
    "criterion": obj("A criterion of unreasonable behaviour.", {
        "id": ref("id"), "text": {"type": "string"}, "signal": ref("signal"), **CITATION}, ["id", "text"]),
    "behaviour": obj("Unreasonable complainant behaviour: criteria, who decides, when restrictions are reviewed.", {
        "criteria": {"type": "array", "items": ref("criterion")},
        "review_after": {"description": "When a restriction is reviewed: a duration, or a mapping with its own citation.", "anyOf": [
            ref("duration"), obj("A review period with its citation.", {"within": ref("duration"), **CITATION}, ["within"])]},
        "decided_by": {"type": "string"},
        **CITATION,
    }, ["criteria"]),
    "statutory-routes": {"description": "Which services are under which statutory complaints procedure, or `none` with the reason.", "anyOf": [
        obj("No service is under a statutory procedure.", {"none": {"type": "string", "minLength": 1, "description": "Why (e.g. a district council without social care)."}, **CITATION}, ["none"]),
        {"type": "object", "description": "Service id → statutory procedure id.", "propertyNames": ref("id"),
         "additionalProperties": ref("id"), "minProperties": 1, "not": {"required": ["none"]}},
    ]},
    "imports": one_or_many({"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$"},
                           "Library files to import, without .yaml: statutory/children-england."),
    "sources": {"type": "object", "description": "Documents the policy cites, by short id.", "propertyNames": ref("id"),
                "additionalProperties": ref("source-document")},
}

POLICY = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://redress.example/schemas/policy.schema.json",
    "title": "Redress council complaints policy",
    "description": "A council's complaints policy for Redress. See docs/policy-format.md.",
    "type": "object",
    "additionalProperties": False,
    "required": ["redress", "council", "version", "calendar", "statutory_routes", "procedures", "routing"],
    "properties": {
        "redress": {"const": 1, "description": "The format version. Always 1."},
        "council": ref("council"),
        "version": ref("version"),
        "sources": ref("sources"),
        "calendar": ref("calendar"),
        "imports": ref("imports"),
        "services": one_or_many(ref("id"), "Services beyond the shared vocabulary."),
        "vocabulary": vocabulary_object("The council's own words, added to the library's vocabulary.yaml.", required=()),
        "statutory_routes": ref("statutory-routes"),
        "procedures": ref("procedures"),
        "feedback": {"type": "object", "description": "How each kind of feedback (not complaints) is handled, by feedback type.",
                     "propertyNames": {"pattern": ID}, "additionalProperties": ref("feedback-handling")},
        "routing": {"type": "array", "items": ref("rule"), "minItems": 1,
                    "description": "Ordered rules; the first match decides; the last must be a catch-all."},
        "time_limit": ref("time-limit"),
        "retention": {"type": "array", "items": ref("retention-rule")},
        "behaviour": ref("behaviour"),
        "directorates": {"type": "object", "description": "How the council groups its services for reporting, by directorate id.",
                         "propertyNames": {"pattern": ID}, "additionalProperties": obj(
                             "A directorate or department and the services it holds.", {
                                 "name": {"type": "string", "minLength": 1},
                                 "services": one_or_many(ref("id"), "The services in this directorate."), **CITATION},
                             ["name", "services"])},
    },
    "$defs": DEFS,
}

FRAGMENT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://redress.example/schemas/fragment.schema.json",
    "title": "Redress policy fragment",
    "description": "Procedures shared by many policies (policies/statutory/), imported by name.",
    "type": "object",
    "additionalProperties": False,
    "required": ["redress-fragment", "id", "procedures"],
    "properties": {
        "redress-fragment": {"const": 1},
        "id": {"type": "string", "description": "The import name: the path below policies/ without .yaml."},
        "title": {"type": "string"},
        "sources": ref("sources"),
        "imports": ref("imports"),
        "procedures": ref("procedures"),
    },
    "$defs": DEFS,
}

EXPECTED = {"description": "An expected value: text, a date, true/false, or null.", "type": ["string", "boolean", "number", "null"]}
DECISION_KEYS = ["version", "procedure", "stage", "handler", "excluded", "redirect", "in_time", "rule", "acknowledge_by", "respond_by",
                 "deemed_received", "flags", "error"]
SCHEDULE_KEYS = ["version", "procedure", "status", "delete_after", "closed_at", "next_due", "ombudsman_from", "stages", "flags",
                 "retention_rule", "error"]
STAGE_KEYS = ["respond_by", "acknowledge_by", "responded", "met", "days_late", "escalate_by", "occurrence"]


def expectations(keys):
    properties = {}
    for key in keys:
        if key == "flags":
            properties[key] = {"type": "array", "items": {"type": "string"}, "description": "Each listed flag must be present."}
        elif key == "stages":
            properties[key] = {"type": "object", "description": "Per stage id: expected values of its latest run.",
                               "additionalProperties": {"type": "object", "additionalProperties": False,
                                                        "properties": {k: EXPECTED for k in STAGE_KEYS}}}
        else:
            properties[key] = EXPECTED
    return properties


TESTS = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://redress.example/schemas/policy-tests.schema.json",
    "title": "Redress policy tests",
    "description": "Test cases that pin a policy's behaviour. See docs/policy-tests.md.",
    "type": "object",
    "additionalProperties": False,
    "required": ["redress-tests", "policy", "cases"],
    "properties": {
        "redress-tests": {"const": 1},
        "policy": {"type": "string", "description": "A policy file or council folder, relative to this file."},
        "cases": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["name", "expect"],
            "properties": {
                "name": {"type": "string"},
                "source": {"type": "string", "description": "What the case pins."},
                "complaint": {"type": "object", "description": "An input complaint (docs/input-output.md).", "required": ["received"]},
                "case": {"type": "object", "description": "A complaint with `events`.", "required": ["received"]},
                "as_of": DEFS["date"],
                "expect": {"type": "object"},
            },
            "oneOf": [
                {"required": ["complaint"], "not": {"required": ["case"]},
                 "properties": {"expect": {"additionalProperties": False, "properties": expectations(DECISION_KEYS)}}},
                {"required": ["case", "as_of"],
                 "properties": {"expect": {"additionalProperties": False, "properties": expectations(SCHEDULE_KEYS)}}},
            ]}},
    },
}

CONTRACT_FIELDS = ["id", "received", "type", "service", "categories", "channel", "made_by", "aware_on", "text", "events"]
CLOSED_VALUES = {"type": FEEDBACK_TYPES, "channel": CHANNELS, "made_by": MAKERS}


def map_rule(field):
    target = {"type": "string", "enum": CLOSED_VALUES[field]} if field in CLOSED_VALUES else {"type": "string", "minLength": 1}
    properties = {
        "column": {"type": "string", "minLength": 1, "description": "The CRM's column name (CSV header) or JSON key."},
        "value": dict(target, description="A constant for every record, instead of a column."),
        "values": {"type": "object", "description": "CRM value → contract value. Case and runs of spaces do not count; "
                   "a value with no mapping is an error record.", "additionalProperties": target},
        "separator": {"type": "string", "minLength": 1, "description": "Splits one cell into several values (categories)."},
    }
    if field in ("received", "aware_on"):
        properties["date"] = {"type": "string", "minLength": 1,
                              "description": "The column's date form: d or dd, M or MM, yyyy, optionally HH:mm or HH:mm:ss "
                                             "(e.g. dd/MM/yyyy HH:mm). Two-digit years are refused."}
    return {"description": f"Where `{field}` comes from: a column name, or a mapping.",
            "anyOf": [{"type": "string", "minLength": 1},
                      {"type": "object", "additionalProperties": False, "properties": properties,
                       "oneOf": [{"required": ["column"], "not": {"required": ["value"]}},
                                 {"required": ["value"], "not": {"required": ["column"]}}]}]}


MAP = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://redress.example/schemas/field-map.schema.json",
    "title": "Redress CRM export map",
    "description": "Maps a CRM export's columns and values onto the input contract (`--map`). See docs/input-output.md.",
    "type": "object",
    "additionalProperties": False,
    "required": ["redress-map", "fields"],
    "properties": {
        "redress-map": {"const": 1},
        "description": {"type": "string"},
        "source": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": False, "required": ["id", "received"],
                   "properties": {field: map_rule(field) for field in CONTRACT_FIELDS}},
    },
}

VOCABULARY = dict(
    vocabulary_object("The library's shared vocabularies. See docs/policy-format.md.",
                      required=("redress-vocabulary", "feedback_types", "channels", "made_by", "ombudsmen")),
    **{"$schema": "https://json-schema.org/draft/2020-12/schema",
       "$id": "https://redress.example/schemas/vocabulary.schema.json", "title": "Redress vocabulary"})
VOCABULARY["properties"] = dict(VOCABULARY["properties"], **{"redress-vocabulary": {"const": 1}})

if __name__ == "__main__":
    for name, schema in [("policy", POLICY), ("fragment", FRAGMENT), ("policy-tests", TESTS), ("field-map", MAP), ("vocabulary", VOCABULARY)]:
        path = ROOT / "schemas" / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2) + "\n")
        print(f"wrote {path}")
    # The workbench completes policy keys from the schema: every property name it declares.
    def property_names(node, found):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                found.add(key)
            for value in node.values():
                property_names(value, found)
        elif isinstance(node, list):
            for value in node:
                property_names(value, found)
        return found
    keys = sorted(property_names(POLICY, set()))
    path = ROOT / "Sources" / "RedressServer" / "Workbench" / "policy-keys.js"
    path.write_text("// Generated by scripts/make_schemas.py from schemas/policy.schema.json: every key a policy may use.\n"
                    f"window.RedressPolicyKeys = {json.dumps(keys)};\n")
    print(f"wrote {path}")
