"""Read one YAML file into plain Python data, remembering the line and column of every node.

The data is built straight from PyYAML's event stream (libyaml's parser), without
composing nodes, so reading is bounded on any input: anchors and aliases are
refused at the first one, before anything could expand, and the size of the file,
the number of values, the length of each text and the depth of nesting are capped
(the limits below). Duplicate keys, tabs, control characters and the common
input-method slips are problems of their own; nothing raises on user input. The
Chinese wording of syntax and encoding problems lives in plansite.yamlerrors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import yamlerrors
from .problems import Problem, field_path

# The limits, each with a wide margin over the real data (2026-12: the largest file,
# data/plan/chapter-3.yaml, is 122 KB; the longest text is 2,208 characters; the
# deepest nesting is 10 levels).
MAX_FILE_BYTES = 1_048_576  # 1 MiB
MAX_TEXT_CHARS = 20_000  # one scalar: a paragraph of the plan, a quote, a key
MAX_DEPTH = 40  # mappings and lists inside one another
MAX_PROBLEMS = 50  # per file: a pasted list of 20,000 duplicate keys is reported, not listed in full
MAX_VALUES = 20_000  # keys, texts, numbers, mappings and lists in one file (the most today: 2,471, glossary.yaml)

Loc = tuple  # a path into the data: ('indicators', 3, 'value')


def _core_schema(base: type) -> type:
    """The loader with YAML 1.2's core schema for plain scalars, the schema the form editor writes in.

    PyYAML resolves plain scalars by YAML 1.1, so text the form writes plain would change meaning on reading:
    yes/no/on/off become booleans, 12:30 becomes 750 (base 60), 1_000 becomes 1000, 017 becomes 15 (octal) and a
    date typed into a text field becomes a date. Here only true/false are booleans, only plain decimal (and 0x)
    numbers are numbers, and dates stay text: date fields read YYYY-MM-DD text themselves (models.Date).
    """
    resolvers: dict = {}

    def add(tag: str, pattern: str, first: str) -> None:
        for ch in first:
            resolvers.setdefault(ch, []).append((tag, re.compile(pattern, re.X)))

    add("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
    resolvers.setdefault("", []).append(("tag:yaml.org,2002:null", re.compile(r"^$")))
    add("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
    add("tag:yaml.org,2002:int", r"^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$", "-+0123456789")
    add(
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    )
    return type(f"Core{base.__name__}", (base,), {"yaml_implicit_resolvers": resolvers})


DATA_LOADER = _core_schema(yamlerrors.LOADER)  # data files (the form editor writes them)
FRONT_MATTER_LOADER = yamlerrors.LOADER  # story front matter: MkDocs reads it with PyYAML's YAML 1.1 rules


@dataclass
class YamlDoc:
    """A parsed file: its data, and where each value and key stands in the file."""

    file: str  # path relative to the project root
    data: Any = None
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # loc -> (line, col) of the value
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # loc -> (line, col) of the key

    def where(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Position of loc; falls back to its nearest known parent, then to the top."""
        loc = tuple(loc)
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


def _too_large(file: str, size: int) -> Problem:
    return Problem(
        "yaml-file-too-large",
        file,
        1,
        1,
        detail=f"文件有 {size:,} 字节，超过了上限 {MAX_FILE_BYTES:,} 字节（1 MB）",
    )


def load_yaml(path: Path, file: str) -> tuple[YamlDoc, list[Problem]]:
    """Parse path; return the document and any problems (the document data is None on failure)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return YamlDoc(file), [_too_large(file, size)]
    text, problems = yamlerrors.decode(path.read_bytes(), file)
    if text is None:
        return YamlDoc(file), problems
    return parse_yaml_text(text, file)


def _tab_problems(text: str, file: str) -> list[Problem]:
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            out.append(Problem("yaml-tab-indent", file, n, indent.index("\t") + 1))
    return out


def parse_yaml_text(text: str, file: str, *, front_matter: bool = False) -> tuple[YamlDoc, list[Problem]]:
    """Parse YAML text the same way load_yaml does: a data file (YAML 1.2 core scalars, as the form editor writes
    them), or with front_matter a story's front matter (read as MkDocs reads it)."""
    doc = YamlDoc(file)
    text = text.removeprefix("\ufeff")
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_FILE_BYTES:
        return doc, [_too_large(file, size)]
    found = _control_characters(text, file) or _tab_problems(text, file) or yamlerrors.slips(text, file)
    if found:
        return doc, found[:MAX_PROBLEMS]
    loader = (FRONT_MATTER_LOADER if front_matter else DATA_LOADER)(text)
    try:
        return doc, _Builder(doc, loader).run()
    except yaml.MarkedYAMLError as e:
        return YamlDoc(file), [yamlerrors.explain(text, e, file)]
    finally:
        loader.dispose()


def _control_characters(text: str, file: str) -> list[Problem]:
    """The first character YAML refuses to read (PyYAML's own test, done here to know its line and column)."""
    m = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if not m:
        return []
    at = m.start()
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return [
        Problem(
            "yaml-control-char",
            file,
            line,
            col,
            detail=f"这里有一个看不见的控制字符 U+{ord(m.group()):04X}（常见于从网页或 Word 复制的文字）",
        )
    ]


_NO_KEY = object()  # a mapping waiting for its next key
_BAD_KEY = object()  # a mapping reading a key that is not simple text
_SKIP = object()  # a refused key: its value is read only to be thrown away
_STR = "tag:yaml.org,2002:str"


@dataclass
class _Open:
    """A mapping or list being read."""

    loc: Loc | None  # None: read only to be thrown away
    items: Any  # dict or list
    key: Any = _NO_KEY  # for a mapping: the key waiting for its value
    first_seen: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Build plain data and positions from PyYAML events, with an explicit stack instead of recursion."""

    def __init__(self, doc: YamlDoc, loader: Any):  # a yaml.CSafeLoader, or yaml.SafeLoader without libyaml
        self.doc = doc
        self.loader = loader
        self.problems: list[Problem] = []
        self.stack: list[_Open] = []
        self.documents = 0
        self.root: Any = None
        self.has_root = False

    def add(self, code: str, pos: tuple[int, int], loc: Loc | None = None, detail: str = "") -> None:
        self.problems.append(Problem(code, self.doc.file, *pos, field=field_path(loc or ()), detail=detail))

    def run(self) -> list[Problem]:
        values = 0
        while True:
            event = self.loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            pos = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self.add("yaml-second-document", pos, detail="“---”之后又开始了第二份文档；一个文件只能有一份")
                    return self.problems
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = self.stack.pop()
                self._place(done.items)
                continue
            if getattr(event, "anchor", None) is not None:  # refused at once: an alias is never expanded
                alias = isinstance(event, yaml.AliasEvent)
                what = f"别名“*{event.anchor}”" if alias else f"锚点“&{event.anchor}”"
                self.add("yaml-anchor-alias", pos, detail=f"这里用了{what}，后面的内容不再读取")
                return self.problems
            values += 1
            if len(self.problems) >= MAX_PROBLEMS:
                return self.problems
            if values > MAX_VALUES:
                self.add("yaml-file-too-large", pos, detail=f"文件里的值超过了上限 {MAX_VALUES:,} 个")
                return self.problems
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(self.stack) >= MAX_DEPTH:
                    self.add(
                        "yaml-too-deep", pos, detail=f"这里已经套了 {len(self.stack) + 1} 层，超过了上限 {MAX_DEPTH} 层"
                    )
                    return self.problems
                loc = self._child_loc(pos)
                items: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                self.stack.append(_Open(loc, items))
                continue
            value = self._scalar(event, pos)
            if self.stack and self.stack[-1].key is _NO_KEY and isinstance(self.stack[-1].items, dict):
                self._key(self.stack[-1], value, pos)
                continue
            self._child_loc(pos)
            self._place(value)
        if self.has_root:
            self.doc.data = self.root
        else:  # an empty file
            self.doc.data = {}
            self.doc.values[()] = (1, 1)
        return self.problems

    def _child_loc(self, pos: tuple[int, int]) -> Loc | None:
        """Where the node that starts now goes; records its position. None when it is to be thrown away."""
        if not self.stack:
            self.doc.values[()] = pos
            return ()
        top = self.stack[-1]
        if top.loc is None:
            return None
        if isinstance(top.items, list):
            loc = top.loc + (len(top.items),)
        elif top.key is _NO_KEY:  # a mapping or list used as a key
            self.add("yaml-syntax", pos, top.loc, detail="字段名必须是简单的文字")
            top.key = _BAD_KEY
            return None
        elif top.key is _BAD_KEY or top.key is _SKIP:
            return None
        else:
            loc = top.loc + (top.key,)
        self.doc.values[loc] = pos
        return loc

    def _place(self, value: Any) -> None:
        """Put a finished value into the mapping or list that holds it (or make it the root)."""
        if not self.stack:
            self.root, self.has_root = value, True
            return
        top = self.stack[-1]
        if isinstance(top.items, list):
            if top.loc is not None:
                top.items.append(value)
            return
        if top.key is _BAD_KEY:
            top.key = _SKIP  # the refused key has been read; its value comes next
        elif top.key is _SKIP:
            top.key = _NO_KEY
        elif top.key is not _NO_KEY:
            top.items[top.key] = value
            top.key = _NO_KEY

    def _key(self, top: _Open, key: Any, pos: tuple[int, int]) -> None:
        if top.loc is None:
            top.key = _SKIP
            return
        if not isinstance(key, (str, int, float, bool)):
            self.add("yaml-syntax", pos, top.loc, detail="字段名必须是简单的文字")
            top.key = _SKIP
            return
        key = str(key)
        if key in top.first_seen:
            self.add(
                "yaml-duplicate-key",
                pos,
                top.loc + (key,),
                detail=f"“{key}”在第 {top.first_seen[key]} 行已经出现过，第 {pos[0]} 行又出现一次",
            )
            top.key = _SKIP
            return
        top.first_seen[key] = pos[0]
        self.doc.keys[top.loc + (key,)] = pos
        top.key = key

    def _scalar(self, event: yaml.ScalarEvent, pos: tuple[int, int]) -> Any:
        if len(event.value) > MAX_TEXT_CHARS:
            self.add(
                "yaml-text-too-long",
                pos,
                self._peek_loc(),
                detail=f"这段文字有 {len(event.value):,} 个字符，超过了上限 {MAX_TEXT_CHARS:,} 个字符",
            )
            return ""
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value  # most values are text: no need to construct them
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            # e.g. 2024-13-01 looks like a date but is none: keep the text and let the model say why
            return event.value
        finally:
            self.loader.constructed_objects.pop(node, None)

    def _peek_loc(self) -> Loc:
        """Where the value being read goes (for naming its field in a problem)."""
        top = self.stack[-1] if self.stack else None
        if top is None or top.loc is None:
            return ()
        if isinstance(top.items, list):
            return top.loc + (len(top.items),)
        return top.loc + ((top.key,) if isinstance(top.key, str) else ())
