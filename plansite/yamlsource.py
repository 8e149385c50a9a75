"""Read one YAML file into plain Python data, remembering the line and column of every node.

PyYAML silently keeps the last of two equal keys and reports tabs with a
confusing message; this loader reports both as problems of their own and never
raises on user input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, field_path

Loc = tuple  # a path into the data: ('indicators', 3, 'value')


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


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _tab_problems(text: str, file: str) -> list[Problem]:
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            out.append(Problem("yaml-tab-indent", file, n, indent.index("\t") + 1))
    return out


def load_yaml(path: Path, file: str) -> tuple[YamlDoc, list[Problem]]:
    """Parse path; return the document and any problems (the document data is None on failure)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        return YamlDoc(file), [
            Problem(
                "yaml-syntax",
                file,
                1,
                1,
                detail=f"文件不是 UTF-8 编码（{e.reason}）",
                hint="请用 UTF-8 编码保存文件（GitHub 网页编辑器默认就是 UTF-8）。",
            )
        ]
    return parse_yaml_text(text, file)


def parse_yaml_text(text: str, file: str) -> tuple[YamlDoc, list[Problem]]:
    """Parse YAML text (a whole file, or a story's front matter) the same way load_yaml does."""
    doc = YamlDoc(file)
    tabs = _tab_problems(text, file)
    if tabs:
        return doc, tabs
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(x for x in (e.context, e.problem) if x)
        return doc, [Problem("yaml-syntax", file, line, col, detail=detail)]
    except yaml.YAMLError as e:  # e.g. a second document in one file
        return doc, [Problem("yaml-syntax", file, 1, 1, detail=str(e).splitlines()[0])]
    finally:
        loader.dispose()
    problems: list[Problem] = []
    if root is None:
        doc.data = {}
        doc.values[()] = (1, 1)
        return doc, problems
    ctor = yaml.SafeLoader("")

    def build(node: yaml.Node, loc: Loc) -> Any:
        doc.values[loc] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            first_seen: dict[Any, int] = {}
            for knode, vnode in node.value:
                key = ctor.construct_object(knode, deep=True) if isinstance(knode, yaml.ScalarNode) else None
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    problems.append(Problem("yaml-syntax", file, *_pos(knode), detail="字段名必须是简单的文字"))
                    continue
                key = str(key)
                kline, kcol = _pos(knode)
                if key in first_seen:
                    problems.append(
                        Problem(
                            "yaml-duplicate-key",
                            file,
                            kline,
                            kcol,
                            field=field_path(loc + (key,)),
                            detail=f"“{key}”在第 {first_seen[key]} 行已经出现过，第 {kline} 行又出现一次",
                        )
                    )
                    continue
                first_seen[key] = kline
                doc.keys[loc + (key,)] = (kline, kcol)
                out[key] = build(vnode, loc + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(v, loc + (i,)) for i, v in enumerate(node.value)]
        try:
            return ctor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError):
            # e.g. 2024-13-01 looks like a date but is none: keep the text and let the model say why
            return node.value

    doc.data = build(root, ())
    return doc, problems
