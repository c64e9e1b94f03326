"""Reading one step: exactly one action, its fields, and the common keys."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coach.format.kinds import (
    INVALID,
    Context,
    Identifier,
    StepRef,
    Text,
    field_schema,
    file_keys,
    is_required,
    label_number,
    plain_value_or_text,
    read_field,
    refuse_unknown,
    suggest,
    unquoted_placeholder,
    unquoted_placeholder_message,
)
from coach.format.model import STEP_TYPES, Ask, End, Goto, NameEmotion, Rate, Step, Swap
from coach.format.names import allowed_spelling
from coach.format.yamlread import kind_name, mapping_items, mark

ACTIONS = list(STEP_TYPES)


@functools.cache
def common_fields() -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in file_keys(Step) if f.metadata["common"])


@functools.cache
def action_fields(cls: type[Step]) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in file_keys(cls) if not f.metadata["common"])


def read_step(node: Node, index: int, ctx: Context) -> Any:
    """The step, or INVALID; either way its id and the variables it sets are noted in ``ctx``."""
    step = _read_step(node, index, ctx)
    if isinstance(node, MappingNode):
        if step is INVALID:
            _salvage_names(node, ctx)
        elif step.id is not None:
            ctx.step_ids.append((step.id, mark(_value_of(node, "id") or node)))
    return step


def _value_of(node: MappingNode, name: str) -> Node | None:
    return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == name), None)


def _salvage_names(node: MappingNode, ctx: Context) -> None:
    """What a refused step names (its id, what it sets), so that the checks over the
    whole file do not add "no such id" or "never set" errors that only echo this one."""
    id_node = _value_of(node, "id")
    if isinstance(id_node, ScalarNode):
        ctx.step_ids.append((id_node.value, mark(id_node)))
    if _value_of(node, "name_emotion") is not None:
        ctx.sets.add("emotion")
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, MappingNode):
            for key_node, value_node in current.value:
                name = key_node.value if isinstance(key_node, ScalarNode) else None
                if name == "save_as" and isinstance(value_node, ScalarNode):
                    # its refusal suggests a spelling: placeholders using either are no
                    # new error, and neither is ever suggested (see loader._close)
                    fixed = allowed_spelling(value_node.value)
                    for written in {value_node.value, fixed or value_node.value}:
                        ctx.sets.update(written + s for s in ("", "_a", "_b", "_low"))
                elif name == "set":
                    if isinstance(value_node, MappingNode):
                        ctx.sets.update(str(k.value) for k, _ in value_node.value)
                    else:
                        ctx.names_unknown = True
                stack.append(value_node)


def _read_step(node: Node, index: int, ctx: Context) -> Any:
    number = index + 1
    if isinstance(node, ScalarNode) and node.value.strip() in STEP_TYPES:
        action = node.value.strip()
        example = "swap: true" if action == "swap" else f"{action}:"
        return ctx.error(
            node,
            f'step {number} is only the word "{action}": a step is a mapping, so write '
            f"`- {example}` (with a colon)",
            "step-type",
        )
    if not isinstance(node, MappingNode):
        return ctx.error(
            node,
            f"step {number} must be a mapping with one action, such as `say: Hello`, "
            f"not {kind_name(node)}",
            "step-type",
        )
    items = list(mapping_items(node, ctx.rep))
    actions = [(name, key_node, value) for name, key_node, value in items if name in STEP_TYPES]
    if not actions:
        common = list(_common_by_name())
        unknown = [(name, key_node) for name, key_node, _ in items if name not in common]
        if not unknown:  # an unknown key already explains what is wrong
            ctx.error(
                node,
                f"step {number} has no action: give it one of {', '.join(ACTIONS)}",
                "no-action",
            )
        for name, key_node in unknown:
            ctx.error(
                key_node,
                f'unknown key "{name}" in step {number}' + suggest(name, common + ACTIONS),
                "unknown-key",
            )
        return INVALID
    if len(actions) > 1:
        names = " and ".join(f'"{name}"' for name, _, _ in actions)
        return ctx.error(
            actions[1][1],
            f"step {number} has more than one action ({names}): a step holds exactly one; "
            "split it into separate steps",
            "many-actions",
        )
    action, action_key, action_value = actions[0]
    cls = STEP_TYPES[action]
    what = f"{action} step (step {number})"
    values: dict[str, Any] = {}
    ok = _read_action_value(cls, action_key, action_value, values, ctx)
    own = _own_fields(cls)
    common = _common_by_name()
    for name, key_node, value_node in items:
        if name == action:
            continue
        field = common.get(name) or own.get(name)
        if field is None:
            ok = refuse_unknown(ctx, key_node, what, list(common) + list(own))
            continue
        if name in values:
            ctx.error(
                key_node,
                f'"{name}" is given twice in {what}: inside "{action}" and beside it',
                "duplicate-key",
            )
            ok = False
            continue
        ok = read_field(field, value_node, ctx, values) and ok
    if not ok:
        return INVALID
    for name in _required_names(cls):
        if name not in values:
            return ctx.error(
                action_key,
                f"{what} needs its {name}: write `{action}: {name.upper()}`",
                "missing-key",
            )
    line, column = mark(node)
    step = cls(**values, index=index, line=line, column=column)
    return step if _check_step(step, node, ctx) else INVALID


@functools.cache
def _required_names(cls: type[Step]) -> tuple[str, ...]:
    return tuple(f.name for f in action_fields(cls) if is_required(f))


@functools.cache
def _own_fields(cls: type[Step]) -> dict[str, dataclasses.Field[Any]]:
    """The action's own fields by name (cached per class: looked up for every step)."""
    return {f.name: f for f in action_fields(cls)}


@functools.cache
def _common_by_name() -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in common_fields()}


def _read_action_value(
    cls: type[Step], key_node: ScalarNode, node: Node, values: dict[str, Any], ctx: Context
) -> bool:
    action = cls.ACTION
    if cls is Swap:
        value = plain_value_or_text(node) if isinstance(node, ScalarNode) else None
        if value is True:
            return True
        shown = f'"{node.value}"' if isinstance(value, str) else kind_name(node)
        hint = " (only true and false are booleans)" if isinstance(value, str) else ""
        ctx.error(node, f"swap takes true (`swap: true`), not {shown}{hint}", "type")
        return False
    if cls is Goto:
        target = StepRef().read(node, ctx, "goto")
        values["target"] = target
        return target is not INVALID
    if cls is End:
        # `end:` with nothing after it ends without a closing text, as `end: true` does
        value = plain_value_or_text(node) if isinstance(node, ScalarNode) else ...
        if value is True or value is None:
            return True
        if value is False or (value is ... and not unquoted_placeholder(node)):
            ctx.error(
                node,
                "end takes true or a closing text (`end: true` or `end: Thank you both.`), "
                f"not {kind_name(node)}",
                "type",
            )
            return False
        text = Text().read(node, ctx, "end")
        if text is INVALID:
            return False
        values["text"] = text
        return True
    if isinstance(node, ScalarNode):
        if plain_value_or_text(node) is None:
            return True  # `validate:` with nothing: every field takes its default
        assert cls.MAIN is not None
        main = next(f for f in action_fields(cls) if f.name == cls.MAIN)
        value = main.metadata["kind"].read(node, ctx, action)
        if value is INVALID:
            return False
        values[cls.MAIN] = value
        return True
    if isinstance(node, MappingNode):
        own = _own_fields(cls)
        if (
            node.flow_style
            and unquoted_placeholder(node)
            and not any(k.value in own for k, _ in node.value)
        ):
            ctx.error(node, unquoted_placeholder_message(node), "unquoted-placeholder")
            return False
        ok = True
        for name, field_key, value_node in mapping_items(node, ctx.rep):
            field = own.get(name)
            if field is None and name in _common_by_name():
                ctx.error(
                    field_key,
                    f'"{name}" belongs to the step, beside "{action}", not inside it',
                    "misplaced-key",
                )
                ok = False
                continue
            if field is None:
                ok = refuse_unknown(ctx, field_key, action, list(own))
                continue
            ok = read_field(field, value_node, ctx, values) and ok
        return ok
    ctx.error(
        node, f'"{action}" takes text or a mapping of its fields, not {kind_name(node)}', "type"
    )
    return False


def _field_node(node: MappingNode, action: str, name: str) -> Node:
    """The node of ``name`` inside or beside the action, for pointing at it."""
    for key_node, value_node in node.value:
        if key_node.value == name:
            return value_node
        if key_node.value == action and isinstance(value_node, MappingNode):
            for inner_key, inner_value in value_node.value:
                if inner_key.value == name:
                    return inner_value
    return node


def _check_step(step: Step, node: MappingNode, ctx: Context) -> bool:
    """Rules between fields of one step; registers the variables the step sets."""
    ok = True
    if isinstance(step, Rate):
        low, high = step.scale
        outside = [number for number in step.labels if not low <= number <= high]
        labels_node = _field_node(node, "rate", "labels") if outside else None
        for key_node, _ in labels_node.value if isinstance(labels_node, MappingNode) else ():
            number = label_number(key_node)
            if number in outside:
                ctx.error(
                    key_node,
                    f"the label for {number} is outside the scale {low} to {high}",
                    "range",
                )
                ok = False
        if step.pause_at is not None and not low <= step.pause_at <= high:
            ctx.error(
                _field_node(node, "rate", "pause_at"),
                f"pause_at {step.pause_at} is outside the scale {low} to {high}",
                "range",
            )
            ok = False
        if step.save_as:
            ctx.sets.add(step.save_as)
            if step.who == "both":
                ctx.sets.update(f"{step.save_as}_{s}" for s in ("a", "b", "low"))
    elif isinstance(step, Ask):
        if step.who == "both":
            options_node = _field_node(node, "ask", "options")
            for option, option_node in zip(step.options, _items(options_node), strict=False):
                if option.goto is not None or option.set:
                    ctx.error(
                        option_node,
                        "an ask with who: both cannot have goto or set in its options "
                        "(the two partners may choose differently)",
                        "both-branch",
                    )
                    ok = False
            if step.save_as:
                ctx.sets.update({f"{step.save_as}_a", f"{step.save_as}_b"})
        elif step.save_as:
            ctx.sets.add(step.save_as)
    elif isinstance(step, NameEmotion):
        ctx.sets.add(step.save_as)
        ctx.emotions.append(step.save_as)
    return ok


def _items(node: Node) -> list[Node]:
    return list(node.value) if hasattr(node, "value") and isinstance(node.value, list) else []


def _action_value_schema(cls: type[Step]) -> dict[str, Any]:
    if cls is Swap:
        return {"const": True, "description": cls.DOC}
    if cls is Goto:
        return {**Identifier().schema(), "description": cls.DOC}
    if cls is End:
        closing = {"type": ["string", "number"]}  # false is refused, not read as text
        return {"anyOf": [closing, {"const": True}, {"type": "null"}], "description": cls.DOC}
    fields = action_fields(cls)
    choices: list[dict[str, Any]] = []
    if cls.MAIN:
        main = next(f for f in fields if f.name == cls.MAIN)
        choices.append(main.metadata["kind"].schema())
    obj: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in fields},
        "additionalProperties": False,
    }
    choices.append(obj)
    # nothing at all: the fields may stand beside the action (`say:` then `text: hi`)
    choices.append({"type": "null"})
    return {"anyOf": choices, "description": cls.DOC}


def step_schema(cls: type[Step]) -> dict[str, Any]:
    properties = {f.name: field_schema(f) for f in common_fields()}
    properties[cls.ACTION] = _action_value_schema(cls)
    properties.update({f.name: field_schema(f) for f in action_fields(cls)})
    out: dict[str, Any] = {
        "type": "object",
        "title": cls.ACTION,
        "description": cls.DOC,
        "properties": properties,
        "required": [cls.ACTION],
        "additionalProperties": False,
    }
    required = list(_required_names(cls))
    if required and cls.MAIN in required:
        # the main field is given as the shorthand, inside the action or beside it
        action = cls.ACTION
        out["anyOf"] = [
            {"properties": {action: {"not": {"type": ["object", "null"]}}}},
            {"properties": {action: {"type": "object", "required": required}}},
            {"required": required},
        ]
    return out


def steps_schema() -> dict[str, Any]:
    return {
        "type": "array",
        "minItems": 1,
        "items": {"oneOf": [{"$ref": f"#/definitions/{action}"} for action in STEP_TYPES]},
    }
