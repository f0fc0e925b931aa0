"""JSON Schema validation of parsed source files, with messages an editor can act on.

The schema files in schema/ are the single definition of the source format:
editors' YAML plugins read them too.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import fastjsonschema

from .load import Document, dotted
from .problems import Problem, did_you_mean

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of keys to values",
    "boolean": "true or false",
    "null": "nothing",
}


def _type_of(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


COMMON = "common.schema.json"


@lru_cache(maxsize=None)
def _schemas() -> dict:
    return {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }


def _bundled(schema_name: str) -> dict:
    """The schema with common.schema.json's definitions copied in, so it stands alone."""
    common = _schemas()[COMMON]["definitions"]
    text = json.dumps(_schemas()[schema_name]).replace(
        f'"{COMMON}#/definitions/', '"#/definitions/'
    )
    schema = json.loads(text)
    schema.setdefault("definitions", {}).update(common)
    return schema


@lru_cache(maxsize=None)
def _pattern_advice() -> dict:
    defs = _schemas()[COMMON]["definitions"]
    return {
        defs["id"][
            "pattern"
        ]: "is not a valid id: use lowercase letters a-z, digits and single hyphens, e.g. 'daniel-rosenblum'",
        defs["text"]["pattern"]: "is empty: write the text, or remove the key if it is optional",
        defs["date"]["pattern"]: "is not a date: write 2023, 2023-08 or 2023-08-14",
        defs["date_or_time"][
            "pattern"
        ]: "is not a date: write 2023, 2023-08, 2023-08-14, or a date and time with "
        "its zone such as 2023-08-14T09:30+06:00",
        defs["url"]["pattern"]: "is not an http:// or https:// address",
        defs["local_path"][
            "pattern"
        ]: "is not a safe path: give a path relative to docs/, without '..' or a leading '/'",
    }


def _inlined(value, definitions: dict):
    """value with every {"$ref": "#/definitions/x"} replaced by the definition itself (none is recursive)."""
    if isinstance(value, dict):
        ref = value.get("$ref", "")
        if ref.startswith("#/definitions/"):  # draft-07 ignores the keys beside a $ref
            return _inlined(definitions[ref.removeprefix("#/definitions/")], definitions)
        return {
            key: _inlined(item, definitions) for key, item in value.items() if key != "definitions"
        }
    if isinstance(value, list):
        return [_inlined(item, definitions) for item in value]
    return value


@lru_cache(maxsize=None)
def _fast_check(schema_name: str):
    """A compiled validator: about 20 times faster, but it stops at the first error.

    A yes/no gate only (jsonschema explains failures), so: no defaults filled in, and
    references inlined, because fastjsonschema builds an error path for every call to
    a definition, failing or not."""
    schema = _bundled(schema_name)
    return fastjsonschema.compile(
        _inlined(schema, schema["definitions"]), use_default=False, detailed_exceptions=False
    )


@lru_cache(maxsize=None)
def _explaining_validator(schema_name: str):
    """jsonschema's validator, which lists every error with its path: used only on invalid files."""
    import jsonschema  # slow to import, and only needed when a file is invalid

    return jsonschema.Draft7Validator(_bundled(schema_name))


def _problems_for(error, document: Document) -> list[Problem]:
    field_path = tuple(error.absolute_path)
    kind = error.validator
    instance = error.instance
    if "propertyNames" in error.schema_path:  # a registry key: point at the key itself
        return [
            document.problem(
                field_path + (instance,),
                f"'{instance}' {_pattern_advice().get(error.validator_value, 'is not a valid id')}",
            )
        ]
    if kind == "required":
        missing = [name for name in error.validator_value if name not in instance]
        line, column = document.where(field_path)
        return [
            Problem(
                document.path, line, column, dotted(field_path + (name,)), "is required but missing"
            )
            for name in missing
        ]
    if kind == "additionalProperties" and isinstance(error.validator_value, bool):
        known = error.schema.get("properties", {})
        return [
            document.problem(
                field_path + (key,),
                f"unknown key '{key}'{did_you_mean(key, known)}; allowed keys: {', '.join(known)}",
            )
            for key in instance
            if key not in known
        ]
    if kind == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        wanted = " or ".join(_TYPE_NAMES[t] for t in expected)
        hint = (
            ": put it in quotes if you mean the text"
            if isinstance(instance, (bool, int, float)) and "string" in expected
            else ""
        )
        return [document.problem(field_path, f"expected {wanted}, got {_type_of(instance)}{hint}")]
    if kind == "pattern":
        advice = _pattern_advice().get(
            error.validator_value, f"does not match {error.validator_value}"
        )
        return [document.problem(field_path, f"'{instance}' {advice}")]
    if kind == "minItems":
        return [document.problem(field_path, f"needs at least {error.validator_value} item(s)")]
    if kind == "uniqueItems":
        seen, repeated = set(), []
        for item in instance:
            if item in seen:
                repeated.append(item)
            seen.add(item)
        return [
            document.problem(
                field_path, f"lists {', '.join(map(repr, repeated))} more than once: keep one"
            )
        ]
    if kind == "enum":
        return [
            document.problem(
                field_path,
                f"'{instance}' is not one of: {', '.join(map(str, error.validator_value))}",
            )
        ]
    if kind == "dependencies":
        return [
            document.problem(field_path, f"'{key}' needs {', '.join(repr(n) for n in needs)} too")
            for key, needs in error.validator_value.items()
            if key in instance
        ]
    return [document.problem(field_path, error.message)]


def warm_up(schema_name: str) -> None:
    """Compile the fast validator now (before worker processes fork, so they inherit it)."""
    _fast_check(schema_name)


def validate(document: Document, schema_name: str) -> list[Problem]:
    """All schema problems of one document; an empty list when it is valid."""
    try:
        _fast_check(schema_name)(document.data)
        return []
    except fastjsonschema.JsonSchemaValueException:
        pass
    problems: set[Problem] = set()
    for error in _explaining_validator(schema_name).iter_errors(document.data):
        problems.update(_problems_for(error, document))
    return sorted(problems)
