//! Pictures: one journey, and a typical pattern, as self-contained SVG. Every text from data is
//! escaped; Hebrew labels are marked right-to-left.

use super::analysis::{criticals_of, turns_of, Turn};
use super::labels::{Labels, Rect, Side};
use super::model::{Journey, Stages};
use super::pattern::Pattern;
use crate::catalogue::Wording;
use crate::support::decimal::{fixed, shortest};
use crate::{emotion::EmotionLevel, language::Language};
use std::fmt::Write;

/// How to draw.
///
/// # Example
///
/// ```
/// let o = kesher::journey::SvgOptions::default();
/// assert_eq!((o.width, o.height), (760, 400));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SvgOptions {
    /// Label language (Hebrew is drawn right to left).
    pub language: Language,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// A title (escaped).
    pub title: Option<String>,
    /// Plot one journey against its stages instead of time.
    pub by_stage: bool,
    /// The critical level (crossings below it are marked): angry, −0.66.
    pub threshold: f64,
}

impl SvgOptions {
    /// The default options at a size of `width` × `height` pixels, each from 120 to 10,000.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `width` or `height`.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::journey::SvgOptions;
    ///
    /// assert_eq!(SvgOptions::sized(800, 300)?.height, 300);
    /// assert_eq!(SvgOptions::sized(800, 30).unwrap_err().field(), Some("height"));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn sized(width: u32, height: u32) -> crate::error::Result<SvgOptions> {
        for (field, v) in [("width", width), ("height", height)] {
            if !(120..=10_000).contains(&v) {
                return Err(crate::error::Error::invalid(
                    field,
                    v,
                    "expected 120 to 10000 pixels",
                ));
            }
        }
        Ok(SvgOptions {
            width,
            height,
            ..SvgOptions::default()
        })
    }
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            language: Language::En,
            width: 760,
            height: 400,
            title: None,
            by_stage: false,
            threshold: EmotionLevel::Angry.value(),
        }
    }
}

/// Text as XML character data or attribute value.
///
/// # Example
///
/// ```
/// assert_eq!(kesher::journey::escape_xml("<script>\"a\" & 'b'</script>"),
///            "&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;");
/// assert_eq!(kesher::journey::escape_xml("a\u{1}b\u{FFFE}c\u{FDD0}\u{85}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}");
/// ```
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids or discourages (controls, noncharacters) are written
            // as U+FFFD, so any text makes a well-formed picture and the gap stays visible.
            c if unwritable(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Controls (but tab and line breaks) and Unicode noncharacters.
fn unwritable(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
}

const LEVELS: [EmotionLevel; 7] = [
    EmotionLevel::Furious,
    EmotionLevel::Angry,
    EmotionLevel::Frustrated,
    EmotionLevel::Neutral,
    EmotionLevel::Satisfied,
    EmotionLevel::Happy,
    EmotionLevel::Wow,
];

fn level_label(level: EmotionLevel, w: Wording<'_>) -> String {
    w.say(&format!("emotion-level-{}", level.name()), &[])
}

/// The picture's marks: turning point, lowest, below, median, journeys, prone to trouble.
fn words(w: Wording<'_>) -> [String; 6] {
    [
        "journey-turning-point",
        "journey-lowest",
        "journey-below",
        "journey-median",
        "journey-journeys",
        "journey-prone-to-trouble",
    ]
    .map(|id| w.say(id, &[]))
}

/// The most turning points labelled in one picture (the strongest; every turn keeps its mark),
/// and the most critical marks (the lowest first, then the crossings in time order).
const MAX_TURN_LABELS: usize = 24;

/// A stage's name for people: a built-in stage's message (`stage-<name>`), or the name of a
/// host's own stage with `_` read as a space.
pub(crate) fn stage_label(stage: &str, w: Wording<'_>) -> String {
    // Every language has every built-in stage (a test checks the built-in ones, `Wording`
    // a host's): a message missing is a stage of the host's own.
    w.say_if_any(&format!("stage-{stage}"))
        .unwrap_or_else(|| stage.replace('_', " "))
}

struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Frame {
    fn new(o: &SvgOptions) -> Frame {
        Frame {
            left: 90.0,
            right: f64::from(o.width) - 30.0,
            top: if o.title.is_some() { 50.0 } else { 24.0 },
            bottom: f64::from(o.height) - 50.0,
        }
    }
    fn y(&self, v: f64) -> f64 {
        self.top
            + (1.0 - crate::support::bounds::clamp(v, -1.0, 1.0)) / 2.0 * (self.bottom - self.top)
    }
}

/// `text-anchor` for a label: under `direction="rtl"` SVG anchors the text's logical start on
/// the right, so start and end swap to keep the label on the same side.
fn anchor(w: Wording<'_>, side: &'static str) -> &'static str {
    match (w.is_right_to_left(), side) {
        (true, "start") => "end",
        (true, "end") => "start",
        (_, side) => side,
    }
}

fn text_attrs(w: Wording<'_>) -> String {
    if w.is_right_to_left() {
        format!(
            r#" direction="rtl" xml:lang="{}""#,
            escape_xml(w.language())
        )
    } else {
        String::new()
    }
}

fn open(o: &SvgOptions, frame: &Frame, w: Wording<'_>) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" direction="ltr" font-family="sans-serif" font-size="12" role="img">"#,
        w = o.width,
        h = o.height
    );
    let _ = write!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    if let Some(title) = &o.title {
        let _ = write!(
            s,
            r#"<text x="{x}" y="28" font-size="16" font-weight="bold" text-anchor="middle"{a}>{t}</text>"#,
            x = shortest(f64::from(o.width) / 2.0),
            a = text_attrs(w),
            t = escape_xml(title)
        );
    }
    for level in LEVELS {
        let y = frame.y(level.value());
        let (stroke, width) = if level == EmotionLevel::Neutral {
            ("#555555", 1.5)
        } else {
            ("#e3e3e3", 1.0)
        };
        let _ = write!(
            s,
            r#"<line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="{stroke}" stroke-width="{width}"/>"#,
            l = shortest(frame.left),
            r = shortest(frame.right),
            y = fixed(y, 1),
            width = shortest(width)
        );
        let _ = write!(
            s,
            r##"<text x="{x}" y="{y}" dy="4" text-anchor="{anc}" fill="#444444"{a}>{t}</text>"##,
            x = shortest(frame.left - 8.0),
            y = fixed(y, 1),
            anc = anchor(w, "end"),
            a = text_attrs(w),
            t = escape_xml(&level_label(level, w))
        );
    }
    let _ = write!(
        s,
        r##"<line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="#c0392b" stroke-dasharray="4 4"/>"##,
        l = shortest(frame.left),
        r = shortest(frame.right),
        y = fixed(frame.y(o.threshold), 1)
    );
    s
}

/// One journey as SVG: the curve over time (or stages), the zero line, the named levels on the
/// vertical axis, turning points (green ▲ upward, orange ▼ downward) and critical points (the
/// lowest point and crossings below the threshold, red) marked and labelled.
///
/// # Example
///
/// ```
/// let j = kesher::journey::Journey::from_json(r#"{"customer_id": "c", "points": [
///   {"at": "2025-01-05T09:00:00Z", "stage": "before", "emotion": -0.2, "source": "emotion_model"},
///   {"at": "2025-01-05T10:00:00Z", "stage": "during", "emotion": -0.8, "source": "emotion_model", "cause": "<b>"},
///   {"at": "2025-01-05T11:00:00Z", "stage": "after", "emotion": 0.4, "source": "emotion_model"}]}"#)?;
/// let svg = kesher::journey::journey_svg(&j, &kesher::journey::Stages::default(), &kesher::journey::SvgOptions::default());
/// assert!(svg.starts_with("<svg") && svg.contains("turning point") && !svg.contains("<b>"));
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn journey_svg(journey: &Journey, stages: &Stages, o: &SvgOptions) -> String {
    journey_svg_in(journey, stages, o, o.language)
}

/// [`journey_svg`] with its words from `wording` (a host's catalogue and language) instead of
/// the built-in catalogue in `o.language`.
///
/// # Example
///
/// ```
/// use kesher::catalogue::{Catalogue, Wording};
/// let j = kesher::journey::Journey::from_json(r#"{"customer_id": "c", "points": [
///   {"at": "2025-01-05T10:00:00Z", "stage": "contact", "emotion": -0.5, "source": "emotion_model"},
///   {"at": "2025-01-05T11:00:00Z", "stage": "after", "emotion": 0.4, "source": "emotion_model"}]}"#)?;
/// let ours = Catalogue::built_in().with_messages("he", "emotion-level-furious = רותח")?;
/// let o = kesher::journey::SvgOptions::default();
/// let svg = kesher::journey::journey_svg_in(&j, &kesher::journey::Stages::default(), &o, Wording::new(&ours, "he")?);
/// assert!(svg.contains("רותח") && svg.contains(r#"direction="rtl" xml:lang="he""#));
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn journey_svg_in<'a>(
    journey: &Journey,
    stages: &Stages,
    o: &SvgOptions,
    wording: impl Into<Wording<'a>>,
) -> String {
    draw_journey(journey, stages, o, wording.into())
}

fn draw_journey(journey: &Journey, stages: &Stages, o: &SvgOptions, w: Wording<'_>) -> String {
    let frame = Frame::new(o);
    let mut s = open(o, &frame, w);
    let xs = if o.by_stage {
        stage_xs(&mut s, journey, stages, &frame, w)
    } else {
        time_xs(&mut s, journey, &frame)
    };
    let drawn = curve(&mut s, journey, &xs, &frame);
    marks(&mut s, journey, &drawn, &frame, o, w);
    s.push_str("</svg>");
    s
}

/// Where each point goes across when the picture is by stage, the stage names written under
/// the axis: stage bands of equal width, points spread evenly inside their band (NaN for a
/// point of no known stage).
fn stage_xs(
    s: &mut String,
    journey: &Journey,
    stages: &Stages,
    frame: &Frame,
    w: Wording<'_>,
) -> Vec<f64> {
    let points = journey.points();
    let n = points.len();
    let band = (frame.right - frame.left) / stages.len().max(1) as f64;
    let mut per: Vec<Vec<usize>> = vec![Vec::new(); stages.len()];
    for (i, p) in points.iter().enumerate() {
        if let Some(k) = p.stage.as_deref().and_then(|st| stages.position(st)) {
            if let Some(list) = per.get_mut(k) {
                list.push(i);
            }
        }
    }
    let mut xs = vec![f64::NAN; n];
    for (k, list) in per.iter().enumerate() {
        for (j, &i) in list.iter().enumerate() {
            if let Some(x) = xs.get_mut(i) {
                *x = frame.left + band * (k as f64 + (j as f64 + 1.0) / (list.len() as f64 + 1.0));
            }
        }
    }
    for (k, name) in stages.names().iter().enumerate() {
        let _ = write!(
            s,
            r##"<text x="{x}" y="{y}" text-anchor="middle" fill="#333333"{a}>{t}</text>"##,
            x = fixed(frame.left + band * (k as f64 + 0.5), 1),
            y = shortest(frame.bottom + 22.0),
            a = text_attrs(w),
            t = escape_xml(&stage_label(name, w))
        );
    }
    xs
}

/// Where each point goes across when the picture is by time, the first and last instants
/// written under the axis.
fn time_xs(s: &mut String, journey: &Journey, frame: &Frame) -> Vec<f64> {
    let points = journey.points();
    let n = points.len();
    let (first, last) = match (points.first(), points.last()) {
        (Some(f), Some(l)) => (f.at, l.at),
        _ => (chrono::DateTime::UNIX_EPOCH, chrono::DateTime::UNIX_EPOCH),
    };
    let span = crate::seconds::as_secs_f64(last - first);
    for (at, anchor) in [(first, "start"), (last, "end")] {
        if n > 0 {
            let _ = write!(
                s,
                r##"<text x="{x}" y="{y}" text-anchor="{anchor}" fill="#333333">{t}</text>"##,
                x = fixed(
                    if anchor == "start" {
                        frame.left
                    } else {
                        frame.right
                    },
                    1
                ),
                y = shortest(frame.bottom + 22.0),
                t = escape_xml(&crate::support::dates::ymd_hm(&at))
            );
        }
    }
    points
        .iter()
        .map(|p| {
            if span > 0.0 {
                frame.left
                    + crate::seconds::as_secs_f64(p.at - first) / span * (frame.right - frame.left)
            } else {
                (frame.left + frame.right) / 2.0
            }
        })
        .collect()
}

/// The curve through the points placed at `xs`, each point a circle with its instant, emotion
/// and cause as a tooltip; gives where each point was drawn, with its index.
fn curve(s: &mut String, journey: &Journey, xs: &[f64], frame: &Frame) -> Vec<(f64, f64, usize)> {
    let points = journey.points();
    let drawn: Vec<(f64, f64, usize)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let x = *xs.get(i)?;
            x.is_finite().then(|| (x, frame.y(p.emotion.value()), i))
        })
        .collect();
    if !drawn.is_empty() {
        let path: Vec<String> = drawn
            .iter()
            .map(|&(x, y, _)| format!("{},{}", fixed(x, 1), fixed(y, 1)))
            .collect();
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#2c6fbb" stroke-width="2.5"/>"##,
            path.join(" ")
        );
    }
    for (x, y, i) in &drawn {
        let p = points.get(*i);
        let tip = p
            .map(|p| {
                format!(
                    "{} {} {}",
                    crate::support::dates::ymd_hm(&p.at),
                    fixed(p.emotion.value(), 2).signed(),
                    p.cause.as_deref().unwrap_or("")
                )
            })
            .unwrap_or_default();
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="3.5" fill="#2c6fbb"><title>{}</title></circle>"##,
            escape_xml(&tip),
            x = fixed(*x, 1),
            y = fixed(*y, 1)
        );
    }
    drawn
}

/// The critical points (the lowest, the crossings below the threshold) and the turning points
/// marked, with labels placed clear of marks, labels and the curve.
fn marks(
    s: &mut String,
    journey: &Journey,
    drawn: &[(f64, f64, usize)],
    frame: &Frame,
    o: &SvgOptions,
    w: Wording<'_>,
) {
    // Where each point was drawn, by its index (one pass, not a search per mark).
    let mut drawn_at: Vec<Option<(f64, f64)>> = vec![None; journey.points().len()];
    for &(x, y, i) in drawn {
        if let Some(slot) = drawn_at.get_mut(i) {
            *slot = Some((x, y));
        }
    }
    let pos = |i: usize| drawn_at.get(i).copied().flatten();
    let [turning, lowest, below, ..] = words(w);
    let (turning, lowest, below) = (turning.as_str(), lowest.as_str(), below.as_str());
    let critical = criticals_of(journey, o.threshold);
    let mut marks: Vec<(usize, &str)> = critical.lowest.iter().map(|c| (c.index, lowest)).collect();
    marks.extend(critical.crossings.iter().map(|c| (c.index, below)));
    let turns = turns_of(journey, 0.0);
    // Every mark is known before any label is placed, so no label covers a later mark.
    let bounds = Rect {
        x0: frame.left + 2.0,
        y0: frame.top - 8.0,
        x1: f64::from(o.width) - 4.0,
        y1: frame.bottom + 10.0,
    };
    let mut labels = Labels::new(bounds, drawn.iter().map(|&(x, y, _)| (x, y)).collect());
    for &(x, y, _) in drawn {
        labels.mark(x, y, 3.5);
    }
    for (x, y) in marks.iter().filter_map(|(i, _)| pos(*i)) {
        labels.mark(x, y, 10.0);
    }
    for (x, y) in turns.iter().filter_map(|t| pos(t.index)) {
        labels.mark(x, y, 7.0);
    }
    for (n, (i, label)) in marks.into_iter().enumerate() {
        if let Some((x, y)) = pos(i) {
            let _ = write!(
                s,
                r##"<circle cx="{x}" cy="{y}" r="10" fill="none" stroke="#c0392b" stroke-width="2"/>"##,
                x = fixed(x, 1),
                y = fixed(y, 1)
            );
            let place = |labels: &mut Labels| labels.place(x, y, 10.0, label, Side::Below);
            if let Some((lx, ly)) = (n < MAX_TURN_LABELS).then(|| place(&mut labels)).flatten() {
                let _ = write!(
                    s,
                    r##"<text x="{lx}" y="{ly}" text-anchor="middle" fill="#c0392b" font-size="11"{a}>{t}</text>"##,
                    lx = fixed(lx, 1),
                    ly = fixed(ly, 1),
                    a = text_attrs(w),
                    t = escape_xml(label)
                );
            }
        }
    }
    // Labels for the strongest turns only: each placement looks at every mark and segment, so
    // a fixed number of them keeps a picture of any length linear in its points.
    let mut strongest: Vec<usize> = (0..turns.len()).collect();
    crate::support::sorting::sort_by(&mut strongest, |a, b| {
        let m = |i: &usize| turns.get(*i).map_or(0.0, |t| t.magnitude);
        m(b).total_cmp(&m(a))
    });
    let mut labelled = vec![false; turns.len()];
    for i in strongest.into_iter().take(MAX_TURN_LABELS) {
        if let Some(l) = labelled.get_mut(i) {
            *l = true;
        }
    }
    for (t, labelled) in turns.into_iter().zip(labelled) {
        if let Some((x, y)) = pos(t.index) {
            // An upward turn is a valley: its label goes below; a downward one above.
            let (color, mark, side) = match t.turn {
                Turn::Positive => ("#1e8449", "▲", Side::Below),
                Turn::Negative => ("#d68910", "▼", Side::Above),
            };
            let _ = write!(
                s,
                r#"<circle cx="{x}" cy="{y}" r="7" fill="none" stroke="{color}" stroke-width="2"/>"#,
                x = fixed(x, 1),
                y = fixed(y, 1)
            );
            let text = format!("{mark} {turning} {}", fixed(t.magnitude, 2));
            let place = |labels: &mut Labels| labels.place(x, y, 7.0, &text, side);
            if let Some((lx, ly)) = labelled.then(|| place(&mut labels)).flatten() {
                let _ = write!(
                    s,
                    r#"<text x="{lx}" y="{ly}" text-anchor="middle" fill="{color}" font-size="11"{a}>{t}</text>"#,
                    lx = fixed(lx, 1),
                    ly = fixed(ly, 1),
                    a = text_attrs(w),
                    t = escape_xml(&text)
                );
            }
        }
    }
}

/// A typical pattern as SVG: stages across, the median line with the 25–75 % band (dark) and
/// the 10–90 % band (light), the count of journeys per stage, and the stages prone to trouble
/// labelled in red.
///
/// # Example
///
/// ```
/// use kesher::journey::{PatternBuilder, Stages};
/// let mut b = PatternBuilder::new(Stages::default(), -0.66);
/// b.add_values("<acme>", &[Some(-0.2), Some(-0.7), Some(0.3)]);
/// b.add_values("<acme>", &[Some(-0.3), Some(-0.4), Some(0.1)]);
/// let svg = kesher::journey::pattern_svg(&b.finish()[0], &kesher::journey::SvgOptions::default());
/// assert!(svg.contains("median") && svg.contains("&lt;acme&gt;"));
/// ```
pub fn pattern_svg(pattern: &Pattern, o: &SvgOptions) -> String {
    pattern_svg_in(pattern, o, o.language)
}

/// [`pattern_svg`] with its words from `wording` (a host's catalogue and language).
///
/// # Example
///
/// ```
/// use kesher::journey::{PatternBuilder, Stages};
/// let mut b = PatternBuilder::new(Stages::default(), -0.66);
/// b.add_values("acme", &[Some(-0.2), Some(-0.7), Some(0.3)]);
/// let svg = kesher::journey::pattern_svg_in(&b.finish()[0], &kesher::journey::SvgOptions::default(), kesher::Language::Ru);
/// assert!(svg.contains("медиана"), "{svg}");
/// ```
pub fn pattern_svg_in<'a>(
    pattern: &Pattern,
    o: &SvgOptions,
    wording: impl Into<Wording<'a>>,
) -> String {
    draw_pattern(pattern, o, wording.into())
}

/// The pattern's bands: 10–90 % (light) under 25–75 % (dark), stage by stage at `x`.
fn bands(s: &mut String, pattern: &Pattern, frame: &Frame, x: &dyn Fn(usize) -> f64) {
    let area = |lo: &dyn Fn(usize) -> Option<f64>, hi: &dyn Fn(usize) -> Option<f64>| {
        let mut top = Vec::new();
        let mut bottom = Vec::new();
        for i in 0..pattern.stages.len() {
            if let (Some(l), Some(h)) = (lo(i), hi(i)) {
                top.push(format!("{},{}", fixed(x(i), 1), fixed(frame.y(h), 1)));
                bottom.push(format!("{},{}", fixed(x(i), 1), fixed(frame.y(l), 1)));
            }
        }
        bottom.reverse();
        (!top.is_empty()).then(|| [top, bottom].concat().join(" "))
    };
    let st = |i: usize| pattern.stages.get(i);
    if let Some(poly) = area(&|i| st(i).and_then(|s| s.p10), &|i| {
        st(i).and_then(|s| s.p90)
    }) {
        let _ = write!(
            s,
            r##"<polygon points="{poly}" fill="#aed6f1" fill-opacity="0.6"/>"##
        );
    }
    if let Some(poly) = area(&|i| st(i).and_then(|s| s.p25), &|i| {
        st(i).and_then(|s| s.p75)
    }) {
        let _ = write!(
            s,
            r##"<polygon points="{poly}" fill="#5dade2" fill-opacity="0.7"/>"##
        );
    }
}

fn draw_pattern(pattern: &Pattern, o: &SvgOptions, w: Wording<'_>) -> String {
    let mut o = o.clone();
    if o.title.is_none() {
        o.title = Some(pattern.segment.clone());
    }
    let frame = Frame::new(&o);
    let mut s = open(&o, &frame, w);
    let k = pattern.stages.len().max(1) as f64;
    let band = (frame.right - frame.left) / k;
    let x = |i: usize| frame.left + band * (i as f64 + 0.5);
    let [_, _, _, median, journeys, trouble] = words(w);
    let (median, journeys, trouble) = (median.as_str(), journeys.as_str(), trouble.as_str());
    bands(&mut s, pattern, &frame, &x);
    let line: Vec<String> = pattern
        .stages
        .iter()
        .enumerate()
        .filter_map(|(i, st)| {
            st.median
                .map(|m| format!("{},{}", fixed(x(i), 1), fixed(frame.y(m), 1)))
        })
        .collect();
    if !line.is_empty() {
        let _ = write!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#1b4f72" stroke-width="3"/>"##,
            line.join(" ")
        );
    }
    for (i, stage) in pattern.stages.iter().enumerate() {
        if let Some(m) = stage.median {
            let _ = write!(
                s,
                r##"<circle cx="{x}" cy="{y}" r="4" fill="#1b4f72"><title>{t}</title></circle>"##,
                x = fixed(x(i), 1),
                y = fixed(frame.y(m), 1),
                t = escape_xml(&format!("{median} {}", fixed(m, 2).signed()))
            );
        }
        let troubled = pattern
            .trouble
            .first()
            .is_some_and(|t| t.stage == stage.stage);
        let _ = write!(
            s,
            r##"<text x="{x}" y="{y}" text-anchor="middle" fill="{c}"{a}>{t}</text><text x="{x}" y="{y2}" text-anchor="middle" fill="#777777" font-size="10"{a}>{n} {j}</text>"##,
            x = fixed(x(i), 1),
            y = shortest(frame.bottom + 20.0),
            y2 = shortest(frame.bottom + 34.0),
            c = if troubled { "#c0392b" } else { "#333333" },
            a = text_attrs(w),
            t = escape_xml(&stage_label(&stage.stage, w)),
            n = stage.count,
            j = journeys
        );
        if troubled {
            let _ = write!(
                s,
                r##"<text x="{x}" y="{y}" text-anchor="middle" fill="#c0392b" font-size="11"{a}>⚠ {t}</text>"##,
                x = fixed(x(i), 1),
                y = fixed(frame.top + 14.0, 1),
                a = text_attrs(w),
                t = escape_xml(trouble)
            );
        }
    }
    let _ = write!(
        s,
        r##"<text x="{x}" y="{y}" text-anchor="{anc}" fill="#1b4f72" font-size="11"{a}>— {t}</text>"##,
        x = shortest(frame.right),
        anc = anchor(w, "end"),
        y = shortest(frame.top - 6.0),
        a = text_attrs(w),
        t = escape_xml(median)
    );
    s.push_str("</svg>");
    s
}
