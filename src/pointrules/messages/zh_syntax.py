"""Chinese wording of the syntax and limit diagnostics (PR001-PR006) and of what every pass shares:
English template -> Chinese template, with the same `{arguments}`."""

ZH: dict[str, str] = {
    # shared by every pass (check/report.py)
    "did you mean {name}?": "是不是想写 {name}？",
    "{what} is first given on line {line}": "{what}：首次出现在第 {line} 行",
    # syntax/errors.py: what was expected
    "a number": "数字",
    "a name": "名称",
    'a quoted text like "消费返积分"': '带引号的文本，如 "消费返积分"',
    "a date like `2026-11-11`": "日期，如 `2026-11-11`",
    "a day of the year like `11-11`": "一年中的某天，如 `11-11`",
    "a time of day like `10:00`": "一天中的时刻，如 `10:00`",
    "a comparison like `=` or `>=`": "比较符号，如 `=` 或 `>=`",
    "`+` or `-`": "`+` 或 `-`",
    "`*`, `/` or `%`": "`*`、`/` 或 `%`",
    "a rounding mode (`down`, `up`, `nearest` or `half-even`)": "取整方式（`down`、`up`、`nearest` 或 `half-even`）",
    "how multipliers stack (`multiplying`, `adding` or `best`)": "倍数的叠加方式（`multiplying`、`adding` 或 `best`）",
    "how campaigns combine (`highest` or `stacking`)": "活动的叠加方式（`highest` 或 `stacking`）",
    "the end of the file": "文件结尾",
    "the text {text}": "文本 {text}",
    "a value (a number, a field name, a quoted text or a date)": "一个值（数字、字段名、带引号的文本或日期）",
    # syntax/errors.py: the diagnostics
    "full-width `{ch}` is not part of the language": "全角的 `{ch}` 不是 pointrules 语言的一部分",
    "use the plain `{ch}` instead": "请改用半角的 `{ch}`",
    "`{name}` is not a name the language accepts": "`{name}` 不能用作名称",
    'names are ASCII letters, digits and `_`; put other languages in a label: '
    'rule base "消费返积分" on purchase {{ … }}':
        '名称只能由英文字母、数字和 `_` 组成；中文等其他文字请写在标签里：rule base "消费返积分" on purchase {{ … }}',
    "unexpected character `{ch}`": "意外的字符 `{ch}`",
    "expected `}}` before this `{token}`: the declaration above is not closed":
        "这个 `{token}` 之前应有 `}}`：上面的声明没有结束",
    "add `}}` at the end of the declaration above": "在上面声明的末尾加上 `}}`",
    "expected the next tier, found {found}: the threshold before it has no unit":
        "这里应是下一个等级，却是 {found}：它前面的门槛没有单位",
    "give every threshold its unit, like `silver from 2,000 CNY` or `gold from 12 purchases`":
        "给每个门槛写上单位，如 `silver from 2,000 CNY` 或 `gold from 12 purchases`",
    "expected {expected}, found {found}": "这里应是 {expected}，却是 {found}",
    "expected a number of points, like `10 points`, found {found}": "这里应是积分数，如 `10 points`，却是 {found}",
    "the file ends in the middle of a declaration": "文件在声明中途结束",
    "the file ends in the middle of a declaration: expected {expected}": "文件在声明中途结束：这里应是 {expected}",
    "close every `{{` with a `}}`": "每个 `{{` 都要有对应的 `}}`",
    "`{word}` starts a tier of its own on the line of tier `{tier}`": "`{word}` 在等级 `{tier}` 的同一行上另起了一个等级",
    "`{word}` is not a keyword the language knows here": "`{word}` 不是这里可用的关键字",
    "`{word}` is not a keyword the language knows here, so {found} cannot follow it":
        "`{word}` 不是这里可用的关键字，所以后面不能跟 {found}",
    "this text has no closing quote": "这段文本缺少结尾的引号",
    'end the text on the same line with `"`': '在同一行用 `"` 结束这段文本',
    "write it like `{example}`": "请照这样写：`{example}`",
    # check/texts.py: characters a quoted text may not hold (PR007)
    "this text holds the bidirectional control `{code}` ({name}), which can make it show "
    "in another order than it holds":
        "这段文本含有双向控制字符 `{code}`（{name}），它会让文本显示的顺序与实际内容不同",
    "remove it: what members read must be what the program says": "请删除它：会员看到的必须就是方案写的内容",
    "this text holds the line separator `{code}` ({name})": "这段文本含有行分隔符 `{code}`（{name}）",
    "remove it; a text is one line, and a new line inside it is written `\\n`":
        "请删除它；文本写在一行内，文本中的换行请写成 `\\n`",
    "this text holds the control character `{code}`": "这段文本含有控制字符 `{code}`",
    "remove it: control characters cannot be kept by every ledger (PostgreSQL refuses `U+0000`) "
    "or shown safely; a tab is written `\\t` and a new line `\\n`":
        "请删除它：控制字符无法在所有账本中保存（PostgreSQL 不接受 `U+0000`），也无法安全显示；"
        "制表符请写成 `\\t`，换行请写成 `\\n`",
    "{message}; {n:,} more later in this text": "{message}；这段文本后面还有 {n:,} 个",
    # syntax/scan.py, syntax/limits.py, pointrules/__init__.py: limits (PR005) and the file (PR006)
    "this file has {n:,} characters, more than the {most:,} a program may have":
        "这个文件有 {n:,} 个字符，超过了一个方案允许的 {most:,} 个",
    "split the program, or remove what is not part of it": "把方案拆开，或删去不属于它的内容",
    "this file has {n:,} lines, more than the {most:,} a program may have":
        "这个文件有 {n:,} 行，超过了一个方案允许的 {most:,} 行",
    "split the program, or remove empty lines": "把方案拆开，或删去空行",
    "this program has more than {n:,} words, numbers and symbols": "这个方案的词、数字和符号超过了 {n:,} 个",
    "this text is longer than {n:,} characters": "这段文本超过了 {n:,} 个字符",
    "shorten the text": "缩短这段文本",
    "this name is longer than {n:,} characters": "这个名称超过了 {n:,} 个字符",
    "shorten the name": "缩短这个名称",
    "this number is longer than {n:,} characters": "这个数字超过了 {n:,} 个字符",
    "points, money and counts are below 10^15: write a smaller number": "积分、金额和数量都小于 10^15：请写一个更小的数",
    "parentheses nest more than {n} deep here": "这里的括号嵌套超过了 {n} 层",
    "write the condition with fewer parentheses, or split it into several rules": "减少条件里的括号，或拆成几条规则",
    "this list has more than {n:,} values": "这个列表的值超过了 {n:,} 个",
    "split the values over several conditions joined by `or`": "把这些值分到几个用 `or` 连接的条件里",
    "this condition has more than {n} operators (`and`, `or`, `not`, `+`, `-`, `*`, `/`, `%`)":
        "这个条件的运算符（`and`、`or`、`not`、`+`、`-`、`*`、`/`、`%`）超过了 {n} 个",
    "split it into several rules or statements, or list values with `in (…)`": "拆成几条规则或语句，或用 `in (…)` 列出这些值",
    "this program nests more than {n} levels deep here": "这个方案在这里嵌套超过了 {n} 层",
    "split long conditions into several rules or remove extra parentheses": "把长条件拆成几条规则，或去掉多余的括号",
    "this program has {n:,} declarations, more than the {most:,} allowed": "这个方案有 {n:,} 个声明，超过了允许的 {most:,} 个",
    "split the program into several": "把方案拆成几个",
    "this program is too deeply nested to check": "这个方案嵌套太深，无法检查",
    "split long conditions into several rules": "把长条件拆成几条规则",
    "this file is not UTF-8 text": "这个文件不是 UTF-8 文本",
    "save the file as UTF-8": "请把文件存为 UTF-8 编码",
}
