// The playground page: sends the texts it holds to POST /api/play after each pause in typing and
// shows the answer. Everything shown is set as text (textContent), never parsed as HTML.
"use strict";

const PAUSE_MS = 300; // how long typing must pause before the program is checked again

const WORDS = {
  en: {
    title: "pointrules playground", language: "Language", download: "Download the program",
    program: "Program", problems: "Problems", try: "Try an event", pick: "Pick an event",
    event: "Event (JSON)", member: "Member (JSON: id, tier, profile fields)", award: "Award",
    cases: "Example cases", "cases-file": "The cases file (TOML)", terms: "Terms members read",
    checking: "checking…", checked: "checked", clean: "no problems", failed: "the playground did not answer",
    broken: "fix the errors in the program to see the award, the terms and the cases",
    noEvent: "pick or write an event above", noCases: "no example cases: write some in the cases file below",
    points: "points", help: "help",
  },
  zh: {
    title: "pointrules 积分方案试验场", language: "语言", download: "下载方案文件",
    program: "积分方案", problems: "问题", try: "试一个事件", pick: "选择事件",
    event: "事件 (JSON)", member: "会员 (JSON: id、等级、资料字段)", award: "积分结果",
    cases: "示例用例", "cases-file": "用例文件 (TOML)", terms: "会员看到的积分规则",
    checking: "检查中…", checked: "已检查", clean: "没有问题", failed: "试验场没有响应",
    broken: "修正方案中的错误后即可看到积分结果、积分规则和用例",
    noEvent: "请在上方选择或填写一个事件", noCases: "没有示例用例：可在下方的用例文件中编写",
    points: "积分", help: "建议",
  },
};

const $ = (id) => document.getElementById(id);
let timer = null;
let sent = 0; // requests sent; an answer to an older one is dropped
let waiting = false; // a request is on its way: the next waits for its answer, so checks never pile up
let again = false; // something changed while waiting
let samples = [];
let marks = new Map(); // line -> the most severe diagnostic on it

function words() { return WORDS[$("lang").value] || WORDS.en; }

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(check, PAUSE_MS);
}

async function check() {
  if (waiting) { again = true; return; }
  waiting = true;
  try { await ask(); } finally { waiting = false; }
  if (again) { again = false; schedule(); }
}

async function ask() {
  const number = ++sent;
  document.body.dataset.state = "busy";
  $("status").textContent = words().checking;
  const body = JSON.stringify({
    program: $("program").value, cases: $("cases").value, event: $("event").value,
    member: $("member").value, lang: $("lang").value,
  });
  let found;
  try {
    const response = await fetch("/api/play", { method: "POST", headers: { "Content-Type": "application/json" }, body });
    found = await response.json();
    if (!response.ok) throw new Error(found.error || response.statusText);
  } catch (error) {
    if (number === sent) {
      $("status").textContent = `${words().failed}: ${error.message}`;
      document.body.dataset.state = "failed";
    }
    return;
  }
  if (number !== sent) return;
  show(found);
  $("status").textContent = words().checked;
  document.body.dataset.state = "idle";
  document.body.dataset.answered = String(number);
}

function show(found) {
  showDiagnostics(found.diagnostics);
  const broken = found.shape === null;
  if (!broken) showSamples(found.samples); // while the program is broken, the events picked before stay
  $("award").replaceChildren(broken ? el("p", { class: "note", textContent: words().broken }) : award(found.award));
  $("terms").textContent = found.terms || "";
  showCases(broken ? null : found.cases, broken);
}

function showDiagnostics(diagnostics) {
  marks = new Map();
  const rank = { info: 0, warning: 1, error: 2 };
  for (const d of diagnostics) {
    const before = marks.get(d.line);
    if (!before || rank[d.severity] > rank[before.severity]) marks.set(d.line, d);
  }
  drawGutter();
  $("summary").textContent = diagnostics.length ? "" : words().clean;
  $("diagnostics").replaceChildren(...diagnostics.map((d) => {
    const item = el("li", { class: `diagnostic ${d.severity}`, "data-line": d.line, "data-code": d.code },
      el("span", { class: "where", textContent: `${d.line}:${d.column}` }),
      el("strong", { textContent: `${d.severity}[${d.code}] ` }), d.message);
    if (d.help) item.append(el("span", { class: "help", textContent: `${words().help}: ${d.help}` }));
    for (const note of d.notes) item.append(el("span", { class: "help", textContent: note }));
    item.addEventListener("click", () => goTo(d.line, d.column));
    return item;
  }));
}

function drawGutter() {
  const count = $("program").value.split("\n").length;
  const lines = [];
  for (let n = 1; n <= count; n++) {
    const mark = marks.get(n);
    const line = el("div", { class: mark ? `line ${mark.severity}` : "line", "data-line": n, textContent: n });
    if (mark) line.title = `${mark.code}: ${mark.message}`;
    lines.push(line);
  }
  $("gutter").replaceChildren(...lines);
  $("gutter").scrollTop = $("program").scrollTop;
}

function goTo(line, column) {
  const text = $("program").value;
  let at = 0;
  for (let n = 1; n < line; n++) at = text.indexOf("\n", at) + 1;
  $("program").focus();
  $("program").setSelectionRange(at + column - 1, at + column - 1);
  $("program").scrollTop = Math.max(0, (line - 5) * 20);
}

function award(result) {
  if (!result) return el("p", { class: "note", textContent: words().noEvent });
  if (result.error) return el("p", { class: "problem", id: "award-error", textContent: result.error });
  const box = el("div");
  for (const row of result.rows) {
    const sign = row.points >= 0 ? "+" : "";
    box.append(el("p", { class: "total", "data-member": row.member, textContent: `${row.member}: ${sign}${row.points.toLocaleString("en")} ${words().points}` }));
  }
  box.append(el("p", { class: "explanation", id: "explanation", textContent: result.explanation }));
  return box;
}

function showSamples(given) {
  const labels = given.map((s) => s.label);
  if (JSON.stringify(labels) === JSON.stringify(samples.map((s) => s.label))) return;
  const chosen = $("sample").value === "" ? undefined : (samples[Number($("sample").value)] || {}).label;
  samples = given;
  $("sample").replaceChildren(el("option", { value: "", textContent: "—" }),
    ...given.map((s, i) => el("option", { value: String(i), textContent: s.label })));
  const again = chosen === undefined ? -1 : labels.indexOf(chosen);
  $("sample").value = again >= 0 ? String(again) : "";
  if (!$("event").value.trim() && given.length) pick(0);
}

function pick(index) {
  const sample = samples[index];
  if (!sample) return;
  $("sample").value = String(index);
  $("event").value = JSON.stringify(JSON.parse(sample.event), null, 1);
  $("member").value = sample.member;
  schedule();
}

function showCases(report, broken) {
  $("case-results").replaceChildren();
  if (broken) { $("cases-summary").textContent = ""; return; }
  if (!report) { $("cases-summary").textContent = words().noCases; return; }
  if (report.problems) {
    $("cases-summary").textContent = "";
    $("case-results").replaceChildren(...report.problems.map((p) => el("li", { class: "problem", textContent: p })));
    return;
  }
  $("cases-summary").textContent = `${report.passed} passed, ${report.failed} failed`;
  $("case-results").replaceChildren(...report.results.map((r) => {
    const item = el("li", { class: `case ${r.passed ? "passed" : "failed"}`, textContent: r.name });
    for (const f of r.failures) {
      item.append(el("ul", {}, ...f.mismatches.map((x) =>
        el("li", { textContent: `event ${f.event}: ${x.what}: expected ${x.expected}, got ${x.actual}` }))));
      if (f.explanation) item.append(el("p", { class: "explanation", textContent: f.explanation }));
    }
    return item;
  }));
}

function translate() {
  document.documentElement.lang = $("lang").value === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = words()[node.dataset.text];
}

function download() {
  const blob = new Blob([$("program").value], { type: "text/plain;charset=utf-8" });
  const link = el("a", { href: URL.createObjectURL(blob), download: $("file").dataset.name || "program.points" });
  link.click();
  URL.revokeObjectURL(link.href);
}

async function start() {
  const response = await fetch("/api/start");
  const given = await response.json();
  $("file").textContent = given.file;
  $("file").dataset.name = given.file;
  $("program").value = given.program;
  $("cases").value = given.cases;
  if (given.lang) $("lang").value = given.lang;  // the configuration's `lang`, until the reader picks another
  drawGutter();
  for (const id of ["program", "cases", "event", "member"]) $(id).addEventListener("input", schedule);
  $("program").addEventListener("input", drawGutter);
  $("program").addEventListener("scroll", () => { $("gutter").scrollTop = $("program").scrollTop; });
  $("lang").addEventListener("change", () => { translate(); schedule(); });
  $("sample").addEventListener("change", () => pick(Number($("sample").value)));
  $("download").addEventListener("click", download);
  translate();
  check();
}

document.addEventListener("DOMContentLoaded", start);
