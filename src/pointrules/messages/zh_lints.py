"""Chinese wording of the lints (PR5xx: lints.py), the ignore comments (ignores.py) and the guards
(guards/): English template -> Chinese template, with the same `{arguments}`."""

ZH: dict[str, str] = {
    # lints.py
    "rule `{rule}` can never fire: campaign `{campaign}` ended on {day}": "规则 `{rule}` 永远不会生效：活动 `{campaign}` 已于 {day} 结束",
    "remove the campaign or give it new dates": "请删掉这个活动，或给它新的日期",
    "rule `{rule}` can never fire: {why}": "规则 `{rule}` 永远不会生效：{why}",
    "rules `{first}` and `{rule}` award the same points for the same thing": "规则 `{first}` 和 `{rule}` 为同一件事发放同样的积分",
    "remove one of them, or give `{rule}` its own condition": "请删掉其中一条，或给 `{rule}` 加上自己的条件",
    "`{rule}` is at line {line}": "`{rule}` 在第 {line} 行",
    "campaign `{campaign}` has neither an end date nor a budget": "活动 `{campaign}` 既没有结束日期，也没有预算",
    "add `from DATE to DATE` or `budget N points`, or silence this with a comment "
    "`# pointrules: ignore[PR503] why it may run forever`":
        "请加上 `from DATE to DATE` 或 `budget N points`，或用注释屏蔽这条提示："
        "`# pointrules: ignore[PR503] why it may run forever`",
    "multiplier ×{factor} in rule `{rule}` is above ×{bound}": "规则 `{rule}` 的倍数 ×{factor} 超过了 ×{bound}",
    "tier `{tier}` multiplies by ×{factor}, above ×{bound}": "等级 `{tier}` 的倍数 ×{factor} 超过了 ×{bound}",
    "check the number: did you mean a smaller factor, like 1.5?": "请检查这个数字：是不是想写更小的倍数，如 1.5？",
    "per day": "每日", "per week": "每周", "per month": "每月", "per quarter": "每季度", "per half-year": "每半年",
    "per year": "每年", "per event": "每笔",
    "this cap of {cap:,} points {per} is lower than the {points:,} points rule `{rule}` always awards":
        "{per} {cap:,} 积分的上限，低于规则 `{rule}` 每次固定发放的 {points:,} 积分",
    "raise the cap or lower the award": "请提高上限或降低奖励",
    "rule `{rule}` is at line {line}": "规则 `{rule}` 在第 {line} 行",
    "tier `{higher}` multiplies by ×{factor}, less than `{lower}` below it (×{lower_factor})":
        "等级 `{higher}` 的倍数 ×{factor}，反而低于下一级 `{lower}`（×{lower_factor}）",
    "order tiers from the lowest to the highest, with rising multipliers": "请按从低到高排列等级，倍数逐级上升",
    "the program does not say when points expire": "方案没有说明积分何时过期",
    "add `expire at end of next year` (or any expiry), or `expire never` if points should last forever":
        "请加上 `expire at end of next year`（或其他有效期）；如果积分应永久有效，写 `expire never`",
    "points pay for no order: the program has no `redeem` block": "积分无法抵扣订单：方案中没有 `redeem` 块",
    "add `redeem {{ at most 100% of order }}` (or a smaller share) to let points pay for orders, or "
    "`# pointrules: ignore[PR520] why` when the rewards are the only way to use them":
        "请加上 `redeem {{ at most 100% of order }}`（或更小的比例）让积分可以抵扣订单；"
        "如果积分只能用来兑换礼品，写 `# pointrules: ignore[PR520] why`",
    "before issue 13 a program without `redeem` let points pay an order in full":
        "在 issue 13 之前，没有 `redeem` 的方案允许积分全额抵扣订单",
    "no example cases for this program (looked for `{file}`)": "这个方案没有示例用例（查找的是 `{file}`）",
    "write example cases in `{file}` and run `pointrules test`": "请在 `{file}` 中编写示例用例，并运行 `pointrules test`",
    "rule `{name}` has no label for members to read": "规则 `{name}` 没有给会员看的标签",
    "tier `{name}` has no label for members to read": "等级 `{name}` 没有给会员看的标签",
    "campaign `{name}` has no label for members to read": "活动 `{name}` 没有给会员看的标签",
    "reward `{name}` has no label for members to read": "兑换礼品 `{name}` 没有给会员看的标签",
    "add one after the name: {example}": "请在名称后面加上标签：{example}",
    "the terms cannot word `{part}` without code": "会员条款无法把 `{part}` 写成会员看得懂的文字",
    'label the condition: `{word} {whole} "…"`, in the words members read': '请给条件加上标签：`{word} {whole} "…"`，用会员看得懂的话写',
    'or label the field where it is declared: `{field} "…": …`': '或在声明字段的地方给它加上标签：`{field} "…": …`',
    "the terms cannot name `{name}` without its label": "`{name}` 没有标签，会员条款无法说明它是什么",
    'label the field where it is declared: `{name} "…": …`, in the words members read':
        '请在声明字段的地方给它加上标签：`{name} "…": …`，用会员看得懂的话写',
    "this `{what}` of rule `{rule}` can never apply: {why}": "规则 `{rule}` 的这条 `{what}` 永远不会生效：{why}",
    "change the rule's date condition or the days the campaign runs": "请修改规则的日期条件，或活动进行的日子",
    "one of the comparisons is probably a typo (did you mean `or`?), or the rule is not needed":
        "其中某个比较可能写错了（是不是想写 `or`？），或者这条规则并不需要",
    "`multiply {factor}` of rule `{rule}` never changes an award: `multiply {other_factor}` of rule `{other}` "
    "applies whenever it does, and only the largest factor counts":
        "规则 `{rule}` 的 `multiply {factor}` 从不改变奖励：它生效时规则 `{other}` 的 `multiply {other_factor}` "
        "也总会生效，而只有最大的倍数才算数",
    "remove it, raise its factor above the other, or give it a condition of its own":
        "请删掉它、把它的倍数调得比另一个高，或给它加上自己的条件",
    # check/satisfy.py: why conditions never hold (PR501, PR516)
    "none of its {n} alternatives can hold ({reasons})": "它的 {n} 种情形都不可能成立（{reasons}）",
    "{comparisons} cannot both hold": "{comparisons} 不可能同时成立",
    "{comparison} never holds": "{comparison} 永远不成立",
    "{comparisons} never fall on one day": "{comparisons} 不会落在同一天",
    "campaign `{campaign}` never runs on a day when {when}": "活动 `{campaign}` 进行的日子里，{when} 从不成立",
    "no value of `{name}` is possible": "`{name}` 没有任何可能的取值",
    # guards/returns.py: returns that mint points (PR515)
    "a `{kind}` of {whole} with {returned} returned keeps {left:,} points, where a `{kind}` of the {kept} kept "
    "earns {fresh:,}":
        "一笔 {whole} 的 `{kind}` 退掉 {returned} 后仍保留 {left:,} 积分，而直接买下保留的 {kept} 只得 {fresh:,} 积分",
    "pay the bonus in proportion to the amount (`earn 20 points per 50 CNY of amount`), or claw it back by hand "
    "(`pointrules ledger adjust`) when a return takes an order below its minimum":
        "请按金额比例发放奖励（`earn 20 points per 50 CNY of amount`）；或在退货使订单低于门槛时，"
        "手动扣回（`pointrules ledger adjust`）",
    "the return claws back points × returned / amount: {total:,} × {returned} / {whole}, rounded {rounding}, "
    "is {back:,} points; rule `{rule}` pays {gain:+,} points more on the purchase than on one of the amount kept":
        "退货扣回的积分 = 积分 × 退货金额 / 订单金额：{total:,} × {returned} / {whole}，按 {rounding} 取整，"
        "为 {back:,} 积分；规则 `{rule}` 在这笔订单上比按保留金额购买多发 {gain:+,} 积分",
    "the purchase (for a member of tier `{tier}`): {event}": "这笔订单（等级为 `{tier}` 的会员）：{event}",
    "the purchase of the amount kept: {event}": "按保留金额购买的订单：{event}",
    # ignores.py
    "nothing to ignore: no `{code}` on line {line}": "没有可忽略的内容：第 {line} 行没有 `{code}`",
    "remove `{code}` from the ignore": "请从忽略注释中删掉 `{code}`",
    "this `# pointrules:` comment is not an ignore": "这条 `# pointrules:` 注释不是有效的忽略注释",
    "write it as `{example}`": "请写成 `{example}`",
    "this ignore does not say why": "这条忽略注释没有写明理由",
    "write the reason after the codes: `{example}`": "请在代码后面写上理由：`{example}`",
    "unknown code `{code}` in an ignore": "忽略注释中的代码 `{code}` 未知",
    "an ignore without a code": "忽略注释中没有代码",
    "name the code the finding shows, like `PR503`; docs/diagnostics.md lists them all":
        "请写诊断显示的代码，如 `PR503`；docs/diagnostics.md 列出了全部代码",
    "`{code}` is an error, and errors cannot be ignored": "`{code}` 是错误，错误不能忽略",
    "`{code}` is an error here, and errors cannot be ignored": "`{code}` 在这里是错误，错误不能忽略",
    "fix what the error says; an error means the program cannot be used": "请按错误信息修正；有错误的方案无法使用",
    # guards/__init__.py: proved, refuted or not proved (PR510, PR511)
    "the return rate of `{kind}` can reach {rate}, above the {limit} checked": "`{kind}` 的返还率可达 {rate}，超过了校验的 {limit}",
    "a `{kind}` of {money} {currency} earns {earned}": "一笔 {money} {currency} 的 `{kind}`：{earned}",
    "the worst event found returns {rate}": "找到的最不利事件返还 {rate}",
    "the return rate of `{kind}` is not proved to stay within {limit}": "无法证明 `{kind}` 的返还率不超过 {limit}",
    "it can be up to {rate}": "它最高可达 {rate}",
    "it has no bound: {why}": "它没有上界：{why}",
    "one `{kind}` can cost {cost}, above the {money} {currency} checked": "一次 `{kind}` 的成本可达 {cost}，超过了校验的 {money} {currency}",
    "it can cost up to {cost}": "它的成本最高可达 {cost}",
    "the costliest event found costs {cost}": "找到的成本最高的事件花费 {cost}",
    "what one `{kind}` costs is not proved to stay within {money} {currency}": "无法证明一次 `{kind}` 的成本不超过 {money} {currency}",
    "the event below, sent once (each with its own id), earns {total:,} points": "下面的事件发送一次（各用自己的编号），获得 {total:,} 积分",
    "the event below, sent {times} times in one day (each with its own id), earns {total:,} points":
        "下面的事件在一天内发送 {times} 次（各用自己的编号），共获得 {total:,} 积分",
    "a member can earn {total:,} points in a day, above the {limit:,} checked": "会员一天可获得 {total:,} 积分，超过了校验的 {limit:,}",
    "it can be up to {most:,} points": "最高可达 {most:,} 积分",
    "the most a day of events found earns is {points:,} points": "找到的一天事件最多获得 {points:,} 积分",
    "the points a member earns in a day are not proved to stay within {limit:,}": "无法证明会员一天获得的积分不超过 {limit:,}",
    "reproduce one of them: {command}": "复现其中一次：{command}",
    "reproduce it: {command}": "复现：{command}",
    "change the rules until the guard holds, or raise the guard if the figure is intended": "请修改规则直到满足校验；如果这个数字是有意为之，就放宽校验",
    "counterexample: {how}": "反例：{how}",
    "add a cap, a minimum spend or a limit that bounds it, or raise the guard": "请加上限、最低消费或次数限制来约束它，或放宽校验",
    "{points:,} points on {day} for a member of tier `{tier}`": "{day} 等级为 `{tier}` 的会员获得 {points:,} 积分",
    # guards/overlap.py (PR513)
    "Monday": "星期一", "Tuesday": "星期二", "Wednesday": "星期三", "Thursday": "星期四", "Friday": "星期五",
    "Saturday": "星期六", "Sunday": "星期日",
    "campaigns `{a}` and `{b}` both multiply `{kind}` on {day} ({weekday}): ×{factor} together":
        "活动 `{a}` 和 `{b}` 在 {day}（{weekday}）同时给 `{kind}` 加倍：合计 ×{factor}",
    "write `campaigns combine by highest` so that only the larger applies, give the campaigns days they do not "
    "share, or keep it if the product is meant":
        "请写 `campaigns combine by highest`，只按较大的倍数计；或让两个活动的日期错开；如果本意就是相乘，可以保留",
    "campaign `{campaign}` is at line {line}": "活动 `{campaign}` 在第 {line} 行",
    # guards/split.py (PR512)
    "an": "", "a": "",
    "splitting {article} `{kind}` of {whole} {currency} into {k} of {part} {currency} earns {parts:,} points "
    "instead of {points:,}":
        "把一笔 {whole} {currency} 的 `{kind}`{article} 拆成 {k} 笔 {part} {currency}，获得 {parts:,} 积分，而整单只有 {points:,}",
    "pay the bonus once a day (`limit 1 time per day`), or in proportion to the amount "
    "(`earn 20 points per 50 CNY of amount`)":
        "请每天只发一次奖励（`limit 1 time per day`），或按金额比例发放（`earn 20 points per 50 CNY of amount`）",
    "rule `{rule}` pays {gain:+,} points more on the {k} orders (on {day}, for a member of tier `{tier}`)":
        "规则 `{rule}` 在这 {k} 笔订单上多发了 {gain:+,} 积分（{day}，等级为 `{tier}` 的会员）",
    "one of the orders: {event}": "其中一笔订单：{event}",
}
