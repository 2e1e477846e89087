//! Words of customer service in English and Hebrew, with weights in [−1, 1]: what people
//! write to a help desk (waiting, broken, refunds, thanks) and general lexicons underrate.
//! The English and Hebrew scorers add them to what their own lexicon or model sees.

/// Support words in English, weighted in [−1, 1]: the complaints and thanks of customer service
/// ("still", "waiting", "refund", "thx") that a general-purpose lexicon rates too weakly or
/// not at all. Where the general lexicon has a word, it is used instead.
pub(super) const WORDS: [(&str, f64); 135] = [
    // Complaints and distress.
    ("worst", -1.0),
    ("terrible", -1.0),
    ("awful", -1.0),
    ("horrible", -1.0),
    ("useless", -0.9),
    ("ridiculous", -0.9),
    ("pathetic", -1.0),
    ("disgusting", -1.0),
    ("furious", -1.0),
    ("angry", -0.8),
    ("annoyed", -0.6),
    ("frustrated", -0.7),
    ("frustrating", -0.7),
    ("disappointed", -0.7),
    ("disappointing", -0.7),
    ("unacceptable", -0.9),
    ("rude", -0.8),
    ("scam", -1.0),
    ("fraud", -1.0),
    ("broken", -0.5),
    ("wrong", -0.4),
    ("still", -0.3),
    ("waiting", -0.4),
    ("waited", -0.4),
    ("wait", -0.3),
    ("hours", -0.2),
    ("days", -0.2),
    ("weeks", -0.3),
    ("never", -0.4),
    ("lost", -0.5),
    ("late", -0.4),
    ("delayed", -0.5),
    ("delay", -0.4),
    ("cancelled", -0.4),
    ("canceled", -0.4),
    ("refund", -0.3),
    ("charged", -0.4),
    ("problem", -0.3),
    ("problems", -0.3),
    ("issue", -0.3),
    ("issues", -0.3),
    ("error", -0.4),
    ("fail", -0.5),
    ("failed", -0.5),
    ("fails", -0.5),
    ("crash", -0.5),
    ("crashing", -0.5),
    ("stuck", -0.5),
    ("nobody", -0.5),
    ("ignored", -0.7),
    ("ignoring", -0.7),
    ("why", -0.2),
    ("bad", -0.6),
    ("poor", -0.6),
    ("hate", -0.9),
    ("sucks", -0.9),
    ("unhappy", -0.7),
    ("complaint", -0.5),
    ("again", -0.2),
    ("down", -0.3),
    ("missing", -0.4),
    ("stupid", -0.8),
    ("wtf", -0.8),
    ("smh", -0.5),
    ("sick", -0.6),
    ("tired", -0.5),
    ("sad", -0.6),
    ("annoying", -0.6),
    ("nonsense", -0.8),
    ("unethical", -0.8),
    ("illegal", -0.7),
    ("immoral", -0.8),
    ("defective", -0.7),
    ("faulty", -0.6),
    ("died", -0.5),
    ("dead", -0.4),
    ("cracked", -0.5),
    ("freezing", -0.5),
    ("freezes", -0.5),
    ("crashed", -0.5),
    ("crashes", -0.5),
    ("corrupted", -0.6),
    ("unable", -0.4),
    ("failing", -0.6),
    ("endless", -0.5),
    ("hacked", -0.6),
    ("disturbing", -0.7),
    ("laggy", -0.6),
    ("buggy", -0.6),
    ("buggiest", -0.8),
    ("bs", -0.7),
    ("bullshit", -0.9),
    ("crap", -0.8),
    ("worse", -0.6),
    ("nothing", -0.3),
    ("can't", -0.3),
    ("cannot", -0.3),
    ("won't", -0.3),
    ("asap", -0.3),
    ("urgent", -0.3),
    ("refused", -0.5),
    ("gouging", -0.7),
    // Praise and relief.
    ("thanks", 0.6),
    ("thank", 0.6),
    ("thx", 0.5),
    ("appreciate", 0.7),
    ("appreciated", 0.7),
    ("great", 0.7),
    ("awesome", 0.8),
    ("amazing", 0.9),
    ("excellent", 0.9),
    ("love", 0.8),
    ("loved", 0.8),
    ("perfect", 0.8),
    ("helpful", 0.7),
    ("fixed", 0.5),
    ("resolved", 0.5),
    ("works", 0.3),
    ("working", 0.2),
    ("happy", 0.7),
    ("glad", 0.6),
    ("good", 0.5),
    ("nice", 0.5),
    ("best", 0.7),
    ("wonderful", 0.9),
    ("quick", 0.4),
    ("fast", 0.4),
    ("kind", 0.5),
    ("sorted", 0.4),
    ("cheers", 0.4),
    ("pleased", 0.6),
    ("brilliant", 0.8),
    ("fantastic", 0.9),
    ("wow", 0.6),
    ("please", 0.0),
];

/// Support words in Hebrew (matched as whole words or after one prefix letter, ו ה ב ש ל מ כ),
/// weighted in [−1, 1].
pub(super) const WORDS_HE: [(&str, f64); 52] = [
    ("גרוע", -1.0),
    ("גרועה", -1.0),
    ("נורא", -0.9),
    ("נוראי", -0.9),
    ("מחפיר", -1.0),
    ("בושה", -0.9),
    ("זוועה", -1.0),
    ("מאוכזב", -0.7),
    ("מאוכזבת", -0.7),
    ("אכזבה", -0.7),
    ("כועס", -0.8),
    ("כועסת", -0.8),
    ("עצבני", -0.8),
    ("עצבנית", -0.8),
    ("מתסכל", -0.7),
    ("מחכה", -0.4),
    ("מחכים", -0.4),
    ("חיכיתי", -0.5),
    ("עדיין", -0.3),
    ("תקלה", -0.4),
    ("בעיה", -0.3),
    ("שבור", -0.5),
    ("עובד", 0.2),
    ("איחור", -0.5),
    ("מאחר", -0.4),
    ("החזר", -0.3),
    ("חויבתי", -0.4),
    ("אף", -0.2),
    ("תודה", 0.6),
    ("מעולה", 0.8),
    ("מצוין", 0.8),
    ("מצוינת", 0.8),
    ("נהדר", 0.8),
    ("אדיב", 0.6),
    ("אדיבה", 0.6),
    ("מהיר", 0.4),
    ("מהירה", 0.4),
    ("שמח", 0.6),
    ("שמחה", 0.6),
    ("סודר", 0.5),
    ("מטופש", -0.8),
    ("המטופש", -0.8),
    ("נמאס", -0.8),
    ("מאכזב", -0.7),
    ("שטות", -0.8),
    ("בזבזתי", -0.6),
    ("אינסופית", -0.5),
    ("מת", -0.5),
    ("תקוע", -0.5),
    ("עובדת", 0.2),
    ("שום", -0.3),
    ("בדחיפות", -0.3),
];

pub(super) const HE_PREFIXES: [char; 7] = ['ו', 'ה', 'ב', 'ש', 'ל', 'מ', 'כ'];

/// The support words of a Hebrew message, summed (a word after a negation counts −0.7
/// times), fed one whitespace-separated token at a time (the Hebrew model's own pass
/// over the text feeds it, so the text is read once).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct HebrewSum {
    /// The sum so far.
    pub(super) sum: f64,
    negate: u8,
}

impl HebrewSum {
    /// Adds the support words of one token (it may hold punctuation, never white space).
    pub(super) fn add(&mut self, token: &str) {
        for word in super::tokens::words_of(token) {
            if matches!(word, "לא" | "אין" | "בלי") {
                self.negate = 1;
                continue;
            }
            if let Some(w) = hebrew_weight(word) {
                self.sum += if self.negate > 0 { -0.7 * w } else { w };
            }
            self.negate = self.negate.saturating_sub(1);
        }
    }
}

fn hebrew_weight(word: &str) -> Option<f64> {
    static MAP: std::sync::OnceLock<super::WordMap<&'static str, f64>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map = super::WordMap::default();
        for (w, v) in WORDS_HE {
            map.entry(w).or_insert(v);
        }
        map
    });
    let find = |w: &str| map.get(w).copied();
    find(word).or_else(|| {
        let mut chars = word.chars();
        let first = chars.next()?;
        HE_PREFIXES
            .contains(&first)
            .then(|| find(chars.as_str()))
            .flatten()
    })
}
