// The pages' report renderer (在线自评's full report, 批量初审's detail view): the
// header, the verdict with the failing items first, and one table of checks per aspect
// (a stacked card per check on a phone: report.css). Every word for a verdict, a
// status or a comparison is the round's pack's (`meta.words`, api.page_meta, written
// into the page at build time). Python decides everything; this only renders.

// The DOM helper at this module's own ?v= (the page names both at the build's version).
const version = new URL(import.meta.url).searchParams.get("v");
const { el, breakable } = await import(`./dom.js${version ? `?v=${version}` : ""}`);

export const CHECK_HEADERS = ["状态", "检查项", "数值", "门槛", "差距", "原文条款、计算与说明"];

export function status_word(meta, status) {
  return meta.words?.status?.[status] ?? status;
}

export function badge(meta, status) {
  return el("span", { class: `report-badge is-${status || "none"}`, "data-status-word": status || "" }, status ? status_word(meta, status) : "—");
}

// A figure with its unit; a value in words (a list of base values) carries its own.
export function with_unit(value, unit) {
  if (value === null || value === undefined || value === "") return "—";
  const figure = /^[-+]?[\d,.]+$/.test(String(value));
  return unit && unit !== "是/否" && figure ? `${value} ${unit}` : String(value);
}

export function threshold_text(meta, check) {
  const signs = meta.words?.comparison_sign || {};
  const word = signs[check.comparison] ?? check.comparison ?? "";
  if (check.threshold === null || check.threshold === undefined || check.threshold === "") return word || "—";
  return `${word} ${with_unit(check.threshold, check.unit)}`.trim();
}

export function verdict_word(meta, verdict) {
  return meta.words?.verdict?.[verdict] ?? verdict;
}

export function verdict_note(meta, verdict) {
  return (meta.words?.verdict_note?.[verdict] || "").replace("{fail}", status_word(meta, "fail"));
}

function aspect_rank(meta) {
  const order = Object.keys(meta.aspects || {});
  return (aspect) => {
    const at = order.indexOf(aspect);
    return at < 0 ? order.length : at;
  };
}

// The report's keys are sorted for stable JSON; people read aspects in the standard's order.
export function in_aspect_order(meta, mapping) {
  const rank = aspect_rank(meta);
  return Object.entries(mapping).sort(([a], [b]) => rank(a) - rank(b));
}

function clause_href(meta, links, check) {
  const rule = meta.rules?.[check.id];
  return `${rule?.source === "standard" ? links.standard : links.method}#${encodeURIComponent(check.id)}`;
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

// Who, when, from what, against which standard and rule data: on screen and on paper.
// `source`: the file's name or what the input was.
export function header_view(meta, report, source) {
  const subject = report.subject || {};
  const pack = report.pack || {};
  const rows = [
    ["集群名称", subject.name || "（未填写集群名称）", "name"],
    ["申报时间", subject.filed_on || null, "filed-on"],
    ["校验日期", today(), "date"],
    ["来源", source || "—", "source"],
    ["依据", report.standard || "—", "standard"],
    ["规则数据", pack.hash ? `${pack.id} · ${pack.hash}` : "—", "pack"],
  ].filter(([, value]) => value !== null);
  return el("dl", { class: "report-header", "data-report-header": true },
    ...rows.map(([term, value, key]) => el("div", { "data-header": key }, el("dt", { text: term }), el("dd", { text: value }))));
}

// The checks that decide against the application, before everything else.
export function failing_view(meta, report) {
  const failing = (report.checks || []).filter((c) => c.status === "fail");
  if (!failing.length) return null;
  const rank = aspect_rank(meta);
  failing.sort((a, b) => rank(a.aspect) - rank(b.aspect) || Number(b.hard) - Number(a.hard));
  return el("div", { class: "report-failing", "data-report-failing": true },
    el("p", { class: "report-failing-title", text: `标为“${status_word(meta, "fail")}”的条目（${failing.length} 项）` }),
    el("ul", {}, ...failing.map((check) =>
      el("li", { "data-failing-id": check.id },
        el("a", { href: `#check-${check.id}`, text: meta.rules?.[check.id]?.title || check.id }),
        check.hard ? null : el("span", { class: "report-soft", text: "（非硬性）" }),
        el("span", { text: `：${check.message || ""}` })))));
}

function check_row(meta, links, check) {
  const rule = meta.rules?.[check.id] || {};
  const notes = (check.notes || []).map((note) => el("li", { text: note }));
  const [status_h, name_h, value_h, threshold_h, margin_h, text_h] = CHECK_HEADERS;
  return el(
    "tr",
    { id: `check-${check.id}`, "data-check-id": check.id, "data-status": check.status, class: `report-row is-${check.status}` },
    el("td", { class: "report-status-cell", "data-label": status_h }, badge(meta, check.status),
      el("span", { class: "report-hard", text: check.hard ? "硬性" : "非硬性" })),
    el("td", { class: "report-name", "data-label": name_h }, el("strong", { text: rule.title || check.id }),
      el("code", { class: "report-id" }, breakable(check.id))),
    el("td", { class: "report-num", "data-label": value_h, text: with_unit(check.value, check.unit) }),
    el("td", { class: "report-num", "data-label": threshold_h, text: threshold_text(meta, check) }),
    el("td", { class: "report-num", "data-label": margin_h, text: with_unit(check.margin, check.unit) }),
    el("td", { class: "report-explain", "data-label": text_h },
      el("p", { class: "report-message", "data-check-message": true, text: check.message || "" }),
      notes.length ? el("ul", { class: "report-notes" }, ...notes) : null,
      check.formula ? el("p", { class: "report-formula" }, "计算：", el("code", { text: check.formula })) : null,
      check.clause ? el("blockquote", { class: "report-clause" }, el("a", { href: clause_href(meta, links, check), text: `“${check.clause}”` })) : null),
  );
}

// One table per aspect, in the standard's order; `links`: {standard, method} page URLs.
export function checks_view(meta, report, links) {
  const groups = new Map();
  for (const check of report.checks || []) {
    if (!groups.has(check.aspect)) groups.set(check.aspect, []);
    groups.get(check.aspect).push(check);
  }
  return in_aspect_order(meta, Object.fromEntries(groups)).map(([aspect, checks]) =>
    el("section", { class: "report-aspect", id: `report-aspect-${aspect}`, "data-aspect": aspect },
      el("table", { class: "report-checks", "data-aspect": aspect },
        el("caption", { text: meta.aspects?.[aspect] || aspect }),
        el("colgroup", {}, ...["status", "name", "value", "threshold", "margin", "explain"].map((c) => el("col", { class: `report-col-${c}` }))),
        el("thead", {}, el("tr", {}, ...CHECK_HEADERS.map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, ...checks.map((check) => check_row(meta, links, check))))));
}

// Passed / total hard checks per aspect; an aspect with none says so (no "0 / 0").
export function score_rows(meta, report) {
  return in_aspect_order(meta, report.score?.by_aspect || {}).map(([aspect, part]) =>
    el("tr", { "data-aspect": aspect, "data-status": part.status },
      el("td", {}, el("a", { href: `#report-aspect-${aspect}`, text: meta.aspects?.[aspect] || aspect })),
      part.total
        ? el("td", { class: "report-num", text: `${part.passed} / ${part.total}` })
        : el("td", { class: "report-none", text: meta.words?.no_hard ?? "" }),
      el("td", {}, badge(meta, part.status))));
}
