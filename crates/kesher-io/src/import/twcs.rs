//! The Twitter customer-support format (Kaggle's *Customer Support on Twitter*, `twcs.csv`):
//! reply threads rebuilt into cases, one per brand taking part.

mod instants;

use super::hashing::HashMap;
use super::recent::RecentIds;
use super::{invalid, CaseBatch, CaseSource};
use crate::{Error, ImportSummary, Rejection};
use chrono::{DateTime, Utc};
use kesher::{
    event::CaseEvent,
    interaction::{Actor, Direction, Interaction, InteractionKind},
    AgentId, CaseId, Channel, CustomerId, InteractionId,
};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::BufRead;

const COLUMNS: [&str; 7] = [
    "tweet_id",
    "author_id",
    "inbound",
    "created_at",
    "text",
    "response_tweet_id",
    "in_response_to_tweet_id",
];

/// One tweet as read.
#[derive(Debug, Clone)]
struct Tweet {
    line: u64,
    id: u64,
    author: CustomerId,
    inbound: bool,
    at: DateTime<Utc>,
    text: String,
    replies_to: Option<u64>,
}

/// What a record checked as a row turned out to be: a row in the buffer, or one that cannot be
/// read.
enum Scanned {
    Row,
    Unreadable,
}

/// The checked fields of a row.
struct Row {
    id: u64,
    /// Checked once here: the author becomes a customer or an agent id.
    author: CustomerId,
    inbound: bool,
    at: DateTime<Utc>,
    replies_to: Option<u64>,
}

/// A thread being assembled: its tweets and how many of the ids they link to are not yet read.
#[derive(Debug, Default)]
struct Thread {
    tweets: Vec<Tweet>,
    pending: usize,
    /// The row of its latest tweet (for the watermark).
    last: u64,
    /// The slots merged into it (their links go when it is handed over).
    slots: Vec<usize>,
    /// The ids it linked to before they were read (their owners go when it is handed over).
    awaited: Vec<u64>,
}

/// What is known of a tweet id: read (in a thread), or only linked to (awaited by a thread).
#[derive(Debug, Clone, Copy)]
struct Owner {
    slot: usize,
    read: bool,
}

/// The Twitter customer-support CSV (columns `tweet_id, author_id, inbound, created_at, text,
/// response_tweet_id, in_response_to_tweet_id`) rebuilt into cases.
///
/// Tweets are joined into threads through both reply columns. A thread is complete when every
/// id its tweets link to has been read; it is then split into one case per brand (an author whose
/// tweets are not `inbound`): a brand's tweets are outbound agent messages (the agent is
/// `<brand>/<initials>` when the tweet is signed `^AB`), and each customer tweet goes to the
/// brand it replies to, else the brand that replies to it, else the brand of the tweet it replies
/// to, else the first brand it @mentions, else the thread's first brand. A thread with no brand
/// tweet becomes a case of the brand the first tweet @mentions (`unknown` when none): the
/// customer's message is unanswered. The case id is `<first tweet id>@<brand>`, the channel
/// `twitter`, and the case's `metadata.brand` the brand.
///
/// A thread whose links point outside the file is handed over once
/// [`crate::DEFAULT_CASE_WINDOW_ROWS`] rows pass without a tweet of it (the watermark; see
/// [`TwcsImporter::with_window`]), or when the input ends. A tweet repeating an id, or linking to
/// a thread already handed over, is rejected with its line and reason (the thread was complete
/// without it) when it comes within that window of the hand-over; the ids of the tweets handed
/// over are kept for that window (two at most), not for the whole file, so memory holds the
/// threads still open and one window of ids. Tweet text is kept as written: the `&amp;`, `&lt;` and `&gt;`
/// Twitter's API puts in are decoded.
///
/// # Example
///
/// ```
/// use kesher_io::{CaseSource, TwcsImporter};
///
/// let csv = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
/// 1,115712,True,Tue Oct 31 22:10:47 +0000 2017,@sprintcare my phone is dead,2,
/// 2,sprintcare,False,Tue Oct 31 22:11:45 +0000 2017,@115712 Sorry! DM us ^JD,,1
/// ";
/// let mut source = TwcsImporter::new(csv.as_bytes())?;
/// let case = source.next().unwrap()?.into_log().into_case()?;
/// assert_eq!(case.id().as_str(), "1@sprintcare");
/// assert_eq!(case.metadata()["brand"], "sprintcare");
/// assert_eq!(case.facts().time_to_first_human_response, Some(chrono::TimeDelta::seconds(58)));
/// assert!(source.next().is_none());
/// assert_eq!(source.summary().to_string(), "read 2, accepted 2, rejected 0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct TwcsImporter<R> {
    csv: csv::Reader<super::csv_lines::LineCounted<R>>,
    columns: [usize; 7],
    record: csv::StringRecord,
    /// The record as bytes, for the scans that only want the latest instant (see `instants`).
    bytes: csv::ByteRecord,
    /// Union-find links of the slots merged into another (a slot absent here is a root).
    parent: HashMap<usize, usize>,
    next_slot: usize,
    threads: HashMap<usize, Thread>,
    owners: HashMap<u64, Owner>,
    /// The ids of the tweets handed over within the window.
    done_ids: RecentIds,
    /// Rows of the window, oldest first, with the thread each went to: the watermark.
    touched: VecDeque<(u64, usize)>,
    window: u64,
    ready: VecDeque<Result<CaseBatch, Rejection>>,
    summary: ImportSummary,
    ended: bool,
    /// The links of the row being read (kept between rows for its capacity).
    links: Vec<u64>,
}

impl<R: BufRead> TwcsImporter<R> {
    /// An importer over `reader`; fails when the header lacks one of the seven columns.
    ///
    /// # Example
    ///
    /// ```
    /// let e = kesher_io::TwcsImporter::new("tweet_id,text\n".as_bytes()).unwrap_err();
    /// assert!(e.to_string().contains("author_id"));
    /// ```
    pub fn new(reader: R) -> Result<Self, Error> {
        Self::with_window(reader, crate::DEFAULT_CASE_WINDOW_ROWS)
    }

    /// An importer whose watermark is `window` rows: a thread without a tweet in that many rows
    /// is handed over, awaiting no more (`u64::MAX`: only when the input ends).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher_io::{CaseSource, TwcsImporter};
    ///
    /// // Tweet 1 awaits its reply 2, which the file does not have; tweet 3 is another thread.
    /// let csv = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
    /// 1,115712,True,Tue Oct 31 22:10:47 +0000 2017,@sprintcare my phone is dead,2,
    /// 3,115713,True,Tue Oct 31 22:12:00 +0000 2017,@sprintcare me too,,
    /// ";
    /// let mut source = TwcsImporter::with_window(csv.as_bytes(), 1)?;
    /// // With a window of one row, thread 1 is handed over as tweet 3 comes, not at the end.
    /// assert_eq!(source.next().unwrap()?.case_id.as_str(), "1@sprintcare");
    /// assert_eq!(source.next().unwrap()?.case_id.as_str(), "3@sprintcare");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_window(reader: R, window: u64) -> Result<Self, Error> {
        let reader = super::csv_lines::counted(reader);
        let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let headers = csv
            .headers()
            .map_err(|e| invalid("header", "", e.to_string()))?
            .clone();
        let mut columns = [0usize; 7];
        for (slot, name) in columns.iter_mut().zip(COLUMNS) {
            *slot = headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == name)
                .ok_or_else(|| {
                    invalid(
                        "header",
                        &headers.iter().collect::<Vec<_>>().join(","),
                        format!("the column `{name}` is missing"),
                    )
                })?;
        }
        Ok(Self::over(csv, columns, window))
    }

    fn over(
        csv: csv::Reader<super::csv_lines::LineCounted<R>>,
        columns: [usize; 7],
        window: u64,
    ) -> Self {
        TwcsImporter {
            csv,
            columns,
            record: csv::StringRecord::new(),
            bytes: csv::ByteRecord::new(),
            parent: HashMap::default(),
            next_slot: 0,
            threads: HashMap::default(),
            owners: HashMap::default(),
            done_ids: RecentIds::new(window),
            touched: VecDeque::new(),
            window: window.max(1),
            ready: VecDeque::new(),
            summary: ImportSummary::default(),
            ended: false,
            links: Vec::new(),
        }
    }

    /// Where each of the seven columns is in a row.
    pub(super) fn columns(&self) -> [usize; 7] {
        self.columns
    }

    /// An importer over rows without a header, the columns where `columns` says (a stretch of
    /// an export whose header was read elsewhere).
    pub(super) fn headless(reader: R, columns: [usize; 7]) -> Self {
        let reader = super::csv_lines::counted(reader);
        let csv = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(reader);
        Self::over(csv, columns, u64::MAX)
    }

    /// The latest instant as the importer reads every row, each with all its checks: what
    /// [`Self::latest_event_at`] must answer, for the tests.
    #[cfg(test)]
    pub(in crate::import) fn latest_by_every_check(&mut self) -> Option<DateTime<Utc>> {
        let mut latest = None;
        loop {
            let row = super::read_csv_row(
                &mut self.csv,
                &mut self.record,
                &mut self.summary,
                COLUMNS.len(),
            );
            match row {
                super::CsvRow::End | super::CsvRow::Failed(_, false) => return latest,
                super::CsvRow::Failed(_, true) => {}
                super::CsvRow::Record(_) => latest = latest.max(self.instant()),
            }
        }
    }

    fn field(&self, i: usize) -> &str {
        self.columns
            .get(i)
            .and_then(|c| self.record.get(*c))
            .unwrap_or("")
    }

    /// Every check of the current row but its reply list, without copying its text.
    fn row(&self) -> Result<Row, Error> {
        let id = parse_id("tweet_id", self.field(0))?;
        let author = self.field(1).trim();
        if author.is_empty() {
            return Err(invalid("author_id", "", "every tweet needs its author"));
        }
        // The author becomes a customer or agent id: refused here, with its line, rather than
        // losing the thread later.
        let author = CustomerId::new(author).map_err(|e| super::renamed(e, "author_id"))?;
        let inbound = match self.field(2).trim() {
            "True" | "true" | "TRUE" | "1" => true,
            "False" | "false" | "FALSE" | "0" => false,
            other => return Err(invalid("inbound", other, "expected True or False")),
        };
        let at = created_at(self.field(3))?;
        let replies_to = match self.field(6).trim() {
            "" => None,
            t => Some(parse_id("in_response_to_tweet_id", t)?),
        };
        Ok(Row {
            id,
            author,
            inbound,
            at,
            replies_to,
        })
    }

    /// The ids of the replies the current row lists.
    fn responses(&self) -> impl Iterator<Item = Result<u64, Error>> + '_ {
        self.field(5)
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| parse_id("response_tweet_id", t))
    }

    /// The tweet of the current row, its links (the tweet it replies to and the responses it
    /// lists, itself left out) written into `links`.
    fn parse(&self, line: u64, links: &mut Vec<u64>) -> Result<Tweet, Error> {
        let row = self.row()?;
        links.clear();
        links.extend(row.replies_to);
        for id in self.responses() {
            links.push(id?);
        }
        links.retain(|l| *l != row.id);
        Ok(Tweet {
            line,
            id: row.id,
            author: row.author,
            inbound: row.inbound,
            at: row.at,
            text: super::tweet_text(self.field(4)),
            replies_to: row.replies_to,
        })
    }

    /// The instant of the current row when [`Self::parse`] would accept it.
    fn instant(&self) -> Option<DateTime<Utc>> {
        let row = self.row().ok()?;
        self.responses().all(|id| id.is_ok()).then_some(row.at)
    }

    fn root(&mut self, mut slot: usize) -> usize {
        let mut path = Vec::new();
        while let Some(&p) = self.parent.get(&slot) {
            path.push(slot);
            slot = p;
        }
        // Path compression: every slot walked now points at the root.
        if path.len() > 1 {
            for s in path {
                self.parent.insert(s, slot);
            }
        }
        slot
    }

    fn union(&mut self, a: usize, b: usize) -> usize {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return a;
        }
        let size = |s: &usize, t: &HashMap<usize, Thread>| t.get(s).map_or(0, |t| t.tweets.len());
        let (big, small) = if size(&a, &self.threads) >= size(&b, &self.threads) {
            (a, b)
        } else {
            (b, a)
        };
        self.parent.insert(small, big);
        let t = self.threads.remove(&small).unwrap_or_default();
        let into = self.threads.entry(big).or_default();
        into.tweets.extend(t.tweets);
        into.pending += t.pending;
        into.last = into.last.max(t.last);
        into.slots.push(small);
        into.slots.extend(t.slots);
        into.awaited.extend(t.awaited);
        big
    }

    fn add(&mut self, tweet: Tweet, links: &[u64]) -> Result<(), Error> {
        let row = self.summary.read;
        // Threads quiet for the window go first, in the order they went quiet.
        self.expire(row);
        self.done_ids.advance(row);
        if self.done_ids.contains(tweet.id) {
            return Err(invalid(
                "tweet_id",
                &tweet.id.to_string(),
                "this tweet belongs to a thread already handed over as a case (it repeats an id, or its thread was complete without it)",
            ));
        }
        if let Some(link) = links.iter().find(|l| self.done_ids.contains(**l)) {
            return Err(invalid(
                "in_response_to_tweet_id",
                &link.to_string(),
                "links to a thread already handed over as a case, which was complete without this tweet",
            ));
        }
        let existing = self.owners.get(&tweet.id).copied();
        if existing.is_some_and(|o| o.read) {
            return Err(invalid(
                "tweet_id",
                &tweet.id.to_string(),
                "repeats the id of an earlier tweet",
            ));
        }
        let slot = match existing {
            Some(o) => {
                let root = self.root(o.slot);
                if let Some(t) = self.threads.get_mut(&root) {
                    t.pending = t.pending.saturating_sub(1);
                }
                root
            }
            None => {
                let slot = self.next_slot;
                self.next_slot += 1;
                self.threads.insert(slot, Thread::default());
                slot
            }
        };
        let mut root = slot;
        for &link in links {
            match self.owners.get(&link).copied() {
                Some(o) => root = self.union(root, o.slot),
                None => {
                    self.owners.insert(
                        link,
                        Owner {
                            slot: root,
                            read: false,
                        },
                    );
                    if let Some(t) = self.threads.get_mut(&root) {
                        t.pending += 1;
                        t.awaited.push(link);
                    }
                }
            }
        }
        self.owners.insert(
            tweet.id,
            Owner {
                slot: root,
                read: true,
            },
        );
        let root = self.root(root);
        let complete = match self.threads.get_mut(&root) {
            Some(t) => {
                t.tweets.push(tweet);
                t.last = row;
                t.pending == 0
            }
            None => false,
        };
        if complete {
            self.finish(root);
        } else {
            self.touched.push_back((row, root));
        }
        Ok(())
    }

    /// Hands over every thread without a tweet in the last `window` rows: the tweets it still
    /// awaits are taken to be outside the file.
    fn expire(&mut self, row: u64) {
        while let Some(&(at, slot)) = self.touched.front() {
            if row - at < self.window {
                break;
            }
            self.touched.pop_front();
            let root = self.root(slot);
            if self.threads.get(&root).is_some_and(|t| t.last == at) {
                self.finish(root);
            }
        }
    }

    fn finish(&mut self, root: usize) {
        let Some(thread) = self.threads.remove(&root) else {
            return;
        };
        for slot in &thread.slots {
            self.parent.remove(slot);
        }
        for id in &thread.awaited {
            self.owners.remove(id);
        }
        let row = self.summary.read;
        for t in &thread.tweets {
            self.owners.remove(&t.id);
            self.done_ids.insert(row, t.id);
        }
        // Every tweet of the thread ends in a case, or is rejected with the reason its case
        // could not be made.
        for (lines, outcome) in cases_of(thread.tweets) {
            match outcome {
                Ok(batch) => {
                    self.summary.accepted += lines.len() as u64;
                    self.ready.push_back(Ok(batch));
                }
                Err(error) => {
                    self.summary.rejected += lines.len() as u64;
                    self.ready.extend(lines.into_iter().map(|line| {
                        Err(Rejection {
                            line,
                            error: error.clone(),
                        })
                    }));
                }
            }
        }
    }

    fn finish_all(&mut self) {
        let mut roots: Vec<(u64, usize)> = self
            .threads
            .iter()
            .map(|(slot, t)| (t.tweets.iter().map(|t| t.line).min().unwrap_or(0), *slot))
            .collect();
        roots.sort_by(Ord::cmp);
        for (_, root) in roots {
            self.finish(root);
        }
        self.owners = HashMap::default();
        self.parent = HashMap::default();
        self.touched = VecDeque::new();
    }
}

/// `Tue Oct 31 22:10:47 +0000 2017` read directly (a million of them take a while through a
/// general format parser); `None` for anything else, which the general parser then explains.
/// The fields of a Twitter timestamp (`Tue Oct 31 22:10:47 +0000 2017`), before the calendar
/// checks them.
#[derive(Debug, PartialEq)]
struct Stamp<'a> {
    weekday: &'a str,
    month: &'a str,
    day: u32,
    hms: [u32; 3],
    /// The UTC offset in seconds.
    offset: i32,
    year: i32,
}

/// The months as Twitter's stamps write them.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn twitter_time(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    use chrono::{Datelike, NaiveDate, TimeZone};
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let stamp = stamp_fixed(text).or_else(|| stamp_split(text))?;
    let month = MONTHS.iter().position(|m| *m == stamp.month)? as u32 + 1;
    let date = NaiveDate::from_ymd_opt(stamp.year, month, stamp.day)?;
    if WEEKDAYS.get(date.weekday().num_days_from_monday() as usize) != Some(&stamp.weekday) {
        return None;
    }
    let [h, m, sec] = stamp.hms;
    let naive = date.and_hms_opt(h, m, sec)?;
    let zone = chrono::FixedOffset::east_opt(stamp.offset)?;
    zone.from_local_datetime(&naive).single()
}

/// The common shape, read at fixed places (every field two or four digits where numbers go);
/// `None` for anything else, which [`stamp_split`] reads.
fn stamp_fixed(text: &str) -> Option<Stamp<'_>> {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let shape = b.len() == 30
        && [3, 7, 10, 19, 25].iter().all(|&i| at(i) == Some(b' '))
        && at(13) == Some(b':')
        && at(16) == Some(b':');
    if !shape {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let sign = match at(20)? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, minutes) = (number(21, 23)?, number(23, 25)?);
    Some(Stamp {
        weekday: text.get(0..3)?,
        month: text.get(4..7)?,
        day: number(8, 10)?,
        hms: [number(11, 13)?, number(14, 16)?, number(17, 19)?],
        offset: sign * i32::try_from(hours * 3600 + minutes * 60).ok()?,
        year: i32::try_from(number(26, 30)?).ok()?,
    })
}

/// Any spacing of the six fields the format has, numbers as Rust reads them.
fn stamp_split(text: &str) -> Option<Stamp<'_>> {
    let mut parts = text.split(' ');
    let (weekday, month, day, time, offset, year) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if parts.next().is_some() {
        return None;
    }
    let mut hms = time.split(':').map(str::parse::<u32>);
    let hms = [hms.next()?.ok()?, hms.next()?.ok()?, hms.next()?.ok()?];
    let (sign, digits) = match offset.as_bytes().first()? {
        b'+' => (1, offset.get(1..)?),
        b'-' => (-1, offset.get(1..)?),
        _ => return None,
    };
    if digits.len() != 4 {
        return None;
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..)?.parse().ok()?;
    Some(Stamp {
        weekday,
        month,
        day: day.parse().ok()?,
        hms,
        offset: sign * (hours * 3600 + minutes * 60),
        year: year.parse().ok()?,
    })
}

/// A row's `created_at` (`Tue Oct 31 22:10:47 +0000 2017`), in UTC.
fn created_at(field: &str) -> Result<DateTime<Utc>, Error> {
    let created = field.trim();
    let at = twitter_time(created)
        .map(Ok)
        .unwrap_or_else(|| DateTime::parse_from_str(created, "%a %b %d %H:%M:%S %z %Y"))
        .map_err(|e| {
            invalid(
                "created_at",
                created,
                format!("{e}; expected such as `Tue Oct 31 22:10:47 +0000 2017`"),
            )
        })?;
    Ok(at.with_timezone(&Utc))
}

fn parse_id(field: &str, text: &str) -> Result<u64, Error> {
    let t = text.trim();
    // pandas writes integer columns with gaps as floats: `3.0`.
    let digits = t.strip_suffix(".0").unwrap_or(t);
    digits
        .parse::<u64>()
        .map_err(|_| invalid(field, text, "expected a tweet id (digits)"))
}

/// The initials an agent signs with (`^JD`, `- JD`), if any.
pub(super) fn signature(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let (_, tail) = t.rsplit_once('^')?;
    let tail = tail.trim();
    (!tail.is_empty() && tail.len() <= 16 && tail.chars().all(|c| c.is_alphanumeric()))
        .then_some(tail)
}

/// The @handles a text mentions, in order.
fn mentions(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ':')
        .filter_map(|w| w.strip_prefix('@'))
        .map(|w| w.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
}

/// Splits a complete thread into one case per brand: each with the lines of its tweets.
fn cases_of(mut tweets: Vec<Tweet>) -> Vec<(Vec<u64>, Result<CaseBatch, Error>)> {
    tweets.sort_by(|a, b| a.at.cmp(&b.at).then(a.line.cmp(&b.line)));
    let index: HashMap<u64, usize> = tweets.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let brands: Vec<&str> = {
        let mut seen = BTreeSet::new();
        tweets
            .iter()
            .filter(|t| !t.inbound)
            .filter(|t| seen.insert(t.author.as_str()))
            .map(|t| t.author.as_str())
            .collect()
    };
    let mut first_reply: HashMap<u64, &str> = HashMap::default();
    for t in tweets.iter().filter(|t| !t.inbound) {
        if let Some(p) = t.replies_to {
            first_reply.entry(p).or_insert(t.author.as_str());
        }
    }
    let mut brand_of: Vec<Option<&str>> = vec![None; tweets.len()];
    for i in 0..tweets.len() {
        let Some(t) = tweets.get(i) else { continue };
        let brand = if !t.inbound {
            Some(t.author.as_str())
        } else {
            // Walk up the replies (bounded by the thread's size, so a cycle cannot loop).
            let mut found = first_reply.get(&t.id).copied();
            let mut cursor = t.replies_to;
            let mut steps = 0;
            while found.is_none() && steps < tweets.len() {
                let Some(p) = cursor
                    .and_then(|p| index.get(&p))
                    .and_then(|&p| tweets.get(p))
                else {
                    break;
                };
                if !p.inbound {
                    found = Some(p.author.as_str());
                } else if let Some(b) = first_reply.get(&p.id) {
                    found = Some(b);
                }
                cursor = p.replies_to;
                steps += 1;
            }
            found
                .or_else(|| {
                    let mentioned: Vec<&str> =
                        mentions(&t.text).filter(|m| usable_brand(m)).collect();
                    mentioned
                        .iter()
                        .find(|m| brands.contains(m))
                        .or_else(|| {
                            if brands.is_empty() {
                                mentioned
                                    .iter()
                                    .find(|m| !m.chars().all(|c| c.is_ascii_digit()))
                            } else {
                                None
                            }
                        })
                        .copied()
                })
                .or_else(|| brands.first().copied())
        };
        if let Some(slot) = brand_of.get_mut(i) {
            *slot = brand;
        }
    }
    // Groups in the order their brands first appear, as positions in `tweets`.
    let mut slot_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, b) in brand_of.iter().enumerate() {
        let b = b.unwrap_or("unknown");
        let slot = *slot_of.entry(b).or_insert_with(|| {
            groups.push((b.to_string(), Vec::new()));
            groups.len() - 1
        });
        if let Some((_, group)) = groups.get_mut(slot) {
            group.push(i);
        }
    }
    // Each tweet moves into its case (its text is not copied).
    let mut tweets: Vec<Option<Tweet>> = tweets.into_iter().map(Some).collect();
    groups
        .into_iter()
        .map(|(brand, positions)| {
            let group: Vec<Tweet> = positions
                .iter()
                .filter_map(|&i| tweets.get_mut(i).and_then(Option::take))
                .collect();
            let lines = group.iter().map(|t| t.line).collect();
            (lines, case_of(&brand, group))
        })
        .collect()
}

/// Whether a mentioned handle can name a brand (its case ids hold it).
fn usable_brand(handle: &str) -> bool {
    CaseId::new(format!("{}@{handle}", u64::MAX)).is_ok()
}

fn case_of(brand: &str, tweets: Vec<Tweet>) -> Result<CaseBatch, Error> {
    let Some(first) = tweets.first() else {
        return Err(invalid("tweet_id", "", "a case needs a tweet"));
    };
    let mut digits = itoa::Buffer::new();
    let mut case_id = String::with_capacity(21 + brand.len());
    case_id.push_str(digits.format(first.id));
    case_id.push('@');
    case_id.push_str(brand);
    let case_id = CaseId::new(case_id).map_err(|e| super::renamed(e, "author_id"))?;
    let (first_line, first_at) = (first.line, first.at);
    let customer = match tweets.iter().find(|t| t.inbound) {
        Some(t) => t.author.clone(),
        None => {
            let mentioned = tweets
                .iter()
                .find_map(|t| mentions(&t.text).find(|m| m.chars().all(|c| c.is_ascii_digit())));
            CustomerId::new(mentioned.unwrap_or("unknown"))
                .map_err(|e| super::renamed(e, "author_id"))?
        }
    };
    let mut metadata = BTreeMap::new();
    metadata.insert("brand".to_string(), brand.to_string());
    metadata.insert("source".to_string(), "twcs".to_string());
    let mut events = Vec::with_capacity(tweets.len() + 1);
    events.push((
        first_line,
        super::opened(
            &case_id,
            first_at,
            &customer,
            Channel::Twitter,
            kesher::event::Priority::Normal,
            metadata,
        ),
    ));
    // An agent's id is written here first (`brand/initials`): no allocation per tweet.
    let mut signed = String::new();
    for (seq, t) in tweets.into_iter().enumerate() {
        let (direction, actor, customer_id) = if t.inbound {
            (Direction::Inbound, Actor::Customer, t.author)
        } else {
            let agent = match signature(&t.text) {
                Some(initials) => {
                    signed.clear();
                    signed.push_str(t.author.as_str());
                    signed.push('/');
                    signed.push_str(initials);
                    AgentId::new(&signed)
                }
                None => AgentId::new(t.author.as_str()),
            };
            let id = agent
                .or_else(|_| AgentId::new(brand))
                .map_err(|e| super::renamed(e, "author_id"))?;
            (Direction::Outbound, Actor::Agent { id }, customer.clone())
        };
        let interaction = Interaction {
            id: InteractionId::new(digits.format(t.id))
                .map_err(|e| super::renamed(e, "tweet_id"))?,
            customer_id,
            case_id: Some(case_id.clone()),
            seq: seq as u64 + 1,
            at: t.at,
            channel: Channel::Twitter,
            direction,
            actor,
            kind: InteractionKind::Message,
            in_reply_to: t
                .replies_to
                .and_then(|p| InteractionId::new(digits.format(p)).ok()),
            text: Some(t.text),
            emotion: None,
            metadata: BTreeMap::new(),
        };
        events.push((t.line, CaseEvent::Interaction(interaction)));
    }
    Ok(CaseBatch { case_id, events })
}

impl<R: BufRead> Iterator for TwcsImporter<R> {
    type Item = Result<CaseBatch, Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if self.ended {
                return None;
            }
            match super::read_csv_row(
                &mut self.csv,
                &mut self.record,
                &mut self.summary,
                COLUMNS.len(),
            ) {
                super::CsvRow::End => {
                    self.ended = true;
                    self.finish_all();
                }
                super::CsvRow::Record(line) => {
                    // One buffer of links for every row: no allocation per tweet.
                    let mut links = std::mem::take(&mut self.links);
                    let outcome = self
                        .parse(line, &mut links)
                        .and_then(|tweet| self.add(tweet, &links));
                    self.links = links;
                    if let Err(error) = outcome {
                        self.summary.rejected += 1;
                        return Some(Err(Rejection { line, error }));
                    }
                }
                super::CsvRow::Failed(rejection, goes_on) => {
                    if !goes_on {
                        self.ended = true;
                        self.finish_all();
                    }
                    return Some(Err(rejection));
                }
            }
        }
    }
}

impl<R: BufRead> CaseSource for TwcsImporter<R> {
    fn summary(&self) -> ImportSummary {
        self.summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_timestamps_read_the_same_both_ways() {
        for t in [
            "Tue Oct 31 22:10:47 +0000 2017",
            "Wed Nov 01 00:00:00 -0530 2017",
            "Mon Jan 01 23:59:59 +1400 2018",
        ] {
            assert!(stamp_fixed(t).is_some(), "{t}");
            assert_eq!(stamp_fixed(t), stamp_split(t), "{t}");
            assert!(twitter_time(t).is_some(), "{t}");
        }
        assert_eq!(
            twitter_time("Tue Oct 31 22:10:47 +0000 2017")
                .map(|t| t.to_rfc3339())
                .as_deref(),
            Some("2017-10-31T22:10:47+00:00")
        );
        // The weekday must be the date's, the date real.
        assert!(twitter_time("Mon Oct 31 22:10:47 +0000 2017").is_none());
        assert!(twitter_time("Tue Feb 30 22:10:47 +0000 2017").is_none());
    }

    proptest! {
        /// The latest instant skips the checks of rows that cannot be the latest, and answers
        /// as every row's instant with all its checks does: a later row that fails a check
        /// (its inbound, its time, a reply id) does not count.
        #[test]
        fn the_latest_instant_counts_only_rows_that_pass_every_check(
            rows in proptest::collection::vec((0i64..1000, 0u8..5), 1..80),
        ) {
            let mut csv = String::from("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n");
            for (i, (minute, flaw)) in rows.iter().enumerate() {
                let t = DateTime::from_timestamp(1_509_487_200 + minute * 60, 0)
                    .unwrap_or_default()
                    .format("%a %b %d %H:%M:%S +0000 %Y")
                    .to_string();
                let (inbound, t, responses) = match flaw {
                    1 => ("maybe", t, ""),
                    2 => ("True", "yesterday".to_string(), ""),
                    3 => ("True", t, "\"7, x\""),
                    _ => ("True", t, "\"7\""),
                };
                csv.push_str(&format!("{},{},{inbound},{t},\"hi\",{responses},\n", i + 1, 100 + i));
            }
            let got = TwcsImporter::new(csv.as_bytes()).map(|mut r| r.latest_event_at());
            let want = TwcsImporter::new(csv.as_bytes()).map(|mut r| r.latest_by_every_check());
            prop_assert_eq!(got.ok(), want.ok());
        }

        /// Wherever the fixed reading answers, the general one answers the same.
        #[test]
        fn the_fixed_reading_agrees_with_the_general_one(
            t in "(Mon|Tue|Xyz) (Oct|Feb|oct) [0-9+ ][0-9] [0-9+][0-9]:[0-9][0-9]:[0-9 ][0-9] [-+*][0-9][0-9+][0-9][0-9] [0-9+ ][0-9][0-9][0-9]"
        ) {
            if let Some(fixed) = stamp_fixed(&t) {
                prop_assert_eq!(Some(fixed), stamp_split(&t));
            }
        }
    }
}
