"""Chinese wording of the rules pass (rules.py: events, earning, limits, campaigns, caps): English
template -> Chinese template, with the same `{arguments}`."""

ZH: dict[str, str] = {
    "declare it: `event {kind} {{ amount: money }}`": "先声明它：`event {kind} {{ amount: money }}`",
    "a multiplier": "倍数",
    "a limit": "次数限制",
    "rule {name}": "规则 {name}",
    "rule {name} awards no points": "规则 {name} 不发放任何积分",
    "add `earn 10 points` or `multiply 2`, or remove the rule": "请加上 `earn 10 points` 或 `multiply 2`，或删掉这条规则",
    "the points earned": "获得的积分",
    "a flat bonus must be whole points, not {number}": "固定奖励必须是整数积分，不能是 {number}",
    "write a whole number like `earn {n} points`; fractions are allowed only with `per`":
        "请写整数，如 `earn {n} points`；只有带 `per` 时才能用小数",
    "points can go to {members}": "积分可以发给 {members}",
    "points can only go to a member, and {name} is {kind}": "积分只能发给会员，而 {name} 是{kind}",
    "declare it `{name}: member`, or give the points to {members}": "请把它声明为 `{name}: member`，或把积分发给 {members}",
    "points per money need money, and {name} is {kind}": "按金额计积分需要金额，而 {name} 是{kind}",
    "to earn for each unit it counts, write {earn}": "要按它的每一个单位计积分，请写 {earn}",
    "to earn for each text it holds, write {earn}": "要按其中的每一项文本计积分，请写 {earn}",
    "count over a money field or a list of records that have one": "请对金额字段，或带金额字段的记录列表计积分",
    "points per money": "按金额计积分",
    "the block of money": "计积分的金额单位",
    "money field": "金额字段",
    "count field or list": "数量字段或列表",
    "{event} has no {noun}": "{event} 没有{noun}",
    "count over {fields}": "请对 {fields} 计积分",
    "{name} is money, not a list of records": "{name} 是金额，不是记录列表",
    "`where` picks records of a list, and {name} is {kind}": "`where` 用来挑选列表中的记录，而 {name} 是{kind}",
    "to earn only sometimes, write `earn … per … of {name} when …`": "只在部分情况下发放的话，请写 `earn … per … of {name} when …`",
    "to earn only sometimes, write `earn … per unit of {name} when …`":
        "只在部分情况下发放的话，请写 `earn … per unit of {name} when …`",
    "a list of texts": "文本列表",
    "record {record} has no field {name}": "记录 {record} 没有字段 {name}",
    "its money fields are {fields}": "它的金额字段有 {fields}",
    "its count fields are {fields}": "它的数量字段有 {fields}",
    "name a money field of {record}": "请写 {record} 的一个金额字段",
    "name a money field of {record}: {fields}": "请写 {record} 的一个金额字段：{fields}",
    "record {record} has {n} money fields: which one counts?": "记录 {record} 有 {n} 个金额字段：计入哪一个？",
    "name it, like `of {name}.{field}`": "请写明，如 `of {name}.{field}`",
    "record {record} has no money field to count": "记录 {record} 没有可计入的金额字段",
    "add one to the record, like `amount: money`, or count the records with `per unit of {name}`":
        "请给记录加一个，如 `amount: money`，或用 `per unit of {name}` 按记录条数计",
    "the number of units": "计积分的件数单位",
    "points per unit need a count, and {name} is {kind}": "按件数计积分需要数量，而 {name} 是{kind}",
    "to earn per money, write {earn}": "要按金额计积分，请写 {earn}",
    "count over a count field or a list: {fields}": "请对数量字段或列表计积分：{fields}",
    "declare the number to count as a count, like `cups: count`": "请把要计的数声明为数量，如 `cups: count`",
    "{name} is {kind}, not a list of records: it has no fields": "{name} 是{kind}，不是记录列表：它没有字段",
    "count the records: `per unit of {name}`": "按记录条数计：`per unit of {name}`",
    "name a count field of {record}: {fields}, or count the records with `per unit of {name}`":
        "请写 {record} 的一个数量字段：{fields}，或用 `per unit of {name}` 按记录条数计",
    "count the records with `per unit of {name}`": "请用 `per unit of {name}` 按记录条数计",
    # campaigns and caps
    "campaign {name}": "活动 {name}",
    "campaign {name} has more than one `from … to …`": "活动 {name} 有不止一个 `from … to …`",
    "keep one window; for several periods use one campaign each": "只保留一个时间段；多个时间段请各建一个活动",
    "its window": "它的时间段",
    "unknown weekday {day}": "未知的星期 {day}",
    "there is no day {day} in a month": "一个月里没有第 {day} 天",
    "days of the month go from 1 to 31": "每月的日期是 1 到 31",
    "a campaign budget": "活动预算",
    "campaign {name} has no rules": "活动 {name} 没有规则",
    "add a rule, like `rule double on purchase {{ multiply 2 }}`, or remove the campaign":
        "请加一条规则，如 `rule double on purchase {{ multiply 2 }}`，或删掉这个活动",
    "a cap": "上限",
    # the versions of a program (program/versions.py)
    "this version of {name} has no `version` number": "{name} 的这个版本没有 `version` 版本号",
    "each file of a folder of versions says which version it is: add `version 2`":
        "版本文件夹中的每个文件都要写明自己是第几版：请加上 `version 2`",
    "this version of {name} has no `effective from` date": "{name} 的这个版本没有 `effective from` 生效日期",
    "each file of a folder of versions says when it takes effect: add "
    "`effective from 2026-12-01` (or `… at 10:00`, in the program's time zone)":
        "版本文件夹中的每个文件都要写明何时生效：请加上 `effective from 2026-12-01`（或 `… at 10:00`，按方案的时区）",
    "two files are version {number} of {name}": "两个文件都是 {name} 的第 {number} 版",
    "give each version its own number: raise this one": "每个版本要有自己的版本号：请把这个调大",
    "the other is {file}": "另一个是 {file}",
    "version {later} takes effect on {date}, no later than version {earlier}":
        "第 {later} 版在 {date} 生效，不晚于第 {earlier} 版",
    "a later version takes effect after the one it replaces: change its date or its number":
        "后一版本要在它所取代的版本之后生效：请改它的日期或版本号",
    "version {earlier} takes effect on {date} ({file})": "第 {earlier} 版在 {date} 生效（{file}）",
    "version {earlier} runs to {end}, after version {later} takes effect on {date}":
        "第 {earlier} 版一直到 {end}，而第 {later} 版在 {date} 已生效",
    "one version is in force at a time: end it the day before, or leave out its `to`":
        "同一时间只有一个版本有效：请让它在前一天结束，或去掉它的 `to`",
    "version {later} changes {what} from {old} to {new}": "第 {later} 版把{what}从 {old} 改成了 {new}",
    "balances, lots and counters carry from one version to the next, so every version "
    "keeps the same program name, currency, time zone, value and points' name; "
    "a program that changes them is a new program":
        "余额、积分批次和计数会从一个版本带到下一个版本，所以每个版本都保持相同的方案名称、币种、时区、积分价值和积分名称；"
        "改变这些的是一个新方案",
    "the program's name": "方案名称",
    "the currency": "币种",
    "the time zone": "时区",
    "the points' name": "积分名称",
    "the value of points": "积分价值",
    "version {later} drops the tier {names} of version {earlier}": "第 {later} 版去掉了第 {earlier} 版的等级 {names}",
    "members may hold it when this version takes effect: keep the tier (its threshold "
    "and multiplier may change) and add new ones as you need":
        "这个版本生效时可能有会员持有该等级：请保留这个等级（门槛和倍数可以改），需要时再加新等级",
    # caps.py: two caps of one period over the same kinds (PR332)
    "on {kinds}": "（{kinds}）",
    "over every kind of event": "（所有事件）",
    "a second cap {per} {over}, as the cap on line {line}": "又一个{per}上限{over}，与第 {line} 行的上限相同",
    "keep one of them: only the lower can ever cut; to cap kinds apart, name them with `on`":
        "只保留一个：只有较低的那个才会起作用；要分别限制不同事件，请用 `on` 写明",
    "the first cap is `{text}`": "第一个上限是 `{text}`",
}
