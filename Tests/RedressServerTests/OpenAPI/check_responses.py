#!/usr/bin/env python3
"""Checks answers against openapi.yaml with an independent validator (jsonschema, Draft 2020-12).

    check_responses.py OPENAPI ANSWERS

ANSWERS is a JSON list of {"operationId", "status", "contentType", "body"}. For each: the operation
must document the status and the content type, and a JSON body must match the documented schema.
Prints one line per problem; exit 0 when there is none, 3 when jsonschema or PyYAML is missing.
"""
import json
import sys

try:
    import yaml
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as error:
    print(f"missing {error.name}")
    sys.exit(3)

document = yaml.safe_load(open(sys.argv[1]))
answers = json.load(open(sys.argv[2]))
registry = Registry().with_resource("urn:redress:openapi", Resource(contents=document, specification=DRAFT202012))
operations = {}
for path, methods in document["paths"].items():
    for method, operation in methods.items():
        operations[operation["operationId"]] = operation

problems = []
for answer in answers:
    operation = operations.get(answer["operationId"])
    if operation is None:
        problems.append(f"{answer['operationId']}: not in the document")
        continue
    response = operation["responses"].get(str(answer["status"]))
    if response is None:
        problems.append(f"{answer['operationId']}: status {answer['status']} is not documented")
        continue
    media = (answer.get("contentType") or "").split(";")[0].strip()
    content = response.get("content", {})
    if media not in content:
        problems.append(f"{answer['operationId']} {answer['status']}: content type {media!r} is not documented ({list(content)})")
        continue
    if not media.endswith("json"):
        continue
    # The schema's "#/components/…" references resolve against the whole document.
    text = json.dumps(content[media]["schema"]).replace('"#/components/', '"urn:redress:openapi#/components/')
    validator = jsonschema.Draft202012Validator(json.loads(text), registry=registry)
    try:
        body = json.loads(answer["body"])
    except ValueError:
        problems.append(f"{answer['operationId']} {answer['status']}: the body is not JSON")
        continue
    for error in validator.iter_errors(body):
        problems.append(f"{answer['operationId']} {answer['status']}: {error.message} at {list(error.absolute_path)}")
for problem in problems:
    print(problem)
print(f"checked {len(answers)} answers, {len(problems)} problems")
sys.exit(1 if problems else 0)
