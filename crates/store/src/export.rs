//! Whole-table exports: JSONL, CSV, Parquet and the GDELT 2.0 event layout.

use crate::rows::{stream, Column, ColumnKind, CsvSink, JsonlSink, RowSink};
use crate::{Archive, StoreError};
use std::io::Write;

use ColumnKind::{Int, Real, Text};

/// An exportable table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Merged events with their counts.
    Events,
    /// Event mentions with the supporting sentence.
    Mentions,
    /// Stories with metadata and text.
    Stories,
    /// Actor mentions.
    Actors,
    /// Attributed quotations.
    Quotes,
    /// Resolved toponyms.
    Places,
    /// Time expressions.
    Timexes,
    /// Ingest and reprocess runs.
    Runs,
}

impl std::str::FromStr for Table {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "events" => Table::Events,
            "mentions" => Table::Mentions,
            "stories" => Table::Stories,
            "actors" => Table::Actors,
            "quotes" => Table::Quotes,
            "places" => Table::Places,
            "timexes" => Table::Timexes,
            "runs" => Table::Runs,
            other => {
                return Err(StoreError::Invalid(format!(
                    "unknown table {other:?} (events, mentions, stories, actors, quotes, places, timexes, runs)"
                )))
            }
        })
    }
}

/// Output format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated with a header.
    Csv,
    /// Apache Parquet (needs the `parquet` feature).
    Parquet,
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
}

impl std::str::FromStr for ExportFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "jsonl" => ExportFormat::Jsonl,
            "csv" => ExportFormat::Csv,
            "parquet" => ExportFormat::Parquet,
            "gdelt" => ExportFormat::Gdelt,
            other => {
                return Err(StoreError::Invalid(format!(
                    "unknown format {other:?} (jsonl, csv, parquet, gdelt)"
                )))
            }
        })
    }
}

type Spec = (&'static str, ColumnKind, &'static str);

/// Columns of the `events` export and of `annalist query` (name, type, SQL
/// over `events e`).
pub(crate) const EVENT_COLUMNS: &[Spec] = &[
    ("event_id", Int, "e.event_id"),
    ("date", Text, "e.date"),
    ("date_precision", Text, "e.date_precision"),
    ("source", Text, "e.source"),
    ("target", Text, "e.target"),
    ("cameo", Text, "e.cameo"),
    ("base", Text, "e.base"),
    ("root", Text, "e.root"),
    ("quad_class", Int, "e.quad_class"),
    ("goldstein", Real, "e.goldstein"),
    ("plover", Text, "e.plover"),
    ("plover_mode", Text, "e.plover_mode"),
    ("cameo_name", Text, "e.cameo_name"),
    ("location", Text, "e.loc_name"),
    ("location_geonames_id", Int, "e.loc_geonames_id"),
    ("location_country2", Text, "e.loc_country2"),
    ("location_country3", Text, "e.loc_country3"),
    ("location_admin1", Text, "e.loc_admin1"),
    ("location_lat", Real, "e.loc_lat"),
    ("location_lon", Real, "e.loc_lon"),
    ("location_feature_code", Text, "e.loc_feature_code"),
    ("num_mentions", Int, "e.num_mentions"),
    ("num_sources", Int, "e.num_sources"),
    ("num_stories", Int, "e.num_stories"),
    ("confidence", Real, "e.confidence"),
    ("first_story", Text, "e.first_story"),
    ("source_url", Text, "e.source_url"),
];

const MENTION_COLUMNS: &[Spec] = &[
    ("event_id", Int, "m.event_id"),
    ("story_id", Text, "m.story_id"),
    ("idx", Int, "m.idx"),
    ("sentence", Int, "m.sentence"),
    ("sentence_start_byte", Int, "m.sentence_start_byte"),
    ("sentence_end_byte", Int, "m.sentence_end_byte"),
    ("sentence_start_char", Int, "m.sentence_start_char"),
    ("sentence_end_char", Int, "m.sentence_end_char"),
    ("trigger_start_byte", Int, "m.trigger_start_byte"),
    ("trigger_end_byte", Int, "m.trigger_end_byte"),
    ("trigger_start_char", Int, "m.trigger_start_char"),
    ("trigger_end_char", Int, "m.trigger_end_char"),
    ("source_actor", Int, "m.source_actor"),
    ("target_actor", Int, "m.target_actor"),
    ("timex", Int, "m.timex"),
    ("location", Int, "m.location"),
    ("location_rule", Text, "m.location_rule"),
    ("agency", Text, "m.agency"),
    ("claimant", Text, "m.claimant"),
    ("confidence", Real, "m.confidence"),
    ("data", Text, "m.data"),
    ("url", Text, "s.url"),
    ("story_date", Text, "s.date"),
    (
        "sentence_text",
        Text,
        "substr(s.text, m.sentence_start_char + 1, m.sentence_end_char - m.sentence_start_char)",
    ),
];

const STORY_COLUMNS: &[Spec] = &[
    ("seq", Int, "seq"),
    ("story_id", Text, "story_id"),
    ("external_id", Text, "external_id"),
    ("url", Text, "url"),
    ("title", Text, "title"),
    ("agency", Text, "agency"),
    ("date", Text, "date"),
    ("date_source", Text, "date_source"),
    ("lang", Text, "lang"),
    ("origin_path", Text, "origin_path"),
    ("origin_line", Int, "origin_line"),
    ("origin_format", Text, "origin_format"),
    ("body_start_char", Int, "body_start_char"),
    ("body_end_char", Int, "body_end_char"),
    ("n_tokens", Int, "n_tokens"),
    ("n_sentences", Int, "n_sentences"),
    ("pipeline", Text, "pipeline"),
    ("run_id", Int, "run_id"),
    ("error", Text, "error"),
    ("text", Text, "text"),
];

const ACTOR_COLUMNS: &[Spec] = &[
    ("story_id", Text, "story_id"),
    ("idx", Int, "idx"),
    ("sentence", Int, "sentence"),
    ("start_byte", Int, "start_byte"),
    ("end_byte", Int, "end_byte"),
    ("start_char", Int, "start_char"),
    ("end_char", Int, "end_char"),
    ("code", Text, "code"),
    ("name", Text, "name"),
    ("antecedent", Int, "antecedent"),
    ("rule", Text, "rule"),
    ("data", Text, "data"),
];

const QUOTE_COLUMNS: &[Spec] = &[
    ("story_id", Text, "story_id"),
    ("idx", Int, "idx"),
    ("kind", Text, "kind"),
    ("content", Text, "content"),
    ("spans", Text, "spans"),
    ("cue_start_byte", Int, "cue_start_byte"),
    ("cue_end_byte", Int, "cue_end_byte"),
    ("source_start_byte", Int, "source_start_byte"),
    ("source_end_byte", Int, "source_end_byte"),
    ("speaker", Text, "speaker"),
    ("speaker_code", Text, "speaker_code"),
    ("data", Text, "data"),
];

const PLACE_COLUMNS: &[Spec] = &[
    ("story_id", Text, "story_id"),
    ("idx", Int, "idx"),
    ("start_byte", Int, "start_byte"),
    ("end_byte", Int, "end_byte"),
    ("start_char", Int, "start_char"),
    ("end_char", Int, "end_char"),
    ("name", Text, "name"),
    ("geonames_id", Int, "geonames_id"),
    ("canonical", Text, "canonical"),
    ("country2", Text, "country2"),
    ("country3", Text, "country3"),
    ("admin1", Text, "admin1"),
    ("lat", Real, "lat"),
    ("lon", Real, "lon"),
    ("feature_code", Text, "feature_code"),
    ("metonym", Int, "metonym"),
    ("confidence", Real, "confidence"),
    ("data", Text, "data"),
];

const TIMEX_COLUMNS: &[Spec] = &[
    ("story_id", Text, "story_id"),
    ("idx", Int, "idx"),
    ("start_byte", Int, "start_byte"),
    ("end_byte", Int, "end_byte"),
    ("start_char", Int, "start_char"),
    ("end_char", Int, "end_char"),
    ("type", Text, "type"),
    ("value", Text, "value"),
    ("mod", Text, "mod"),
    ("interval", Text, "interval"),
    ("data", Text, "data"),
];

const RUN_COLUMNS: &[Spec] = &[
    ("run_id", Int, "run_id"),
    ("kind", Text, "kind"),
    ("started_at", Text, "started_at"),
    ("finished_at", Text, "finished_at"),
    ("status", Text, "status"),
    ("annalist_version", Text, "annalist_version"),
    ("pipeline", Text, "pipeline"),
    ("versions", Text, "versions"),
    ("inputs", Text, "inputs"),
    ("seen", Int, "seen"),
    ("added", Int, "added"),
    ("duplicates", Int, "duplicates"),
    ("failed", Int, "failed"),
    ("read_errors", Int, "read_errors"),
];

/// The GDELT 2.0 event table, column by column (name, type, SQL over
/// `events e` joined with its creating run `r`). Fields Annalist does not
/// produce are NULL, i.e. empty in the TSV; docs/schema.md lists them.
pub const GDELT_COLUMNS: &[(&str, ColumnKind, &str)] = &[
    ("GLOBALEVENTID", Int, "e.event_id"),
    ("SQLDATE", Int, "CAST(strftime('%Y%m%d', substr(e.date, 1, 10)) AS INTEGER)"),
    ("MonthYear", Int, "CAST(strftime('%Y%m', substr(e.date, 1, 10)) AS INTEGER)"),
    ("Year", Int, "CAST(strftime('%Y', substr(e.date, 1, 10)) AS INTEGER)"),
    (
        "FractionDate",
        Real,
        "round(CAST(strftime('%Y', substr(e.date, 1, 10)) AS INTEGER) + (CAST(strftime('%m', substr(e.date, 1, 10)) AS INTEGER) * 30 \
         + CAST(strftime('%d', substr(e.date, 1, 10)) AS INTEGER)) / 365.0, 4)",
    ),
    ("Actor1Code", Text, "e.source"),
    ("Actor1Name", Text, ACTOR1_NAME),
    ("Actor1CountryCode", Text, "nullif(substr(e.source, 1, 3), '')"),
    ("Actor1KnownGroupCode", Text, "NULL"),
    ("Actor1EthnicCode", Text, "NULL"),
    ("Actor1Religion1Code", Text, "NULL"),
    ("Actor1Religion2Code", Text, "NULL"),
    ("Actor1Type1Code", Text, "nullif(substr(e.source, 4, 3), '')"),
    ("Actor1Type2Code", Text, "nullif(substr(e.source, 7, 3), '')"),
    ("Actor1Type3Code", Text, "nullif(substr(e.source, 10, 3), '')"),
    ("Actor2Code", Text, "e.target"),
    ("Actor2Name", Text, ACTOR2_NAME),
    ("Actor2CountryCode", Text, "nullif(substr(e.target, 1, 3), '')"),
    ("Actor2KnownGroupCode", Text, "NULL"),
    ("Actor2EthnicCode", Text, "NULL"),
    ("Actor2Religion1Code", Text, "NULL"),
    ("Actor2Religion2Code", Text, "NULL"),
    ("Actor2Type1Code", Text, "nullif(substr(e.target, 4, 3), '')"),
    ("Actor2Type2Code", Text, "nullif(substr(e.target, 7, 3), '')"),
    ("Actor2Type3Code", Text, "nullif(substr(e.target, 10, 3), '')"),
    (
        "IsRootEvent",
        Int,
        "(SELECT CASE WHEN min(m.sentence) <= 1 THEN 1 ELSE 0 END FROM mentions m WHERE m.event_id = e.event_id)",
    ),
    ("EventCode", Text, "e.cameo"),
    ("EventBaseCode", Text, "e.base"),
    ("EventRootCode", Text, "e.root"),
    ("QuadClass", Int, "e.quad_class"),
    ("GoldsteinScale", Real, "e.goldstein"),
    ("NumMentions", Int, "e.num_mentions"),
    ("NumSources", Int, "e.num_sources"),
    ("NumArticles", Int, "e.num_stories"),
    ("AvgTone", Real, "NULL"),
    ("Actor1Geo_Type", Int, "NULL"),
    ("Actor1Geo_FullName", Text, "NULL"),
    ("Actor1Geo_CountryCode", Text, "NULL"),
    ("Actor1Geo_ADM1Code", Text, "NULL"),
    ("Actor1Geo_ADM2Code", Text, "NULL"),
    ("Actor1Geo_Lat", Real, "NULL"),
    ("Actor1Geo_Long", Real, "NULL"),
    ("Actor1Geo_FeatureID", Text, "NULL"),
    ("Actor2Geo_Type", Int, "NULL"),
    ("Actor2Geo_FullName", Text, "NULL"),
    ("Actor2Geo_CountryCode", Text, "NULL"),
    ("Actor2Geo_ADM1Code", Text, "NULL"),
    ("Actor2Geo_ADM2Code", Text, "NULL"),
    ("Actor2Geo_Lat", Real, "NULL"),
    ("Actor2Geo_Long", Real, "NULL"),
    ("Actor2Geo_FeatureID", Text, "NULL"),
    ("ActionGeo_Type", Int, GEO_TYPE),
    ("ActionGeo_FullName", Text, "e.loc_name"),
    ("ActionGeo_CountryCode", Text, "e.loc_country2"),
    ("ActionGeo_ADM1Code", Text, "e.loc_country2 || e.loc_admin1"),
    ("ActionGeo_ADM2Code", Text, "NULL"),
    ("ActionGeo_Lat", Real, "e.loc_lat"),
    ("ActionGeo_Long", Real, "e.loc_lon"),
    ("ActionGeo_FeatureID", Text, "CAST(e.loc_geonames_id AS TEXT)"),
    ("DATEADDED", Int, "CAST(strftime('%Y%m%d%H%M%S', r.started_at) AS INTEGER)"),
    ("SOURCEURL", Text, "coalesce(e.source_url, 'annalist:' || e.first_story)"),
];

const ACTOR1_NAME: &str =
    "(SELECT a.name FROM mentions m JOIN actors a ON a.story_id = m.story_id \
     AND a.idx = m.source_actor JOIN stories s ON s.story_id = m.story_id \
     WHERE m.event_id = e.event_id AND a.name IS NOT NULL ORDER BY s.seq, m.idx LIMIT 1)";
const ACTOR2_NAME: &str =
    "(SELECT a.name FROM mentions m JOIN actors a ON a.story_id = m.story_id \
     AND a.idx = m.target_actor JOIN stories s ON s.story_id = m.story_id \
     WHERE m.event_id = e.event_id AND a.name IS NOT NULL ORDER BY s.seq, m.idx LIMIT 1)";
/// GDELT geographic resolution: 1 country, 2 US state, 3 US city,
/// 4 world city, 5 world state (ADM1).
const GEO_TYPE: &str = "CASE WHEN e.loc_key = '' THEN NULL \
     WHEN e.loc_feature_code LIKE 'PCL%' THEN 1 \
     WHEN e.loc_feature_code LIKE 'ADM1%' THEN (CASE WHEN e.loc_country2 = 'US' THEN 2 ELSE 5 END) \
     WHEN e.loc_country2 = 'US' THEN 3 ELSE 4 END";

fn spec(table: Table) -> (&'static [Spec], &'static str) {
    match table {
        Table::Events => (EVENT_COLUMNS, "FROM events e ORDER BY e.event_id"),
        Table::Mentions => (
            MENTION_COLUMNS,
            "FROM mentions m JOIN stories s ON s.story_id = m.story_id ORDER BY m.event_id, s.seq, m.idx",
        ),
        Table::Stories => (STORY_COLUMNS, "FROM stories ORDER BY seq"),
        Table::Actors => (ACTOR_COLUMNS, "FROM actors ORDER BY story_id, idx"),
        Table::Quotes => (QUOTE_COLUMNS, "FROM quotes ORDER BY story_id, idx"),
        Table::Places => (PLACE_COLUMNS, "FROM places ORDER BY story_id, idx"),
        Table::Timexes => (TIMEX_COLUMNS, "FROM timexes ORDER BY story_id, idx"),
        Table::Runs => (RUN_COLUMNS, "FROM runs ORDER BY run_id"),
    }
}

pub(crate) fn select(specs: &[Spec], from: &str) -> (String, Vec<Column>) {
    let exprs: Vec<String> = specs
        .iter()
        .map(|s| format!("{} AS \"{}\"", s.2, s.0))
        .collect();
    let sql = format!("SELECT {} {from}", exprs.join(", "));
    let cols = specs.iter().map(|s| Column::new(s.0, s.1)).collect();
    (sql, cols)
}

/// Writes a whole table to `out` in `format`; returns the row count.
/// The GDELT format always exports the events table.
pub fn export(
    archive: &Archive,
    table: Table,
    format: ExportFormat,
    out: Box<dyn Write + Send>,
) -> Result<u64, StoreError> {
    let (sql, cols) = if format == ExportFormat::Gdelt {
        select(
            GDELT_COLUMNS,
            "FROM events e LEFT JOIN runs r ON r.run_id = e.run_id ORDER BY e.event_id",
        )
    } else {
        let (specs, from) = spec(table);
        select(specs, from)
    };
    let mut sink: Box<dyn RowSink> = match format {
        ExportFormat::Jsonl => Box::new(JsonlSink::new(out)),
        ExportFormat::Csv => Box::new(CsvSink::csv(out)),
        ExportFormat::Gdelt => Box::new(CsvSink::gdelt(out)),
        ExportFormat::Parquet => parquet_sink(out)?,
    };
    stream(&archive.conn, &sql, &[], &cols, sink.as_mut())
}

#[cfg(feature = "parquet")]
fn parquet_sink(out: Box<dyn Write + Send>) -> Result<Box<dyn RowSink>, StoreError> {
    Ok(Box::new(crate::parquet_out::ParquetSink::new(out)))
}

#[cfg(not(feature = "parquet"))]
fn parquet_sink(_out: Box<dyn Write + Send>) -> Result<Box<dyn RowSink>, StoreError> {
    Err(StoreError::Parquet(
        "this annalist was built without the `parquet` feature".into(),
    ))
}
