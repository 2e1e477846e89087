//! The report as one self-contained HTML page: inline CSS and SVG, no script, no network.

use super::words::Words;
use super::{FirstResponseHistogram, Report, RetentionEntry, SegmentReport};
use crate::catalogue::Wording;
use crate::journey::stage_label;
use crate::journey::{escape_xml as esc, journey_svg_in, pattern_svg_in};
use crate::sla::statement::Coverage;
use crate::support::decimal::{fixed, shortest};
use crate::{journey::SvgOptions, language::Language};
use std::fmt::Write;

/// Brands drawn with their own section (the rest are in the table).
const DRAWN_BRANDS: usize = 12;
/// Recurring problems listed in the table (the Pareto chart shows 12).
const PROBLEM_ROWS: usize = 15;

const STYLE: &str = "
:root{--ink:#1c2833;--muted:#5d6d7e;--line:#d5dbdb;--accent:#1b4f72;--bad:#c0392b;--good:#1e8449;--bg:#f8f9f9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans Hebrew','DejaVu Sans',sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:28px;margin:0 0 4px}h2{font-size:21px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:17px;margin:0 0 8px}
.sub{color:var(--muted);margin:0 0 18px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(165px,1fr));gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .v{font-size:24px;font-weight:650;color:var(--accent)}.card .k{color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);font-size:14px}
th,td{padding:6px 9px;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}
th{background:#eaf2f8;font-weight:600;font-size:13px}td.t{overflow-wrap:anywhere;min-width:14em}td.n,th.n{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
.brand{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px;margin:16px 0}
.figs{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
.figs figure{margin:0;flex:1 1 420px;min-width:0}.figs figure.wide{flex-basis:100%}.figs svg{max-width:100%;height:auto}
.scroll{overflow-x:auto}
figcaption{color:var(--muted);font-size:13px;margin-bottom:4px}
.bad{color:var(--bad)}.good{color:var(--good)}.muted{color:var(--muted)}
ul.trouble{margin:6px 0 0;padding-inline-start:20px}
.note{background:#fef9e7;border:1px solid #f7dc6f;border-radius:6px;padding:8px 12px}
.lists{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:14px}
footer{margin-top:40px;color:var(--muted);font-size:13px}
";

/// Seconds as a short text: `4 min`, `2.5 h`, `3.1 d`.
fn short(seconds: f64, w: &Words<'_>) -> String {
    if seconds < 60.0 {
        format!("{} {}", fixed(seconds, 0), w.seconds)
    } else if seconds < 3600.0 {
        format!("{} {}", fixed(seconds / 60.0, 0), w.min)
    } else if seconds < 86_400.0 {
        format!("{} {}", fixed(seconds / 3600.0, 1), w.hours)
    } else {
        format!("{} {}", fixed(seconds / 86_400.0, 1), w.days)
    }
}

/// An edge of the histogram as a number and its unit: `(5, min)`, `(1, h)`, `(3, d)`.
fn edge<'w>(seconds: i64, w: &'w Words<'_>) -> (i64, &'w str) {
    if seconds < 3600 {
        (seconds / 60, &w.min)
    } else if seconds < 86_400 {
        (seconds / 3600, &w.hours)
    } else {
        (seconds / 86_400, &w.days)
    }
}

/// A bin's label: `< 5 min`, `5–15 min`, `30 min–1 h`, `≥ 3 d`.
fn bin_label(lower: Option<i64>, upper: Option<i64>, w: &Words<'_>) -> String {
    match (lower.map(|l| edge(l, w)), upper.map(|u| edge(u, w))) {
        (None, Some((u, unit))) => format!("< {u} {unit}"),
        (Some((l, a)), Some((u, b))) if a == b => format!("{l}–{u} {a}"),
        (Some((l, a)), Some((u, b))) => format!("{l} {a}–{u} {b}"),
        (Some((l, unit)), None) => format!("≥ {l} {unit}"),
        (None, None) => String::new(),
    }
}

/// A share as a percentage: `94 %`, and in Hebrew `94%` (a space would let the sign drift to
/// the other side of the number in right-to-left text).
fn pct(rate: Option<f64>, w: &Words<'_>) -> String {
    rate.map_or_else(
        || w.not_available.to_string(),
        |r| format!("{}{}%", fixed(r * 100.0, 0), w.percent_space),
    )
}

/// Long data text cut to `max` characters, with an ellipsis.
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((i, _)) => format!("{}…", text.get(..i).unwrap_or(text)),
    }
}

fn seconds_or_na(s: Option<f64>, w: &Words<'_>) -> String {
    s.map_or_else(|| w.not_available.to_string(), |s| short(s, w))
}

fn text_attrs(w: &Words<'_>) -> &'static str {
    if w.wording.is_right_to_left() {
        r#" direction="rtl""#
    } else {
        ""
    }
}

/// The histogram as bars, the unanswered in grey at the end.
fn histogram_svg(h: &FirstResponseHistogram, w: &Words<'_>) -> String {
    let (width, height, left, bottom, top) = (440.0, 240.0, 34.0, 176.0, 20.0);
    let bins = h.counts.len() + 1;
    let band = (width - left - 8.0) / bins as f64;
    let max = h
        .counts
        .iter()
        .copied()
        .chain([h.unanswered])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" direction="ltr" font-family="sans-serif" font-size="10" role="img"><title>{t}</title>"#,
        width = shortest(width),
        height = shortest(height),
        t = esc(&w.first_response_distribution)
    );
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{bottom}" x2="{x2}" y2="{bottom}" stroke="#999"/><line x1="{left}" y1="{top}" x2="{x2}" y2="{top}" stroke="#eee"/><text x="{lx}" y="{ty}" text-anchor="end" fill="#777">{max}</text><text x="{lx}" y="{bottom}" text-anchor="end" fill="#777">0</text>"##,
        left = shortest(left),
        top = shortest(top),
        bottom = shortest(bottom),
        max = fixed(max, 0),
        x2 = shortest(width - 4.0),
        lx = shortest(left - 4.0),
        ty = shortest(top + 4.0)
    );
    let labels: Vec<String> = (0..bins)
        .map(|i| {
            let lower = i
                .checked_sub(1)
                .and_then(|j| h.edges_seconds.get(j))
                .copied();
            let upper = h.edges_seconds.get(i).copied();
            if i == bins - 1 {
                w.no_answer.to_string()
            } else {
                bin_label(lower, upper, w)
            }
        })
        .collect();
    for (i, label) in labels.iter().enumerate() {
        let count = h.counts.get(i).copied().unwrap_or(h.unanswered);
        let x = left + band * i as f64 + 2.0;
        let bar = (bottom - top) * count as f64 / max;
        let fill = if i == bins - 1 { "#aab7b8" } else { "#2e86c1" };
        let _ = write!(
            s,
            r#"<rect x="{x}" y="{y}" width="{bw}" height="{bar}" fill="{fill}"><title>{t}: {count}</title></rect>"#,
            x = fixed(x, 1),
            y = fixed(bottom - bar, 1),
            bw = fixed(band - 4.0, 1),
            bar = fixed(bar, 1),
            t = esc(label)
        );
        if count > 0 {
            let _ = write!(
                s,
                r##"<text x="{cx}" y="{y}" text-anchor="middle" fill="#333">{count}</text>"##,
                cx = fixed(x + (band - 4.0) / 2.0, 1),
                y = fixed(bottom - bar - 3.0, 1)
            );
        }
        let _ = write!(
            s,
            r##"<text x="{cx}" y="{y}" text-anchor="{anchor}" fill="#555" transform="rotate(-40 {cx} {y})"{a}>{t}</text>"##,
            // The label's right edge at the bar: that is the end of English text and the
            // start of right-to-left text.
            anchor = if w.wording.is_right_to_left() {
                "start"
            } else {
                "end"
            },
            cx = fixed(x + (band - 4.0) / 2.0 + 4.0, 1),
            y = fixed(bottom + 12.0, 1),
            a = text_attrs(w),
            t = esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

/// The recurring problems as a Pareto chart: bars of cases, the cumulative share as a line.
fn pareto_svg(report: &Report, w: &Words<'_>) -> String {
    let clusters: Vec<_> = report.problems.clusters.iter().take(12).collect();
    let (width, height, left, right, bottom, top) = (760.0, 250.0, 40.0, 720.0, 190.0, 16.0);
    let band = (right - left) / clusters.len().max(1) as f64;
    let max = clusters.iter().map(|c| c.cases).max().unwrap_or(1).max(1) as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" direction="ltr" font-family="sans-serif" font-size="11" role="img"><title>{t}</title>"#,
        width = shortest(width),
        height = shortest(height),
        t = esc(&w.problems)
    );
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#999"/><text x="{r2}" y="{t2}" fill="#c0392b">100 %</text><text x="{l2}" y="{t2}" text-anchor="end" fill="#777">{max}</text>"##,
        left = shortest(left),
        right = shortest(right),
        bottom = shortest(bottom),
        max = fixed(max, 0),
        r2 = shortest(right + 4.0),
        l2 = shortest(left - 4.0),
        t2 = shortest(top + 4.0)
    );
    let mut line = Vec::new();
    for (i, c) in clusters.iter().enumerate() {
        let x = left + band * i as f64;
        let bar = (bottom - top) * c.cases as f64 / max;
        let _ = write!(
            s,
            r##"<rect x="{x}" y="{y}" width="{bw}" height="{bar}" fill="#5dade2"><title>{t}: {n}</title></rect><text x="{cx}" y="{ly}" text-anchor="middle" fill="#333"{a}>{t}</text>"##,
            x = fixed(x, 1),
            y = fixed(bottom - bar, 1),
            bw = fixed(band - 6.0, 1),
            bar = fixed(bar, 1),
            cx = fixed(x + (band - 6.0) / 2.0, 1),
            ly = fixed(bottom + 15.0, 1),
            n = c.cases,
            a = text_attrs(w),
            t = esc(&c.label)
        );
        line.push(format!(
            "{},{}",
            fixed(x + (band - 6.0) / 2.0, 1),
            fixed(bottom - (bottom - top) * c.cumulative_share, 1)
        ));
    }
    if !line.is_empty() {
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#c0392b" stroke-width="2"/>"##,
            line.join(" ")
        );
    }
    s.push_str("</svg>");
    s
}

fn metric_rate(seg: &SegmentReport) -> Option<f64> {
    seg.metrics.sla.get("first_response").and_then(|c| c.rate)
}

fn hardest_stage(seg: &SegmentReport, w: &Words<'_>) -> String {
    seg.pattern
        .as_ref()
        .and_then(|p| p.trouble.first())
        .map_or_else(|| w.none.to_string(), |t| stage_label(&t.stage, w.wording))
}

fn segment_table(
    out: &mut String,
    rows: &[SegmentReport],
    first: &str,
    report: &Report,
    w: &Words<'_>,
) {
    let _ = write!(
        out,
        r#"<div class="scroll"><table><thead><tr><th>{first}</th><th class="n">{c}</th><th class="n">{m}</th><th class="n">{p}</th><th class="n">{s}</th><th class="n">{f}</th><th class="n">{u}</th><th class="n">{t}</th><th class="n">{wom}</th><th>{h}</th></tr></thead><tbody>"#,
        first = esc(first),
        c = w.cases_title,
        m = w.median_first_response,
        p = w.p90_first_response,
        s = w.within_sla,
        f = w.fcr,
        u = w.unanswered,
        t = w.transfers,
        wom = w.public_balance,
        h = w.hardest_stage,
    );
    for seg in rows {
        let m = &seg.metrics;
        let _ = write!(
            out,
            r#"<tr><td><bdi>{name}</bdi></td><td class="n">{c}</td><td class="n">{med}</td><td class="n">{p90}</td><td class="n">{sla}</td><td class="n">{fcr}</td><td class="n">{u}</td><td class="n">{t}</td><td class="n"><bdi>+{pp} / −{pn}</bdi></td><td>{h}</td></tr>"#,
            name = esc(&seg.name),
            c = m.cases,
            med = seconds_or_na(m.first_response.median, w),
            p90 = seconds_or_na(m.first_response.p90, w),
            sla = if report.with_contracts {
                pct(metric_rate(seg), w)
            } else {
                w.not_available.to_string()
            },
            fcr = pct(m.first_contact_resolution_rate, w),
            u = seg.unanswered_messages,
            t = seg.transfers,
            pp = seg.public_messages.positive,
            pn = seg.public_messages.negative,
            h = esc(&hardest_stage(seg, w)),
        );
    }
    out.push_str("</tbody></table></div>");
}

fn brand_section(out: &mut String, seg: &SegmentReport, report: &Report, w: &Words<'_>) {
    let m = &seg.metrics;
    let _ = write!(
        out,
        r#"<section class="brand"><h3><bdi>{name}</bdi> <span class="muted">· {c} {cases}</span></h3><div class="figs">"#,
        name = esc(&seg.name),
        c = m.cases,
        cases = w.cases
    );
    let _ = write!(
        out,
        "<figure><figcaption>{cap}</figcaption>{svg}</figure>",
        cap = w.first_response_distribution,
        svg = histogram_svg(&seg.first_response_histogram, w)
    );
    let options = SvgOptions {
        width: 420,
        height: 260,
        ..SvgOptions::default()
    };
    if let Some(p) = &seg.pattern {
        let _ = write!(
            out,
            "<figure><figcaption>{cap}</figcaption>{svg}</figure>",
            cap = w.emotion_pattern,
            svg = pattern_svg_in(p, &options, w.wording)
        );
    }
    if let Some(low) = &seg.lowest_journey {
        let title = low
            .journey
            .case_id
            .as_ref()
            .map(|c| c.as_str().to_string())
            .unwrap_or_else(|| low.journey.customer_id.as_str().to_string());
        let o = SvgOptions {
            title: Some(title),
            width: 900,
            height: 280,
            ..options.clone()
        };
        let _ = write!(
            out,
            r#"<figure class="wide"><figcaption>{cap}</figcaption>{svg}"#,
            cap = w.lowest_journey,
            svg = journey_svg_in(
                &low.journey,
                &crate::journey::Stages::default(),
                &o,
                w.wording
            )
        );
        if !low.said.is_empty() {
            let _ = write!(
                out,
                r#"<p class="muted">{}</p><ul class="said">"#,
                w.customer_said
            );
            for s in &low.said {
                let _ = write!(
                    out,
                    r#"<li><span class="muted" dir="ltr">{at}</span> <bdi>{text}</bdi></li>"#,
                    at = crate::support::dates::ymd_hm(&s.at),
                    text = esc(&s.text)
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("</figure>");
    }
    out.push_str("</div>");
    let _ = write!(out, "<p><strong>{}</strong>: ", w.prone_to_trouble);
    match seg.pattern.as_ref().filter(|p| !p.trouble.is_empty()) {
        None => out.push_str(&w.no_trouble),
        Some(p) => {
            let items: Vec<String> = p
                .trouble
                .iter()
                .map(|t| {
                    format!(
                        "{} ({} {}, {} {} <span dir=\"ltr\">{}</span>)",
                        esc(&stage_label(&t.stage, w.wording)),
                        pct(Some(t.drop_share), w),
                        w.dropped,
                        pct(Some(t.below_share), w),
                        w.below,
                        fixed(report.threshold, 2).signed()
                    )
                })
                .collect();
            out.push_str(&items.join(" · "));
        }
    }
    out.push_str("</p></section>");
}

fn retention_table(
    out: &mut String,
    title: &str,
    list: &[RetentionEntry],
    total: usize,
    w: &Words<'_>,
) {
    let _ = write!(
        out,
        r#"<div><h3>{title} <span class="muted">· {n} {of} {total}</span></h3>"#,
        n = list.len(),
        of = w.of_total
    );
    if list.is_empty() {
        let _ = write!(out, r#"<p class="muted">{}</p></div>"#, w.none);
        return;
    }
    let _ = write!(
        out,
        r#"<table><thead><tr><th>{c}</th><th class="n">{s}</th><th>{f}</th></tr></thead><tbody>"#,
        c = w.customer,
        s = w.score,
        f = w.facts
    );
    for e in list {
        let _ = write!(
            out,
            r#"<tr><td><bdi>{id}</bdi></td><td class="n">{s}</td><td class="t">{f}</td></tr>"#,
            id = esc(e.customer_id.as_str()),
            s = fixed(e.score, 2),
            f = e
                .facts
                .iter()
                .map(|f| format!("<bdi>{}</bdi>", esc(f)))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    out.push_str("</tbody></table></div>");
}

impl Report {
    /// The report as one self-contained HTML page in the report's language (Hebrew right to
    /// left). Every piece of data text is escaped.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::report::{ReportBuilder, ReportOptions};
    /// let now = "2025-01-06T00:00:00Z".parse().unwrap();
    /// let report = ReportBuilder::new(ReportOptions::default())
    ///     .finish(None, kesher::Language::He, now);
    /// let html = report.to_html();
    /// assert!(html.contains(r#"<html lang="he" dir="rtl">"#));
    /// ```
    pub fn to_html(&self) -> String {
        let language = self.language.parse::<Language>();
        let built_in = language.map_or_else(
            // A host's language needs its catalogue: `to_html_in`.
            |_| Wording::from(Language::En),
            Wording::from,
        );
        self.to_html_in(built_in)
    }

    /// [`Report::to_html`] with its words from `wording`: a host's catalogue (its own labels,
    /// or a language it added). The report's facts (retention) were written when it was
    /// finished, in the wording given to [`ReportBuilder::finish`](super::ReportBuilder::finish).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::catalogue::{Catalogue, Wording};
    /// use kesher::report::{ReportBuilder, ReportOptions};
    /// let ours = Catalogue::built_in().with_messages("en", "report-title = Service at Acme")?;
    /// let now = "2025-01-06T00:00:00Z".parse().unwrap();
    /// let wording = Wording::new(&ours, "en")?;
    /// let report = ReportBuilder::new(ReportOptions::default()).finish(None, wording, now);
    /// assert!(report.to_html_in(wording).contains("<h1>Service at Acme</h1>"));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn to_html_in<'a>(&self, wording: impl Into<Wording<'a>>) -> String {
        self.html(wording.into())
    }

    fn html(&self, wording: Wording<'_>) -> String {
        let w = Words::new(wording);
        let mut out = String::with_capacity(64 * 1024);
        self.html_head(&mut out, &w);
        self.html_cards(&mut out, &w);
        self.html_segments(&mut out, &w);
        self.html_problems(&mut out, &w);
        self.html_retention(&mut out, &w);
        self.html_contracts(&mut out, &w);
        let _ = write!(
            out,
            "<footer><h3>{}</h3><p>{}</p><p>kesher {}</p></footer></main></body></html>",
            w.method,
            w.method_text,
            env!("CARGO_PKG_VERSION")
        );
        out
    }

    /// The page's head, title, period and the inputs read and cases refused.
    fn html_head(&self, out: &mut String, w: &Words<'_>) {
        let m = &self.totals.metrics;
        let (code, dir) = (
            esc(w.wording.language()),
            if w.wording.is_right_to_left() {
                "rtl"
            } else {
                "ltr"
            },
        );
        let _ = write!(
            out,
            r#"<!DOCTYPE html><html lang="{code}" dir="{dir}"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>{title}</title><style>{STYLE}</style></head><body><main><h1>{title}</h1>"#,
            title = w.title
        );
        let date = |d: Option<chrono::DateTime<chrono::Utc>>| {
            d.map_or_else(String::new, |d| crate::support::dates::ymd(&d))
        };
        let _ = write!(
            out,
            r#"<p class="sub"><bdi>{n} {cases}</bdi> · {from} <bdi>{a}</bdi> {to} <bdi>{b}</bdi> · {as_of} <bdi>{now} UTC</bdi></p>"#,
            n = m.cases,
            cases = w.cases,
            from = w.from,
            to = w.to,
            a = date(self.first_case_at),
            b = date(self.last_event_at),
            as_of = w.as_of,
            now = crate::support::dates::ymd_hm(&self.now)
        );
        if !self.inputs.is_empty() {
            let items: Vec<String> = self
                .inputs
                .iter()
                .map(|i| {
                    format!(
                        "<bdi>{}</bdi> ({}): {} {}, {} {}, <span class=\"{}\">{} {}</span>",
                        esc(&i.name),
                        esc(&i.format),
                        i.read,
                        w.read,
                        i.accepted,
                        w.accepted,
                        if i.rejected > 0 { "bad" } else { "muted" },
                        i.rejected,
                        w.rejected
                    )
                })
                .collect();
            let _ = write!(
                out,
                r#"<p class="sub">{}: {}</p>"#,
                w.inputs,
                items.join(" · ")
            );
        }
        if self.refused_total > 0 {
            let items: Vec<String> = self
                .refused
                .iter()
                .map(|r| {
                    format!(
                        "<li><bdi>{}</bdi>: {}</li>",
                        esc(r.case_id.as_str()),
                        esc(&r.reason)
                    )
                })
                .collect();
            let _ = write!(
                out,
                r#"<p class="bad">{}: {}</p><ul class="refused">{}</ul>"#,
                w.refused_cases,
                self.refused_total,
                items.join("")
            );
        }
    }

    /// The key figures, as cards.
    fn html_cards(&self, out: &mut String, w: &Words<'_>) {
        let t = &self.totals;
        let m = &t.metrics;
        out.push_str(r#"<div class="cards">"#);
        let fcr_label = if m.resolved == 0 {
            format!("{}: {}", w.fcr, w.no_resolutions)
        } else {
            w.fcr.to_string()
        };
        let cards: [(&str, String); 8] = [
            (&w.cases_title, m.cases.to_string()),
            (
                &w.median_first_response,
                seconds_or_na(m.first_response.median, w),
            ),
            (
                &w.within_sla,
                if self.with_contracts {
                    pct(metric_rate(t), w)
                } else {
                    w.not_available.to_string()
                },
            ),
            (fcr_label.as_str(), pct(m.first_contact_resolution_rate, w)),
            (&w.unanswered, t.unanswered_messages.to_string()),
            (&w.waiting, t.waiting_cases.to_string()),
            (&w.transfers, t.transfers.to_string()),
            (&w.to_win_back, self.retention.win_back_total.to_string()),
        ];
        for (k, v) in cards {
            let _ = write!(
                out,
                r#"<div class="card"><div class="v">{v}</div><div class="k">{k}</div></div>"#
            );
        }
        out.push_str("</div>");
        if !self.with_contracts {
            let _ = write!(out, r#"<p class="note">{}</p>"#, w.no_contracts);
        }
    }

    /// The tables by brand and channel, and the brands' emotion patterns.
    fn html_segments(&self, out: &mut String, w: &Words<'_>) {
        let _ = write!(out, "<h2>{}</h2>", w.by_brand);
        segment_table(out, &self.brands, &w.brand, self, w);
        let _ = write!(out, "<h2>{}</h2>", w.by_channel);
        segment_table(out, &self.channels, &w.channel, self, w);
        // Brands drawn.
        let _ = write!(out, "<h2>{}</h2>", w.emotion_pattern);
        for seg in self.brands.iter().take(DRAWN_BRANDS) {
            brand_section(out, seg, self, w);
        }
        if self.brands.len() > DRAWN_BRANDS {
            let _ = write!(
                out,
                r#"<p class="muted">+{} {}</p>"#,
                self.brands.len() - DRAWN_BRANDS,
                w.more_brands
            );
        }
    }

    /// The recurring problems: a Pareto chart and a table.
    fn html_problems(&self, out: &mut String, w: &Words<'_>) {
        let p = &self.problems;
        let _ = write!(out, "<h2>{}</h2><p>{}</p>", w.problems, w.problems_intro);
        if p.sampled < p.described {
            let _ = write!(
                out,
                r#"<p class="note">{} {} {} {}</p>"#,
                w.problems_sampled, p.sampled, w.of, p.described
            );
        }
        if !p.clusters.is_empty() {
            out.push_str(&pareto_svg(self, w));
            let _ = write!(
                out,
                r#"<div class="scroll"><table><thead><tr><th>{pr}</th><th>{te}</th><th class="n">{c}</th><th class="n">{s}</th><th class="n">{cu}</th><th>{ex}</th><th>{an}</th></tr></thead><tbody>"#,
                pr = w.problem,
                te = w.terms,
                c = w.cases_title,
                s = w.share,
                cu = w.cumulative,
                ex = w.example,
                an = w.answer_candidate
            );
            for c in p.clusters.iter().take(PROBLEM_ROWS) {
                let _ = write!(
                    out,
                    r#"<tr><td><strong><bdi>{l}</bdi></strong></td><td><bdi>{t}</bdi></td><td class="n">{n}</td><td class="n">{s}</td><td class="n">{cu}</td><td class="t"><bdi>{e}</bdi></td><td class="t"><bdi>{a}</bdi></td></tr>"#,
                    l = esc(&c.label),
                    t = esc(&c.terms.join(", ")),
                    n = c.cases,
                    s = pct(Some(c.share), w),
                    cu = pct(Some(c.cumulative_share), w),
                    e = c
                        .examples
                        .first()
                        .map(|e| esc(&clip(e, 240)))
                        .unwrap_or_default(),
                    a = c
                        .answer_candidates
                        .first()
                        .map(|e| esc(&clip(e, 240)))
                        .unwrap_or_default(),
                );
            }
            out.push_str("</tbody></table></div>");
        } else {
            let _ = write!(out, r#"<p class="muted">{}</p>"#, w.none);
        }
    }

    /// The customers to win back, who may recommend, and to nurture.
    fn html_retention(&self, out: &mut String, w: &Words<'_>) {
        let r = &self.retention;
        let _ = write!(out, r#"<h2>{}</h2><div class="lists">"#, w.retention);
        retention_table(out, &w.win_back, &r.win_back, r.win_back_total, w);
        retention_table(
            out,
            &w.word_of_mouth,
            &r.word_of_mouth,
            r.word_of_mouth_total,
            w,
        );
        retention_table(out, &w.nurture, &r.nurture, r.nurture_total, w);
        out.push_str("</div>");
        if r.customer_records == 0 {
            let _ = write!(out, r#"<p class="muted">{}</p>"#, w.nurture_needs_records);
        }
    }

    /// The contracts' statements and the channels they cover.
    fn html_contracts(&self, out: &mut String, w: &Words<'_>) {
        let _ = write!(out, "<h2>{}</h2>", w.contracts);
        if self.with_contracts {
            out.push_str("<ul>");
            for s in &self.statements {
                let _ = write!(
                    out,
                    "<li><strong><bdi>{}</bdi></strong>: {}</li>",
                    esc(&s.contract),
                    esc(&s.text)
                );
            }
            out.push_str("</ul>");
            let _ = write!(
                out,
                r#"<h3>{}</h3><div class="scroll"><table><thead><tr><th>{}</th><th class="n">{}</th><th>{}</th></tr></thead><tbody>"#,
                w.coverage, w.channel, w.contacts, w.contracts
            );
            for c in &self.coverage {
                let (class, word) = match c.coverage {
                    Coverage::Covered => ("good", w.covered.as_str()),
                    Coverage::Partial => ("muted", w.partial.as_str()),
                    Coverage::Uncovered => ("bad", w.uncovered.as_str()),
                };
                let _ = write!(
                    out,
                    r#"<tr><td><bdi>{ch}</bdi></td><td class="n">{n}</td><td><span class="{class}">{word}</span> <bdi>{list}</bdi></td></tr>"#,
                    ch = esc(&c.channel.name()),
                    n = c.contacts,
                    list = esc(&c.contracts.join(", "))
                );
            }
            out.push_str("</tbody></table></div>");
        } else {
            let _ = write!(out, r#"<p class="note">{}</p>"#, w.no_contracts);
        }
    }
}
