//! Event queries: filters turned into one SQL statement over `events`.

use crate::export::{select, EVENT_COLUMNS};
use crate::rows::{Column, ColumnKind, RowSet, Value};
use crate::{Archive, SearchHit, StoreError};
use annalist_doc::DocDate;
use rusqlite::types::Value as SqlValue;

/// Which events to return. Every set field must match (AND).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Actor code or prefix (`TUR`, `TURMIL`) as source or target.
    pub actor: Option<String>,
    /// Source actor code or prefix.
    pub source: Option<String>,
    /// Target actor code or prefix.
    pub target: Option<String>,
    /// Country (first three letters of the actor code) of source or target.
    pub country: Option<String>,
    /// CAMEO code or prefix (`19`, `190`, `0311`).
    pub cameo: Option<String>,
    /// CAMEO root code (`19`).
    pub root: Option<String>,
    /// QuadClass 1–4.
    pub quad_class: Option<u8>,
    /// First day, inclusive.
    pub from: Option<DocDate>,
    /// Last day, inclusive.
    pub to: Option<DocDate>,
    /// Location name (case-insensitive substring).
    pub place: Option<String>,
    /// Country of the location (ISO alpha-2 or alpha-3).
    pub location_country: Option<String>,
    /// Full-text query the supporting stories must match (tantivy syntax:
    /// words, `"phrases"`, `title:…`).
    pub text: Option<String>,
    /// Name or actor code of a quote speaker in a supporting story.
    pub speaker: Option<String>,
    /// Lowest event confidence (the model's probability that the record
    /// is right), 0–1.
    pub min_confidence: Option<f64>,
    /// Keep events with at least one mention of these modalities
    /// (`asserted`, `intended`, …; a mention stored before modality existed
    /// counts as asserted). `None` keeps every event.
    pub modalities: Option<Vec<String>>,
}

/// Grouping for `--count-by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    /// Per day (`2020-01-07`).
    Day,
    /// Per ISO week (`2020-W02`).
    Week,
    /// Per month (`2020-01`).
    Month,
    /// Per CAMEO root code.
    Root,
    /// Per source actor code.
    Source,
    /// Per target actor code.
    Target,
}

impl std::str::FromStr for CountBy {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "day" => CountBy::Day,
            "week" => CountBy::Week,
            "month" => CountBy::Month,
            "root" => CountBy::Root,
            "source" => CountBy::Source,
            "target" => CountBy::Target,
            other => {
                return Err(StoreError::Invalid(format!(
                    "unknown --count-by {other:?} (day, week, month, root, source, target)"
                )))
            }
        })
    }
}

/// A full event query.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// The filters.
    pub filter: EventFilter,
    /// Group and count instead of listing.
    pub count_by: Option<CountBy>,
    /// One row per mention (with its sentence) instead of per event.
    pub mentions: bool,
    /// At most this many rows.
    pub limit: Option<usize>,
}

/// `[p, p+1)` in byte order, so a code prefix can use the index.
fn prefix_range(p: &str) -> (String, String) {
    let p = p.trim().to_uppercase();
    let mut hi = p.clone();
    hi.push(char::MAX);
    (p, hi)
}

struct Sql {
    conds: Vec<String>,
    /// A source-or-target condition pair (`--actor`, `--country`), kept
    /// apart: SQLite answers `a OR b` by collecting row ids and fetching
    /// every row, so the query runs as two disjoint index-only branches.
    either: Option<(String, String)>,
    params: Vec<SqlValue>,
}

impl Sql {
    fn param(&mut self, v: impl Into<SqlValue>) -> String {
        self.params.push(v.into());
        format!("?{}", self.params.len())
    }

    fn prefix(&mut self, col: &str, p: &str) -> String {
        let (lo, hi) = prefix_range(p);
        let a = self.param(lo);
        let b = self.param(hi);
        format!("({col} >= {a} AND {col} < {b})")
    }

    fn source_or_target(&mut self, code: &str) {
        let s = self.prefix("e.source", code);
        let t = self.prefix("e.target", code);
        if self.either.is_none() {
            self.either = Some((s, t));
        } else {
            self.conds.push(format!("({s} OR {t})"));
        }
    }

    /// WHERE clauses of the branches whose rows, together, are the result
    /// (each row in exactly one branch).
    fn branches(&self) -> Vec<String> {
        let join = |extra: &[&str]| {
            let all: Vec<&str> = self
                .conds
                .iter()
                .map(String::as_str)
                .chain(extra.iter().copied())
                .collect();
            if all.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", all.join(" AND "))
            }
        };
        match &self.either {
            None => vec![join(&[])],
            Some((s, t)) => {
                let not_s = format!("NOT {s}");
                vec![join(&[s]), join(&[t, &not_s])]
            }
        }
    }
}

/// `YYYY-MM-DD` of a day number.
fn day_key(day: i64) -> String {
    let (y, m, d) = crate::archive::civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// ISO 8601 week (`2020-W02`) of a day number.
fn week_key(day: i64) -> String {
    // 1970-01-01 was a Thursday; Monday is 0.
    let weekday = (day + 3).rem_euclid(7);
    let thursday = day - weekday + 3;
    let (y, _, _) = crate::archive::civil_from_days(thursday);
    let week = (thursday - crate::archive::days_from_civil(y, 1, 1)) / 7 + 1;
    format!("{y:04}-W{week:02}")
}

fn month_key(day: i64) -> String {
    let (y, m, _) = crate::archive::civil_from_days(day);
    format!("{y:04}-{m:02}")
}

impl Archive {
    fn where_clause(&mut self, f: &EventFilter) -> Result<Sql, StoreError> {
        let mut q = Sql {
            conds: Vec::new(),
            either: None,
            params: Vec::new(),
        };
        if let Some(a) = &f.actor {
            q.source_or_target(a);
        }
        if let Some(c) = &f.country {
            q.source_or_target(&c.trim().to_uppercase());
        }
        if let Some(a) = &f.source {
            let c = q.prefix("e.source", a);
            q.conds.push(c);
        }
        if let Some(a) = &f.target {
            let c = q.prefix("e.target", a);
            q.conds.push(c);
        }
        if let Some(c) = &f.cameo {
            let c = q.prefix("e.cameo", c);
            q.conds.push(c);
        }
        if let Some(r) = &f.root {
            let p = q.param(r.trim().to_string());
            q.conds.push(format!("e.root = {p}"));
        }
        if let Some(k) = f.quad_class {
            let p = q.param(k as i64);
            q.conds.push(format!("e.quad_class = {p}"));
        }
        if let Some(c) = f.min_confidence {
            let p = q.param(c);
            q.conds.push(format!("e.confidence >= {p}"));
        }
        if let Some(ms) = &f.modalities {
            let ps: Vec<String> = ms.iter().map(|m| q.param(m.clone())).collect();
            q.conds.push(format!(
                "EXISTS (SELECT 1 FROM mentions mo WHERE mo.event_id = e.event_id \
                 AND coalesce(json_extract(mo.data, '$.modality'), 'asserted') IN ({}))",
                ps.join(", ")
            ));
        }
        for (bound, op) in [(&f.from, ">="), (&f.to, "<=")] {
            if let Some(d) = bound {
                let Some(y) = d.year else {
                    return Err(StoreError::Invalid(format!("date {d} needs a year")));
                };
                let day = crate::archive::days_from_civil(y as i64, d.month as i64, d.day as i64);
                let p = q.param(day);
                q.conds.push(format!("e.day {op} {p}"));
            }
        }
        if let Some(pl) = &f.place {
            let p = q.param(format!("%{}%", pl.trim()));
            q.conds.push(format!("e.loc_name LIKE {p}"));
        }
        if let Some(c) = &f.location_country {
            let p = q.param(c.trim().to_uppercase());
            q.conds
                .push(format!("(e.loc_country2 = {p} OR e.loc_country3 = {p})"));
        }
        if let Some(sp) = &f.speaker {
            let like = q.param(format!("%{}%", sp.trim()));
            let code = q.param(sp.trim().to_uppercase());
            q.conds.push(format!(
                "e.event_id IN (SELECT m.event_id FROM quotes qu JOIN mentions m ON m.story_id = qu.story_id \
                 WHERE qu.speaker LIKE {like} OR qu.speaker_code = {code})"
            ));
        }
        if let Some(text) = &f.text {
            let seqs = self.fts.matching_seqs(text)?;
            // Resolve matching stories to event ids up front, driving the
            // join from the (few) hits: left to itself the planner scans
            // every mention instead.
            let tx = self.conn.unchecked_transaction()?;
            tx.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS fts_hits(seq INTEGER PRIMARY KEY); \
                 CREATE TEMP TABLE IF NOT EXISTS fts_events(event_id INTEGER PRIMARY KEY); \
                 DELETE FROM temp.fts_hits; DELETE FROM temp.fts_events;",
            )?;
            {
                let mut st = tx.prepare_cached("INSERT INTO temp.fts_hits(seq) VALUES(?1)")?;
                for s in seqs {
                    st.execute([s])?;
                }
            }
            tx.execute_batch(
                "INSERT OR IGNORE INTO temp.fts_events(event_id) SELECT m.event_id FROM temp.fts_hits h \
                 CROSS JOIN stories s ON s.seq = h.seq CROSS JOIN mentions m ON m.story_id = s.story_id",
            )?;
            tx.commit()?;
            q.conds
                .push("e.event_id IN (SELECT event_id FROM temp.fts_events)".to_string());
        }
        Ok(q)
    }

    /// Runs an event query.
    pub fn query_events(&mut self, query: &EventQuery) -> Result<RowSet, StoreError> {
        let q = self.where_clause(&query.filter)?;
        if let Some(by) = query.count_by {
            return self.count_events(&q, by, query.limit);
        }
        let limit = query
            .limit
            .map(|n| format!(" LIMIT {n}"))
            .unwrap_or_default();
        let mut specs: Vec<_> = EVENT_COLUMNS.to_vec();
        let (from, order) = if query.mentions {
            specs.extend_from_slice(&[
                ("story_id", ColumnKind::Text, "m.story_id"),
                ("title", ColumnKind::Text, "s.title"),
                ("url", ColumnKind::Text, "s.url"),
                ("sentence", ColumnKind::Int, "m.sentence"),
                ("sentence_start_char", ColumnKind::Int, "m.sentence_start_char"),
                ("sentence_end_char", ColumnKind::Int, "m.sentence_end_char"),
                ("mention_confidence", ColumnKind::Real, "m.confidence"),
                (
                    "sentence_text",
                    ColumnKind::Text,
                    "substr(s.text, m.sentence_start_char + 1, m.sentence_end_char - m.sentence_start_char)",
                ),
                ("_day", ColumnKind::Int, "e.day"),
                ("_seq", ColumnKind::Int, "s.seq"),
                ("_idx", ColumnKind::Int, "m.idx"),
            ]);
            (
                "FROM events e JOIN mentions m ON m.event_id = e.event_id JOIN stories s ON s.story_id = m.story_id",
                "ORDER BY _day, event_id, _seq, _idx",
            )
        } else {
            // The first supporting sentence, so a table row shows its evidence.
            specs.push((
                "evidence",
                ColumnKind::Text,
                "(SELECT substr(s.text, m.sentence_start_char + 1, m.sentence_end_char - m.sentence_start_char) \
                 FROM mentions m JOIN stories s ON s.story_id = m.story_id WHERE m.event_id = e.event_id \
                 ORDER BY s.seq, m.idx LIMIT 1)",
            ));
            specs.push(("_day", ColumnKind::Int, "e.day"));
            ("FROM events e", "ORDER BY _day, event_id")
        };
        let branches: Vec<String> = q
            .branches()
            .iter()
            .map(|wh| select(&specs, &format!("{from} {wh}")).0)
            .collect();
        let sql = format!("{} {order}{limit}", branches.join(" UNION ALL "));
        let columns: Vec<Column> = select(&specs, "").1;
        let shown = columns.iter().filter(|c| !c.name.starts_with('_')).count();
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(q.params.iter()))?;
        let mut out = RowSet {
            columns: columns[..shown].to_vec(),
            rows: Vec::new(),
        };
        while let Some(r) = rows.next()? {
            let mut row = Vec::with_capacity(shown);
            for (i, c) in columns[..shown].iter().enumerate() {
                row.push(Value::from_sql(r.get_ref(i)?, c.kind));
            }
            out.rows.push(row);
        }
        Ok(out)
    }

    /// `--count-by`: SQL groups by the raw indexed column; days are folded
    /// into weeks and months here, which keeps the scan index-only.
    fn count_events(
        &mut self,
        q: &Sql,
        by: CountBy,
        limit: Option<usize>,
    ) -> Result<RowSet, StoreError> {
        let col = match by {
            CountBy::Day | CountBy::Week | CountBy::Month => "e.day",
            CountBy::Root => "e.root",
            CountBy::Source => "e.source",
            CountBy::Target => "e.target",
        };
        let branches: Vec<String> = q
            .branches()
            .iter()
            .map(|wh| {
                format!("SELECT {col} AS k, count(*) AS n, sum(e.num_mentions) AS m FROM events e {wh} GROUP BY k")
            })
            .collect();
        let sql = format!(
            "SELECT k, sum(n), sum(m) FROM ({}) GROUP BY k",
            branches.join(" UNION ALL ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(q.params.iter()))?;
        let mut groups: std::collections::BTreeMap<Option<String>, (i64, i64)> = Default::default();
        while let Some(r) = rows.next()? {
            let key: Option<String> = match by {
                CountBy::Day => r.get::<_, Option<i64>>(0)?.map(day_key),
                CountBy::Week => r.get::<_, Option<i64>>(0)?.map(week_key),
                CountBy::Month => r.get::<_, Option<i64>>(0)?.map(month_key),
                _ => r.get(0)?,
            };
            let g = groups.entry(key).or_default();
            g.0 += r.get::<_, i64>(1)?;
            g.1 += r.get::<_, Option<i64>>(2)?.unwrap_or(0);
        }
        let mut list: Vec<(Option<String>, (i64, i64))> = groups.into_iter().collect();
        if matches!(by, CountBy::Root | CountBy::Source | CountBy::Target) {
            list.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
        }
        if let Some(n) = limit {
            list.truncate(n);
        }
        Ok(RowSet {
            columns: vec![
                Column::new("key", ColumnKind::Text),
                Column::new("events", ColumnKind::Int),
                Column::new("mentions", ColumnKind::Int),
            ],
            rows: list
                .into_iter()
                .map(|(k, (n, m))| {
                    vec![
                        k.map(Value::Text).unwrap_or(Value::Null),
                        Value::Int(n),
                        Value::Int(m),
                    ]
                })
                .collect(),
        })
    }

    /// Full-text search over stories: the best `limit` by BM25, with a
    /// snippet of the body around the matches.
    pub fn search(&mut self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let (top, gen) = self.fts.top(query, limit)?;
        let mut st = self.conn.prepare_cached(
            "SELECT story_id, external_id, title, date, agency, text, body_start_byte, body_end_byte \
             FROM stories WHERE seq = ?1",
        )?;
        let mut out = Vec::with_capacity(top.len());
        for (score, seq) in top {
            let mut rows = st.query([seq])?;
            let Some(r) = rows.next()? else { continue };
            let text: String = r.get(5)?;
            let body = crate::archive::body_of(&text, r.get(6)?, r.get(7)?);
            let snip = gen.snippet(body);
            out.push(SearchHit {
                score,
                story_id: r.get(0)?,
                external_id: r.get(1)?,
                title: r.get(2)?,
                date: r.get(3)?,
                agency: r.get(4)?,
                snippet: snip.fragment().to_string(),
                highlights: snip.highlighted().to_vec(),
            });
        }
        Ok(out)
    }
}
