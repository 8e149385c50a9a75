"""Problems found in data/: each one a value with a stable code, a place and a hint.

The code list below is the single registry of what the checker can say. The
contributor guide is generated from it, and a test fails when a code is used
that is not listed here, so the guide and the checker cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .wording import fill

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One kind of problem: what is wrong, and how an editor fixes it."""

    code: str
    title: str  # what is wrong, in Chinese, one short sentence
    hint: str  # how to fix it, in Chinese
    severity: str = ERROR


_CODES = [
    Code(
        "yaml-syntax",
        "YAML 语法错误",
        "对照上下几行同类条目的写法，检查这一行的冒号、缩进、引号和括号；冒号后面要有一个空格，含有冒号的文字要加引号。",
    ),
    Code(
        "yaml-tab-indent",
        "缩进中使用了制表符（Tab）",
        "YAML 只能用空格缩进：把这一行开头的 Tab 换成空格（每级两个空格）。",
    ),
    Code(
        "yaml-duplicate-key",
        "同一层级里出现了重复的字段名",
        "YAML 只会保留最后一个同名字段，前面的值会悄悄丢失：删除或合并重复的那一行。",
    ),
    Code(
        "yaml-not-mapping", "文件的顶层结构不对", "文件顶层应当是“字段: 值”的形式，请对照同类文件或 schemas/ 中的说明。"
    ),
    Code("file-missing", "缺少必需的数据文件", "请恢复这个文件；可以从 Git 历史中找回，或参照 schemas/ 中的说明新建。"),
    Code(
        "file-unclaimed",
        "data/ 中有一个不认识的文件",
        "每个数据文件都必须属于一种已知的类型；请检查文件名和所在文件夹是否拼写正确。",
    ),
    Code(
        "file-name-mismatch",
        "文件名与条目的内容不符",
        "来源、观测值和进展条目每条一个文件，文件名由条目的内容决定：来源是它的 id，观测值是“指标 id-年份”，"
        "进展条目是“项目或里程碑 id-日期”（例如 high-tech-enterprises-2023.yaml）。请按提示改文件名。",
    ),
    Code(
        "status-wrong-folder",
        "进展条目放错了文件夹",
        "重点项目的进展条目放在 status/projects/，里程碑的放在 status/milestones/：请把文件移到提示所说的文件夹。",
    ),
    Code(
        "status-duplicate",
        "同一项目或里程碑在同一天有两条进展条目",
        "同一天只保留一条：请把两个文件合并成一个，删除另一个；如果日期写错了，请改正日期和文件名。",
    ),
    Code("field-unknown", "出现了一个不认识的字段", "可能是拼写错误；请改成提示中建议的字段名，或删掉这一行。"),
    Code("field-missing", "缺少必填字段", "请补上这个字段；可以参照同一文件中其他条目的写法。"),
    Code("type-wrong", "值的类型不对", "请按提示改成正确的类型（例如数字不加引号，文字可以加引号）。"),
    Code("value-not-allowed", "这个值不在允许的取值范围内", "请从提示列出的取值中选择一个。"),
    Code("number-with-unit", "数字里带了单位或文字", "数值字段只写数字本身（例如 149），单位写在 unit 字段里。"),
    Code("number-thousands-separator", "数字里带了千位分隔符", "请去掉逗号，例如把 1,500 写成 1500。"),
    Code(
        "number-full-width",
        "数字用了全角字符",
        "请把全角数字（１２３）改成半角数字（123）；输入法切换到英文状态后输入。",
    ),
    Code("date-invalid", "日期格式不对", "日期请写成 YYYY-MM-DD，例如 2024-03-21。"),
    Code(
        "year-out-of-range",
        "年份超出了允许范围",
        "目标年份应在规划期（{start}—{end}）之内；基期、早期数值和观测值的年份应在 {history_from}—{end} 之间"
        "（最早年份由 plan.yaml 的 history_from 写明，不写时取指标表所述的最早年份）；"
        "{end} 年以后的数值属于下一期规划，请录入到那一期规划的数据中。",
    ),
    Code("url-invalid", "网址格式不对", "网址应以 http:// 或 https:// 开头，请从浏览器地址栏完整复制。"),
    Code("text-zh-empty", "中文文字为空", "每一段给读者看的文字都必须有中文（zh）；英文（en）可以暂时留空。"),
    Code(
        "translation-missing",
        "英文译文为空",
        "英文版已标记为完整（data/plan.yaml 中 translation: complete）：请补上这段文字的英文（en）。",
    ),
    Code("id-invalid", "编号（id）格式不对", "id 只用小写英文字母、数字和连字符，例如 high-tech-enterprises。"),
    Code("id-duplicate", "编号（id）重复", "每个 id 在全站只能出现一次；请给其中一个换一个新的 id。"),
    Code("ref-unknown-indicator", "引用了不存在的指标", "请检查指标 id 的拼写；所有指标 id 见 data/indicators.yaml。"),
    Code("ref-unknown-chain", "引用了不存在的产业链", "请检查产业链 id 的拼写；所有产业链见 data/industries/ 文件夹。"),
    Code(
        "ref-unknown-source",
        "引用了不存在的来源",
        "请先在规划文件夹的 sources/ 中登记这个来源（每个来源一个文件，文件名是它的 id），再在这里引用它的 id。",
    ),
    Code("ref-unknown-paragraph", "引用了不存在的规划段落", "请检查段落 id；每段的 id 写在 data/plan/ 各章文件中。"),
    Code("ref-unknown-division", "引用了不存在的规划章节", "请检查章节 id；章节 id 写在 data/plan/ 各章文件中。"),
    Code("ref-unknown-project", "引用了不存在的重点项目", "请检查项目 id；项目 id 写在 data/industries/ 各文件中。"),
    Code(
        "ref-unknown-note", "引用了不存在的勘误说明", "请检查勘误说明 id；勘误说明写在 data/editorial-notes.yaml 中。"
    ),
    Code(
        "ref-unknown-milestone",
        "引用了不存在的里程碑",
        "请检查里程碑 id；里程碑写在 data/commitments.yaml 的 milestones 中。",
    ),
    Code(
        "observation-duplicate",
        "同一指标同一年份有两条观测值",
        "每个指标每年只保留一条数值（一个文件）：如果来源更新了数字，请修改原有的那个文件并更换来源，删除另一个。",
    ),
    Code(
        "observation-no-source",
        "观测值没有注明来源",
        "每个数值都必须注明公开来源：在 source 中填写 sources/ 文件夹里登记的来源 id，并在 quote 中摘录原文句子。",
    ),
    Code("source-no-url", "来源缺少网址", "请填写可以公开访问的原文网址（url）。"),
    Code(
        "source-no-date",
        "来源缺少发布日期",
        "请填写原文的发布日期（date），格式 YYYY-MM-DD；如果原文页面确实没有显示日期，"
        "请写 date_shown: false（正文能推断最早日期时，再写 earliest_date），不要留空。",
    ),
    Code(
        "unit-mismatch", "单位前后不一致", "基期值、目标值和观测值应使用同一单位，或使用可以换算的单位（万元/亿元）。"
    ),
    Code("numbering-gap", "编号不连续", "编号中间缺号；如果原文本来就缺号，请在 numbering_gaps 中登记并说明。"),
    Code("numbering-duplicate", "编号重复", "同一层级中的编号不能重复，请检查原文。"),
    Code(
        "note-source-missing",
        "勘误说明中的原文字符串在所注段落里找不到",
        "source 必须逐字摘自所注段落的原文；请从 data/plan/ 中复制。",
    ),
    # -- YAML reading: encodings, syntax messages, bounded input (plansite/yamlsource.py)
    Code(
        "yaml-not-utf8",
        "文件不是 UTF-8 编码",
        "请把文件另存为 UTF-8 编码：记事本：文件 → 另存为 → 编码选 UTF-8；WPS：另存为时编码选 UTF-8。",
    ),
    Code(
        "yaml-control-char",
        "文件里有看不见的控制字符",
        "把这一处的文字删掉后重新手打一遍；从网页或 Word 复制时，先粘贴到记事本里再复制过来。",
    ),
    Code(
        "yaml-file-too-large",
        "文件太大",
        "数据文件不应超过 1 MB：可能是不小心粘贴了大段内容，请撤销这次粘贴，或把内容拆到几个文件中。",
    ),
    Code(
        "yaml-text-too-long",
        "一段文字太长",
        "一个字段的文字不应超过 20000 个字符：可能是不小心粘贴了大段内容，请只保留这一段该有的文字。",
    ),
    Code(
        "yaml-too-deep",
        "层级套得太深",
        "数据最多只套几层；检查这附近的缩进和括号，是不是多打了“[”或“{”，或者缩进越来越深。",
    ),
    Code(
        "yaml-anchor-alias",
        "使用了 YAML 锚点（&）或别名（*）",
        "本站数据不使用锚点和别名：把“&名字”“*名字”换成要写的值本身；如果 & 或 * 是文字的一部分，请给整个值加上引号。",
    ),
    Code(
        "yaml-second-document",
        "一个文件里有第二份文档（---）",
        "一个数据文件只能有一份文档：删掉这一行“---”（如果是从别的文件复制来的，请把下面的内容并入上面）。",
    ),
    Code(
        "yaml-full-width-colon",
        "字段名后面用了全角冒号“：”",
        "把“：”换成英文冒号加一个空格“: ”（输入法切换到英文状态后输入）。",
    ),
    Code(
        "yaml-colon-no-space",
        "冒号后面缺少空格",
        "“字段名: 值”中的英文冒号后面必须有一个空格，例如 year: 2023。",
    ),
    Code(
        "yaml-full-width-punct",
        "YAML 的标点用了全角字符",
        "括号、引号、逗号和列表开头的“- ”在 YAML 里必须是英文半角字符：输入法切换到英文状态后重新输入。",
    ),
    Code(
        "yaml-unclosed-quote",
        "引号没有配对",
        "在这个值的末尾补上与开头相同的英文引号；如果文字里本来有这个引号，可以改用另一种引号把整个值括起来。",
    ),
    Code(
        "yaml-indent",
        "缩进不对",
        "同一层的字段必须左对齐、缩进相同的空格数：按提示补上或删掉这一行开头的空格。",
    ),
    Code(
        "yaml-stray-dash",
        "这里多了一个列表符号“- ”",
        "“- ”只能出现在列表的每一项开头：如果这一行是上一项的一个字段，删掉“- ”并与上面的字段对齐。",
    ),
    Code(
        "yaml-unbalanced-brackets",
        "括号没有配对",
        '花括号 { } 和方括号 [ ] 必须成对出现在同一个值里，里面的各项用英文逗号分隔，例如 {zh: 家, en: ""}。',
    ),
    # -- plausibility and cross-file rules (plansite/check.py, plansite/rules*.py)
    # sources: a date shown or explicitly not shown, a copy read on (plansite/rules/sources.py)
    Code(
        "source-date-conflict",
        "来源的日期字段互相矛盾",
        "页面显示了日期就写 date（不写 date_shown 和 earliest_date）；页面没有显示日期就写 date_shown: false，"
        "删去 date，正文能推断的最早日期写在 earliest_date。",
    ),
    Code(
        "source-read-on-is-url",
        "全文副本的网址与官方网址相同",
        "url 填官方发布页面的网址；read_on 只填核对原文用的全文副本网址。两者相同时请删去 read_on。",
    ),
    Code(
        "number-quoted",
        "数字加了引号",
        '数值字段的数字不要加引号：把 "149" 改成 149（加了引号会被当作文字）。',
    ),
    Code(
        "value-out-of-range",
        "数值超出了这个指标可能的范围",
        "请对照来源原文核对数值（是否多打或少打了一位、正负号是否写反）；"
        "如果这个指标确实可以取这个值（例如增长率可以为负），请在 data/indicators.yaml 该指标的 range 中写明 min 和 max。",
    ),
    Code(
        "value-not-in-quote",
        "数值在它自己的原文句子里找不到",
        "value 必须是 quote 中写明的数字（149、149家、1.5亿元、15,000、1.5万都可以）：请对照原文核对数值和摘录的句子；"
        "如果原文确实没有逐字写出这个数（例如用汉字书写或需要相加），请在 quote_note 中说明原因。",
    ),
    Code(
        "date-in-future",
        "日期晚于今天",
        "来源的发布日期和数值的年份不能在未来：请对照原文核对年份和月份（常见的是把年份打错一位）。",
    ),
    Code(
        "date-too-early",
        "日期早于规划所述的最早年份",
        "这个日期早于规划所述的最早年份（{history_from} 年），多半是年份打错了：请对照原文核对；"
        "如果确实需要更早的年份，请在 plan.yaml 的 history_from 中写明。",
    ),
    Code(
        "observation-kind-mismatch",
        "观测值的类型（kind）与指标不符",
        "累计指标写 kind: cumulative-total，存量（年末总量或水平）指标写 kind: level；"
        "只给出当年新增数（yearly-flow）的来源说明不了进展，请换用给出总量的来源。",
    ),
    Code(
        "note-reading-same",
        "勘误说明的推测读法与原文字符串相同",
        "reading 应当是原文受损处的正确读法，与 source 不同；如果原文并没有受损，请删除这条勘误说明。",
    ),
    Code(
        "chapter-empty",
        "这一章既没有段落，也没有任何一节",
        "一章至少要有一段文字（paragraphs）或一节（children），否则网页上只有一个空标题：请补上这一章的内容，"
        "或删掉这个文件。",
    ),
    Code(
        "plan-period-order",
        "规划期、基期和最早年份的先后顺序不对",
        "period.start 不晚于 period.end，baseline_year 不晚于 period.start，history_from 不晚于 baseline_year："
        "请对照规划原文核对 plan.yaml 中的这几个年份。",
    ),
    Code(
        "id-out-of-place",
        "章节或段落的 id 与它在规划中的位置不符",
        "网址和段落锚点由 id 生成：节的 id 是上级 id 加“-序号”（3-2、3-2-1），段落的 id 是所在节的 id 加“-p序号”"
        "（3-2-p12）；直接写在章下的段落，id 是章的 id 加“-p序号”（3-p1）。",
    ),
    Code(
        "division-not-in-section",
        "所指的是整章，而不是某一节或其下的条目",
        "网站按节分页，章本身没有页面：请改为指向具体的节或条目（例如把 3 改成 3-2）。",
    ),
    Code(
        "target-equals-baseline",
        "目标值与基期值相同",
        "目标值等于基期值时无法计算进展：请对照规划原文核对目标值和基期值。",
    ),
    Code(
        "ui-key-missing",
        "网站界面文字（ui.yaml）缺少页面要用的键",
        "页面模板会用到这个键，缺少时网站无法生成：请在 data/ui.yaml 的 strings 中补上它的中文和英文（可参照相近的键）。",
    ),
    Code(
        "ui-english-missing",
        "网站界面文字（ui.yaml）的英文为空",
        "界面文字在英文版中直接显示：请补上这个键的英文（en）。",
    ),
    # -- stories in docs/<lang>/updates/ (plansite/stories.py)
    Code(
        "story-encoding",
        "动态文章不是 UTF-8 编码",
        "请用 UTF-8 编码保存文件（GitHub 网页编辑器默认就是 UTF-8；Windows 记事本另存为时选择 UTF-8）。",
    ),
    Code(
        "story-front-matter-missing",
        "动态文章开头缺少 front matter",
        "文章第一行写 ---，接着写 title: 标题 和 date: 2025-03-28（可加 description: 摘要），再单独一行写 ---。",
    ),
    Code(
        "story-front-matter-not-mapping",
        "动态文章开头的 front matter 不是“字段: 值”的形式",
        "两行 --- 之间每行写一个“字段: 值”，冒号用半角并在后面加一个空格，例如 title: 标题。",
    ),
    Code(
        "story-field-missing",
        "动态文章缺少必填的 title 或 date",
        "在开头两行 --- 之间补上 title: 标题 和 date: 2025-03-28。",
    ),
    Code(
        "story-field-unknown",
        "动态文章开头出现了一个不认识的字段",
        "front matter 只用 title、date、slug 和 description 四个字段；可能是拼写错误，请改正或删掉这一行。",
    ),
    Code(
        "story-slug-invalid",
        "动态文章的 slug（文件名用的英文短词）写得不对",
        "slug 只用小写英文字母、数字和连字符“-”，例如 high-tech-enterprises-2025；不要用中文、空格或下划线。"
        "同一篇动态的中文版和英文版填同一个 slug。",
    ),
    Code(
        "story-file-name-mismatch",
        "动态文章的文件名和它的日期、slug 对不上",
        "文件名应当是“日期-slug.md”，例如 2025-03-28-high-tech-enterprises.md：请按提示改文件名，或改 slug。"
        "中文版和英文版文件名相同，切换语言时才能找到对方。",
    ),
    Code(
        "story-date-invalid",
        "动态文章的日期不对",
        "date 写成 YYYY-MM-DD，月和日都用两位数字，例如 2025-03-28；不要写时间。",
    ),
    Code(
        "story-date-future",
        "动态文章的日期晚于今天",
        "date 是文章发布的日期，不能晚于今天（北京时间）；请改正日期，或等到那一天再合并。",
    ),
    Code(
        "story-description-missing",
        "动态文章缺少摘要（description）",
        "建议在开头补上 description: 一句话摘要；它会显示在动态列表、搜索结果和订阅（RSS）中。",
        WARNING,
    ),
    Code(
        "story-shortcode-id-unknown",
        "短代码中的 id 不存在",
        "请检查 id 的拼写：指标 id 见各指标页的地址或 data/indicators.yaml；图表还可以用 overview、projects-by-chain。",
    ),
    Code(
        "story-shortcode-malformed",
        "短代码写法不对，会原样显示在网页上",
        "短代码全部用半角字符、小写、不加空格：[[value:指标id]]、[[target:指标id]] 或 [[chart:图表id]]。",
    ),
    Code(
        "story-html-script",
        "动态文章中有脚本、嵌入内容或事件属性",
        "文章里不能放 <script>、<iframe>、<style>、<object>、<embed>、<form> 或 on…= 属性；"
        "链接请写成 [链接文字](https://网址)，图表请用 [[chart:指标id]]。",
    ),
    Code(
        "story-html",
        "动态文章中有 HTML 代码",
        "文章请用 Markdown 写：粗体 **文字**，链接 [文字](https://网址)，图片 ![说明](文件名.png)，"
        "列表以“- ”开头；只可以用 <br>、<sup>、<sub>（不带属性）。",
    ),
    Code(
        "story-link-unsafe",
        "链接或图片地址用了不安全的写法",
        "javascript:、vbscript: 和 data: 开头的地址不能发布；链接请写成 [链接文字](https://网址)，图片请上传文件后用文件名引用。",
    ),
    Code(
        "site-plan-missing",
        "site.yaml 列出的规划文件夹不存在",
        "plans 中的每一项都是 data/ 下一个规划文件夹的名字（也是它的网址前缀，例如 2021-2025）：检查拼写，或先建好这个文件夹。",
    ),
    Code(
        "continues-unknown",
        "continues 指向的规划或指标不存在",
        "continues 写前一个规划的文件夹名（plan，须在 data/site.yaml 的 plans 中，且早于本规划）和那个规划中同一指标的 id（indicator）。",
    ),
    Code(
        "site-plan-unknown",
        "site.yaml 指向了 plans 中没有的规划",
        "current（首页突出显示的规划）和 legacy_plan（旧网址转到的规划）必须是 plans 列出的文件夹之一。",
    ),
    Code(
        "editor-setting-invalid",
        "site.yaml 中表单编辑器（editor:）的设置写法不对或不完整",
        "repo 写成 所有者/仓库名（例如 kjj-tianmen/plan-site，GitLab 可以带子组）；backend: gitlab 还要写 app_id"
        "（在 GitLab 中为本网站登记的 OAuth 应用的 ID）；backend: gitea 还要写 app_id、api_root（https://…/api/v1）"
        "和 base_url（Gitea 的地址）。",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}


def codes_for(values: Mapping[str, object]) -> dict[str, Code]:
    """The registry with each hint's {placeholders} (the plan's period, baseline, earliest year) filled for one plan:
    hints name the plan's own years, never another plan's (values from plansite.facts.hint_values)."""
    return {k: replace(c, hint=fill(c.hint, values)) for k, c in CODES.items()}


@dataclass(frozen=True)
class Problem:
    """One problem at one place in one file."""

    code: str
    file: str  # path relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem is about the whole file
    column: int  # 1-based
    field: str = ""  # dotted path of the field, e.g. indicators[3].baseline.value
    value: Any = None  # the offending value, when there is one
    detail: str = ""  # what exactly is wrong here, in Chinese
    hint: str = ""  # overrides the code's hint when a better one is known

    @property
    def severity(self) -> str:
        return CODES[self.code].severity

    def format(self) -> str:
        """`file:line:column: code: message`, then the field, the value and a hint."""
        info = CODES[self.code]
        msg = info.title + (f"：{self.detail}" if self.detail else "")
        parts = [f"{self.file}:{self.line}:{self.column}: {self.code}: {msg}"]
        if self.field:
            parts.append(f"    字段：{self.field}")
        if self.value is not None:
            parts.append(f"    当前值：{self.value!r}")
        parts.append(f"    怎么改：{self.hint or info.hint}")
        return "\n".join(parts)

    def github(self) -> str:
        """A GitHub Actions workflow command: shown as an annotation on the line in the pull request."""
        info = CODES[self.code]
        level = "error" if self.severity == ERROR else "warning"
        detail = info.title + (f"：{self.detail}" if self.detail else "")
        if self.field:
            detail += f"（字段 {self.field}）"
        detail += f" 怎么改：{self.hint or info.hint}"
        detail = detail.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        where = f"file={self.file}" + (f",line={self.line},col={self.column}" if self.line else "")
        return f"::{level} {where},title={self.code}::{detail}"


def field_path(loc: tuple) -> str:
    """('indicators', 3, 'baseline', 'value') -> 'indicators[3].baseline.value'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class DataError(Exception):
    """Raised when data/ has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == ERROR]
        super().__init__(f"data/ 中有 {len(errors)} 个错误")

    def report(self) -> str:
        return "\n".join(p.format() for p in self.problems if p.severity == ERROR)


def rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
