"""What is wrong with a YAML file, said in Chinese at the place where the slip starts.

Three concerns, each used by plansite.yamlsource:
- `decode`: bytes to text, recognising the encodings staff's editors save in (GBK, UTF-16);
- `slips`: the input-method slips that PyYAML parses silently or reports a line too low
  (a full-width colon, a missing space after a colon, full-width brackets or quotes as syntax);
- `explain`: a PyYAML error turned into a Problem on the line where the problem starts,
  with the parser's own English kept only as a detail.
"""

from __future__ import annotations

import codecs
import re

import yaml

from .problems import Problem

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the same events, fifteen times faster

_SAVE_AS_UTF8 = (
    "请把文件另存为 UTF-8 编码：记事本：文件 → 另存为 → 编码选 UTF-8 → 保存；"
    "WPS：文件 → 另存为 → 文件类型选“纯文本”，编码选 UTF-8；"
    "GitHub 网页编辑器保存的文件总是 UTF-8：如果网页上显示乱码，请先在电脑上按上面的步骤另存，"
    "再在 GitHub 上用 Add file → Upload files 重新上传。"
)


# ---------------------------------------------------------------------------- encodings


def _nul_share(raw: bytes) -> float:
    head = raw[:400]
    return head.count(0) / len(head) if head else 0.0


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The text of a file saved as UTF-8 (a BOM is accepted silently), or a problem naming the encoding it looks like."""
    boms = [
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ]
    for bom, name in boms:
        if raw.startswith(bom):
            return None, [_not_utf8(file, 1, 1, f"这个文件是 {name} 编码（文件开头有 {name} 的字节顺序标记）")]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    if _nul_share(raw) > 0.2:
        return None, [_not_utf8(file, 1, 1, "这个文件看起来是 UTF-16 编码（每个字符之间夹着空字节）")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as e:
        bad = e.start
    guess = _guess_encoding(raw)
    if guess:  # every non-ASCII byte is then in that encoding: point at the first, not where UTF-8 gave up
        bad = next(i for i, b in enumerate(raw) if b >= 0x80)
    line = raw.count(b"\n", 0, bad) + 1
    line_start = raw.rfind(b"\n", 0, bad) + 1
    col = len(raw[line_start:bad].decode("utf-8", errors="replace")) + 1
    byte = f"0x{raw[bad]:02X}"
    if guess:
        detail = f"这个文件看起来是 {guess} 编码（Windows 记事本或 WPS 存为“ANSI”时就是这样），不是 UTF-8；"
    else:
        detail = "这个文件不是 UTF-8 编码；"
    detail += f"这里的字节 {byte} 不能按 UTF-8 读出"
    return None, [_not_utf8(file, line, col, detail)]


def _guess_encoding(raw: bytes) -> str:
    for name, label in (("gbk", "GBK"), ("gb18030", "GB18030"), ("big5", "Big5")):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if re.search(r"[\u4e00-\u9fff]", text):
            return label
    return ""


def _not_utf8(file: str, line: int, col: int, detail: str) -> Problem:
    return Problem("yaml-not-utf8", file, line, col, detail=detail, hint=_SAVE_AS_UTF8)


# ---------------------------------------------------------------------------- slips found by reading lines

# Possessive quantifiers (*+, ++) throughout: no line, however long, makes these backtrack.
_KEY = r"[a-z_][A-Za-z0-9_-]*+"  # field names are lower case: English text is left alone
_BLOCK_SCALAR = re.compile(r"(?:^|[:\-][ \t]++)[|>][-+0-9]*+[ \t]*+(?:#.*)?$")
_FW_COLON = re.compile(rf"^(?P<lead>[ \t]*+(?:-[ \t]++)*+)(?P<key>{_KEY})(?P<sep>[ \t]*+：[ \t]*+)")
_FW_COLON_FLOW = re.compile(rf"[{{,，][ \t]*+(?P<key>{_KEY})(?P<sep>[ \t]*+：[ \t]*+)")
_NO_SPACE = re.compile(rf"^(?P<lead>[ \t]*+(?:-[ \t]++)*+)(?P<key>{_KEY}):(?P<next>[^\s/:])")
_NO_SPACE_FLOW = re.compile(rf"[{{,][ \t]*+(?P<key>{_KEY}):(?P<next>[^\s/:])")
_FW_FLOW = re.compile(
    r"^(?P<lead>[ \t]*+(?:-[ \t]++)*+(?:[^\s:#][^:#]*+:[ \t]++)?)(?P<open>[｛［])(?P<body>.*)(?P<close>[｝］])[ \t]*+(?:#.*)?$"
)
_FW_DASH = re.compile(r"^(?P<lead>[ \t]*+)(?P<dash>－)[ \t]++\S")
_FW_COMMA_FLOW = re.compile(rf"，[ \t]*+(?P<key>{_KEY}):\s")
_FW_EMPTY = re.compile(r"(?::[ \t]++|^[ \t]*+-[ \t]++)(?P<quotes>“”|‘’|””)[ \t]*+(?:[,}\]]|#|$)")
_QUOTED = re.compile(r"\"(?:[^\"\\]++|\\.)*+\"|'(?:[^']++|'')*+'")

_FULL_WIDTH_NAME = {"｛": "{", "｝": "}", "［": "[", "］": "]", "“": '"', "”": '"', "‘": "'", "’": "'", "，": ","}


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of each line that holds YAML syntax: not blank, not a comment, not inside a block scalar."""
    out = []
    block_at: int | None = None  # the indentation of the line that opened a | or > block scalar
    for n, line in enumerate(_lines(text), start=1):
        stripped = line.strip()
        if block_at is not None:
            if not stripped or _indent(line) > block_at:
                continue
            block_at = None
        if not stripped or stripped.startswith("#"):
            continue
        out.append((n, line))
        if _BLOCK_SCALAR.search(line.rstrip()):
            block_at = _indent(line)
    return out


def _mask_quotes(line: str) -> str:
    """The line with quoted text blanked out, so punctuation inside quotes is not taken for syntax."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], line)


def slips(text: str, file: str) -> list[Problem]:
    """Input-method slips, found line by line before the parser runs (it may accept them silently)."""
    out: list[Problem] = []
    for n, line in _content_lines(text):
        masked = _mask_quotes(line)
        problem = _slip_on_line(masked, line, n, file)
        if problem:
            out.append(problem)
    return out


def _slip_on_line(masked: str, line: str, n: int, file: str) -> Problem | None:
    m = _FW_COLON.match(masked) or _FW_COLON_FLOW.search(masked if "{" in masked else "")
    if m:
        col = m.start("sep") + m.group("sep").index("：") + 1
        fixed = line[: m.end("key")] + ": " + line[m.end("sep") :]
        return Problem(
            "yaml-full-width-colon",
            file,
            n,
            col,
            detail=f"“{m.group('key')}”后面用了全角冒号“：”；应改为：{fixed.strip()}",
        )
    m = _NO_SPACE.match(masked) or _NO_SPACE_FLOW.search(masked if "{" in masked else "")
    if m:
        fixed = line[: m.end("key")] + ": " + line[m.end("key") + 1 :]
        return Problem(
            "yaml-colon-no-space",
            file,
            n,
            m.end("key") + 1,
            detail=f"“{m.group('key')}:”后面缺少空格；应改为：{fixed.strip()}",
        )
    m = _FW_FLOW.match(masked)
    if m:
        opened, closed = m.group("open"), m.group("close")
        fixed = line[: m.start("open")] + _FULL_WIDTH_NAME[opened] + line[m.end("open") : m.start("close")]
        fixed += _FULL_WIDTH_NAME[closed] + line[m.end("close") :]
        return Problem(
            "yaml-full-width-punct",
            file,
            n,
            m.start("open") + 1,
            detail=f"括号用了全角的“{opened}”“{closed}”；应改为：{fixed.strip()}",
        )
    m = _FW_DASH.match(masked)
    if m:
        dash = m.group("dash")
        fixed = line[: m.start("dash")] + "-" + line[m.end("dash") :]
        return Problem(
            "yaml-full-width-punct",
            file,
            n,
            m.start("dash") + 1,
            detail=f"列表项开头用了全角的“{dash}”；应改为：{fixed.strip()}",
        )
    m = _FW_EMPTY.search(masked)
    if m:
        quotes = m.group("quotes")
        fixed = line[: m.start("quotes")] + '""' + line[m.end("quotes") :]
        return Problem(
            "yaml-full-width-punct",
            file,
            n,
            m.start("quotes") + 1,
            detail=f"空值的引号用了全角的 {quotes} ，YAML 会把它当成两个字的文字；应改为：{fixed.strip()}",
        )
    m = _FW_COMMA_FLOW.search(masked) if "{" in masked else None
    if m:
        col = m.start()
        fixed = line[:col] + ", " + line[col + 1 :].lstrip()
        return Problem(
            "yaml-full-width-punct",
            file,
            n,
            col + 1,
            detail=f"花括号里分隔字段的逗号用了全角的“，”；应改为：{fixed.strip()}",
        )
    return None


# ---------------------------------------------------------------------------- parser errors explained


# What the parser says (libyaml's wording first, then PyYAML's), in words a staff editor can act on.
_PHRASES = [
    ("could not find expected ':'", "这一行应当是“字段名: 值”，但没有找到英文冒号（冒号后面要有一个空格）"),
    (
        "mapping values are not allowed",
        "这一行的值里出现了“冒号+空格”，YAML 把它当成了又一个字段：如果这是文字的一部分，请给整个值加上英文双引号",
    ),
    ("sequence entries are not allowed", "“- ”只能出现在一行的开头，表示列表的一项"),
    ("did not find expected '-' indicator", "列表中的这一行缩进不对，或者缺少开头的“- ”"),
    ("did not find expected key", "这一行的缩进或结构与上文对不上"),
    ("expected <block end>", "这一行的缩进或结构与上文对不上"),
    ("did not find expected node content", "这里缺少一个值"),
    ("expected the node content", "这里缺少一个值"),
    ("found unknown escape character", "双引号里的反斜杠 \\ 后面跟了不认识的字符：把 \\ 写成 \\\\，或者改用单引号"),
    ("expected alphabetic or numeric character", "& 和 * 在 YAML 里有特殊含义：如果这是文字，请给整个值加上引号"),
    (
        "did not find expected alphabetic or numeric character",
        "& 和 * 在 YAML 里有特殊含义：如果这是文字，请给整个值加上引号",
    ),
    ("cannot start any token", "这个字符不能出现在值的开头：请给整个值加上英文双引号"),
    ("found unexpected end of stream", "文件在一个没有写完的值中间结束了"),
    ("directive", "行首的 % 在 YAML 里有特殊含义：请给整个值加上引号"),
    ("comment or line break", "| 或 > 后面只能跟换行：文字从下一行开始写"),
    ("comment or a line break", "这里多出了文字：一行只能有一个值，或者把整个值加上引号"),
    ("found unexpected ':'", "这里多出了一个冒号：如果这是文字的一部分，请给整个值加上英文双引号"),
    ("expected ',' or", "花括号或方括号里的各项之间要用英文逗号分隔"),
    ("document start", "文件中间出现了不该有的内容（例如第二份文档或行首的 %）"),
    ("tag", "! 在 YAML 里有特殊含义：如果这是文字，请给整个值加上引号"),
]


def _parser_text(e: yaml.YAMLError) -> str:
    if isinstance(e, yaml.MarkedYAMLError):
        return "；".join(x for x in (e.context, e.problem) if x)
    return str(e).splitlines()[0] if str(e) else type(e).__name__


def _in_chinese(e: yaml.YAMLError) -> str:
    said = _parser_text(e)
    for phrase, chinese in _PHRASES:
        if phrase in said:
            return chinese
    return "YAML 无法读懂这一处"


def _detail(chinese: str, e: yaml.YAMLError) -> str:
    return f"{chinese}（解析器原文：{_parser_text(e)}）"


def _mark(m: yaml.Mark | None) -> tuple[int, int]:
    return (m.line + 1, m.column + 1) if m else (1, 1)


def explain(text: str, e: yaml.MarkedYAMLError, file: str) -> Problem:
    """A parser error as a Problem at the line and column where the problem starts."""
    lines = _lines(text)
    said = _parser_text(e)
    where = e.problem_mark or e.context_mark
    line, col = _mark(where)
    context_line = e.context_mark.line + 1 if e.context_mark else line

    if "nesting depth" in said:  # libyaml's own bound, met before ours when thousands of brackets open at once
        return Problem("yaml-too-deep", file, line, col, detail=_detail("这里的括号一层套一层，套得太深", e))
    if "while scanning a quoted scalar" in said and e.context_mark:
        return _unclosed_quote(text, e, file, *_mark(e.context_mark))
    opened = _swallowing_quote(text, e)
    if opened:
        return _unclosed_quote(text, e, file, *opened)

    for n in dict.fromkeys((line, context_line)):  # the problem line, then the line the parser was reading
        slip = _full_width_on_line(lines, n, file, e)
        if slip:
            return slip

    here = text[where.index] if where and where.index < len(text) else ""
    after = text[where.index + 1 : where.index + 2] if where else ""
    if (here == "-" and after in (" ", "\n", "\r", "")) or "sequence entries are not allowed" in said:
        return Problem(
            "yaml-stray-dash",
            file,
            line,
            col,
            detail=_detail("这一行开头的“- ”会开始一个新的列表项，但这里不能开始列表", e),
        )
    if "while parsing a flow" in said and e.context_mark and e.context_mark.index < len(text):
        bracket = text[e.context_mark.index]
        closing = {"{": "}", "[": "]"}.get(bracket, "")
        if closing:
            return Problem(
                "yaml-unbalanced-brackets",
                file,
                *_mark(e.context_mark),
                detail=_detail(f"这里的“{bracket}”没有配对的“{closing}”（或者里面的各项没有用英文逗号分隔）", e),
            )
    if here in ("}", "]"):
        return Problem(
            "yaml-unbalanced-brackets",
            file,
            line,
            col,
            detail=_detail(f"这里多了一个“{here}”，前面没有与它配对的开括号", e),
        )
    bad_indent = _bad_indent(lines, line)
    if bad_indent:
        n, have, want = bad_indent
        return Problem(
            "yaml-indent",
            file,
            n,
            have + 1,
            detail=_detail(f"这一行缩进了 {have} 个空格，同一层的字段缩进 {want} 个空格", e),
        )
    if "while scanning a simple key" in said and e.context_mark:
        line, col = _mark(e.context_mark)  # the line without a colon, not the line after it
    chinese = _in_chinese(e)
    if "cannot start any token" in said and here.strip():
        chinese = f"“{here}”{chinese.removeprefix('这个字符')}"
    return Problem("yaml-syntax", file, line, col, detail=_detail(chinese, e))


def _unclosed_quote(text: str, e: yaml.YAMLError, file: str, line: int, col: int) -> Problem:
    lines = _lines(text)
    quote = lines[line - 1][col - 1] if line <= len(lines) and col <= len(lines[line - 1]) else '"'
    return Problem(
        "yaml-unclosed-quote",
        file,
        line,
        col,
        detail=_detail(f"这里的引号 {quote} 打开后，在同一行没有找到与它配对的 {quote}", e),
    )


def _swallowing_quote(text: str, e: yaml.MarkedYAMLError) -> tuple[int, int] | None:
    """Where a quoted value opened that ran on over the lines that follow it, swallowing their keys."""
    loader = LOADER(text)
    last = None
    mark = e.problem_mark or e.context_mark
    stop = mark.index if mark else len(text)
    try:
        while True:
            token = loader.get_token()
            if token is None or token.start_mark.index >= stop:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line != token.end_mark.line
                and re.search(rf"\n\s*(-\s|{_KEY}:\s)", text[token.start_mark.index : token.end_mark.index])
            ):
                last = token
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return _mark(last.start_mark) if last else None


def _full_width_on_line(lines: list[str], n: int, file: str, e: yaml.YAMLError) -> Problem | None:
    """A full-width quote or comma on a line the parser could not read: most likely meant as YAML syntax."""
    if not 1 <= n <= len(lines):
        return None
    line = lines[n - 1]
    m = re.match(r"^([ \t]*+(?:-[ \t]++)*+(?:[^\s:#][^:#]*+:[ \t]++)?)([“‘])", line)
    if m:
        mark = m.group(2)
        return Problem(
            "yaml-full-width-punct",
            file,
            n,
            m.end(1) + 1,
            detail=_detail(
                f"值开头的引号是全角的“{mark}”，YAML 只认英文引号 {_FULL_WIDTH_NAME[mark]}"
                "（文字里本来就有的中文引号不用改，外面再套一层英文双引号即可）",
                e,
            ),
        )
    for mark in "，｛｝［］":
        if mark in line and ("{" in line or "[" in line or mark in "｛｝［］"):
            return Problem(
                "yaml-full-width-punct",
                file,
                n,
                line.index(mark) + 1,
                detail=_detail(f"这里的“{mark}”是全角的，YAML 只认英文的“{_FULL_WIDTH_NAME[mark]}”", e),
            )
    return None


def _key_column(line: str) -> int:
    """Where the key of a `key: value` line starts, after any `- ` list markers."""
    m = re.match(r"^([ \t]*+(?:-[ \t]++)*+)", line)
    return len(m.group(1)) if m else 0


def _bad_indent(lines: list[str], n: int) -> tuple[int, int, int] | None:
    """(line, indentation written, indentation of its siblings) when line n is indented like none of the lines above."""
    numbered = [(i, l) for i, l in _content_lines("\n".join(lines)) if i <= n]
    if len(numbered) < 2:
        return None
    for pos in (len(numbered) - 1, len(numbered) - 2):  # the problem line, or the line just before it
        if pos < 1:
            continue
        i, line = numbered[pos]
        here = _key_column(line)
        prev = numbered[pos - 1][1]
        prev_col = _key_column(prev)
        if here > prev_col and re.search(r":\s*(#.*)?$", prev.rstrip()):
            continue  # the line above opens a block: any deeper indentation is fine
        allowed: set[int] = set()  # the columns a line may start at here: its siblings' and its ancestors'
        limit = 10**9
        for _, above in reversed(numbered[:pos]):
            allowed |= {c for c in (_key_column(above), _indent(above)) if c < limit}
            limit = min(limit, _indent(above))
            if limit == 0:
                break
        if here in allowed:
            continue
        want = prev_col if here > prev_col else min((c for c in allowed if c >= here), default=prev_col)
        return i, here, want
    return None
