"""Chinese wording of the names passes (PR1xx: names.py, given.py, counted.py, history.py) and of
campaigns.py: English template -> Chinese template, with the same `{arguments}`."""

ZH: dict[str, str] = {
    # kinds of declarations (names.py)
    "an event": "事件", "event": "事件",
    "a record": "记录", "record": "记录",
    "a rule": "规则", "rule": "规则",
    "a campaign": "活动", "campaign": "活动",
    "a reward": "兑换礼品", "reward": "兑换礼品",
    "a tier": "等级", "tier": "等级",
    "{kind} {name}": "{kind} {name}",
    "field {name}": "字段 {name}",
    # names.py
    "there is already {what} named {name}": "已经有名为 {name} 的{what}",
    "give this {kind} another name": "给这个{kind}换个名称",
    "a record cannot be named {name}, the name of a type": "记录不能叫 {name}：这是类型的名称",
    "name it after what it holds, like `item`": "按它存放的内容命名，如 `item`",
    "put every profile field in one `profile {{ … }}`": "把所有会员资料字段写在同一个 `profile {{ … }}` 里",
    "the profile field {name} has the name of the built-in {name}": "会员资料字段 {name} 与内置名称 {name} 同名",
    "rename it, like `{name}_of_member`": "给它改个名，如 `{name}_of_member`",
    "the profile field {name} has the name of a field of event {event}": "会员资料字段 {name} 与事件 {event} 的字段同名",
    "rename one of them, like `member_{name}`, so a condition says which it reads":
        "把其中一个改名，如 `member_{name}`，让条件读哪一个一目了然",
    "the field {name} is declared twice": "字段 {name} 声明了两次",
    "remove one or rename it": "删掉一个，或给它改名",
    "every event already has a field {name}": "每个事件都自带字段 {name}",
    "remove it, or rename it if it means something else (like `{name}_2`)":
        "删掉它；如果它另有含义，就改个名（如 `{name}_2`）",
    "remove it, or give it a name of its own like `referee`": "删掉它，或给它起个自己的名称，如 `referee`",
    "the field {name} hides the built-in {name} in conditions": "字段 {name} 在条件中遮住了内置的 {name}",
    "rename it, like `{name}_of_order`, to keep the built-in usable": "给它改个名，如 `{name}_of_order`，以便仍能使用内置名称",
    "a field holds one value; for several records write `list of {name}`": "一个字段只存一个值；要存多条记录请写 `list of {name}`",
    'use {types}, a list of values `"a" | "b"` or `list of RECORD`':
        '请用 {types}、可选值列表 `"a" | "b"` 或 `list of RECORD`',
    "unknown type {name}": "未知的类型 {name}",
    "unknown record {name}": "未知的记录 {name}",
    "declare it: `record {name} {{ amount: money }}`": "先声明它：`record {name} {{ amount: money }}`",
    "the value {value} is listed twice": "值 {value} 列出了两次",
    "remove one": "删掉一个",
    # given.py: points the event carries
    "a points field needs the most points one event may carry": "积分字段需要写明一个事件最多可带多少积分",
    "add it, like `points up to 500`": "请加上，如 `points up to 500`",
    "the most points a field may carry must be a whole number above 0, not {number}":
        "积分字段的上限必须是大于 0 的整数，不能是 {number}",
    "write a whole number of points, like `points up to {n}`": "请写整数积分，如 `points up to {n}`",
    "the points fields of {event} are {fields}": "事件 {event} 的积分字段有 {fields}",
    "declare one in event {event}, like `{name}: points up to 500`": "请在事件 {event} 中声明一个，如 `{name}: points up to 500`",
    "unknown name {name}": "未知的名称 {name}",
    "`earn` pays a number of points (`earn 10 points`) or a points field; {offer}":
        "`earn` 发放固定积分（`earn 10 points`）或积分字段中的积分；{offer}",
    "{name} is a {kind} field, not points the event carries": "{name} 是类型为 `{kind}` 的字段，不是事件带来的积分",
    "declare it `{name}: points up to 500` if it holds the points to pay, or earn a number of points, "
    "like `earn 10 points`":
        "如果它存放的是要发放的积分，请声明为 `{name}: points up to 500`；否则请发放固定积分，如 `earn 10 points`",
    # counted.py: which events count toward a tier
    "tiers by {metric} count every event; `of` names none": "按 {metric} 定级会计入所有事件；不用 `of` 列出事件",
    "remove `of …`, or qualify by `spend` or `purchases`, which count only the events named":
        "删掉 `of …`，或改为按 `spend` 或 `purchases` 定级，它们只计入列出的事件",
    "points toward a tier are counted from every event the member earns them on": "定级积分来自会员获得积分的每一个事件",
    "event {kind} is counted more than once": "事件 {kind} 被计入了不止一次",
    "name each event once": "每个事件只写一次",
    "unknown event kind {kind}": "未知的事件类型 {kind}",
    "name an event the program declares": "请写本方案声明过的事件",
    "unknown name {name}: not a field of event {kind}": "未知的名称 {name}：不是事件 {kind} 的字段",
    "name a money field of {kind}": "请写 {kind} 的一个金额字段",
    "{field} is not money; tiers by {metric} count money": "{field} 不是金额；按 `{metric}` 定级计的是金额",
    "count a money field, like `{kind}.{field}`": "请计入金额字段，如 `{kind}.{field}`",
    "{kind} has no money field to count": "{kind} 没有可计入的金额字段",
    "event {kind} carries money in {fields}: say which counts": "事件 {kind} 的金额在 {fields} 中：请说明计入哪一个",
    "write `{kind}.{field}` for the field that counts toward the tier": "写 `{kind}.{field}`，指明计入定级的字段",
    "event {kind} carries no money to count toward tiers by spend": "事件 {kind} 没有金额，无法计入按消费定级",
    "name an event with a money field, or qualify by `purchases` to count events":
        "请写带金额字段的事件，或改为按 `purchases` 定级来计次数",
    "event {kind} carries money but does not count toward tiers by {metric}": "事件 {kind} 带有金额，却不计入按 `{metric}` 的定级",
    "say which events count: `tiers by {metric} of {kinds} over …` (add `{kind}` there if it should count)":
        "说明计入哪些事件：`tiers by {metric} of {kinds} over …`（若 `{kind}` 也应计入，就把它加进去）",
    "without `of`, only the events a rule pays points per money on count": "不写 `of` 时，只计入有规则按金额发积分的事件",
    "event {kind} is declared on line {line}": "事件 {kind} 声明在第 {line} 行",
    # history.py: a member's history
    "{what} reads a member's history, which only an event's conditions can": "{what} 读取了会员历史，只有事件的条件才能这样做",
    "a reward's `for` is about the member: use `tier` or a built-in like `date`":
        "兑换礼品的 `for` 条件针对会员：请用 `tier` 或内置名称，如 `date`",
    "the event kinds are {kinds}": "事件类型有 {kinds}",
    "{kind} carries no money, so {what} has nothing to add up": "{kind} 没有金额，所以 {what} 无从累计",
    "count the events instead: `count of {kind}`, or declare a money field in `event {kind}`":
        "改为统计次数：`count of {kind}`，或在 `event {kind}` 中声明金额字段",
    "{measure} is not something pointrules keeps of a member's history": "pointrules 不记录会员历史中的 {measure}",
    "write one of {options}": "请写 {options} 之一",
    "{what}: `first` is written without `of`": "{what}：`first` 后面不写 `of`",
    "write {word}": "请写 {word}",
    "{what}: `{measure}` is followed by `of`": "{what}：`{measure}` 后面要跟 `of`",
    "{adverb} does not go before {measure}": "{adverb} 不能放在 {measure} 前面",
    "a streak counts days (`streak of {kind}`) or weeks (`weekly streak of {kind}`)":
        "连续记录按天（`streak of {kind}`）或按周（`weekly streak of {kind}`）计",
    "{what}: history without a window is counted ever": "{what}：不写时间窗口的历史本来就是累计的",
    "leave the window out: `{history}`": "去掉时间窗口：`{history}`",
    "a streak takes no window: it counts back from today": "连续记录不带时间窗口：它从今天往回数",
    "write `streak of {kind}`; to count events in a period, `count of {kind} this {unit}`":
        "请写 `streak of {kind}`；要统计一段时间内的次数，写 `count of {kind} this {unit}`",
    "{window} is not a period history is kept for": "会员历史没有按 {window} 保留",
    "use {options}": "请用 {options}",
    "a rolling window counts days or weeks, not {unit}": "滚动窗口按天或周计，不能按 {unit}",
    "write `last {count} days`, or the calendar period so far: `this {unit}`":
        "请写 `last {count} days`，或用本期至今：`this {unit}`",
    "a rolling window of {window} is not a whole number of days from 1 to {most}":
        "{window} 的滚动窗口不是 1 到 {most} 之间的整数天",
    "write a window like `last 30 days`; for longer, use `this year` or `count of {kind}` (ever)":
        "请写 `last 30 days` 这样的窗口；更长的用 `this year`，或 `count of {kind}`（累计）",
    # campaigns.py: campaigns that multiply on the same day (PR340)
    "campaigns {a} and {b} both multiply on {day}; only the higher applies there":
        "活动 {a} 和 {b} 在 {day} 同时加倍；当天只按较高的倍数计",
    "say so with `campaigns combine by highest`, or write `campaigns combine by stacking` to apply both, "
    "stacked like the other multipliers":
        "请写明 `campaigns combine by highest`；若要两者都生效，写 `campaigns combine by stacking`，与其他倍数一样叠加",
    "campaign {name} is on line {line}": "活动 {name} 在第 {line} 行",
}
