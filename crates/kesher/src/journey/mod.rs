//! The emotion graph: a customer's journey as emotion over time and stages, its turning and
//! critical points, and the typical pattern of many journeys.
//!
//! The vertical axis is [`crate::Emotion`], from −1 (furious) through 0 (neutral) to +1 (WOW);
//! the horizontal axis is time, or the process [`Stages`] (by default first contact, waiting,
//! answer, resolution and follow-up; a [`StageMap`] says which points belong where). Points come from annotations (agents, surveys), from a text scorer,
//! and from the emotion model that maps events to effects.

mod analysis;
mod drawing;
mod effects;
mod labels;
mod model;
mod pattern;
mod stagemap;
mod steps;
mod svg;
mod whatif;

pub use analysis::{
    critical_points, turning_points, CriticalPoint, CriticalPoints, Turn, TurningPoint,
};
pub(crate) use analysis::{criticals_of, turns_of};
pub use drawing::EmotionModel;
pub use effects::{EmotionEffects, Scenario};
pub use model::{journeys_from_points, AnnotatedPoint, Journey, JourneyPoint, Stages};
pub use pattern::{Pattern, PatternBuilder, StageSummary, StageTrouble};
pub use stagemap::{StageMap, StageRule, StageWhen};
pub(crate) use svg::stage_label;
pub use svg::{escape_xml, journey_svg, journey_svg_in, pattern_svg, pattern_svg_in, SvgOptions};
pub use whatif::{what_if, StageChange};
