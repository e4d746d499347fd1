//! Reader for PolNeAR's brat standoff files (offsets in Unicode characters).

use crate::QuotesError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A role span: one or more character ranges (discontinuous spans in brat
/// are written `a b;c d`).
pub type Pieces = Vec<(usize, usize)>;

/// One gold attribution relation.
#[derive(Debug, Clone, Default)]
pub struct Relation {
    /// Source span(s), in character offsets.
    pub source: Vec<Pieces>,
    /// Cue span(s).
    pub cue: Vec<Pieces>,
    /// Content span(s).
    pub content: Vec<Pieces>,
}

/// One annotated article.
#[derive(Debug, Clone)]
pub struct Article {
    /// File stem (`<publisher>_<date>_<slug>`).
    pub name: String,
    /// The article text (headline, blank line, body).
    pub text: String,
    /// Its attribution relations.
    pub relations: Vec<Relation>,
}

/// Reads every article of a split (`train`, `dev`, `test`) under the
/// PolNeAR `data` folder, taking the first annotator's file in sort order
/// for articles annotated several times.
pub fn read_split(data: &Path, split: &str) -> Result<Vec<Article>, QuotesError> {
    let dir = data.join(split);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))
        .map_err(|e| QuotesError::io(dir.join("attributions"), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut out: Vec<Article> = Vec::new();
    for f in files {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let Some((name, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        if out.last().is_some_and(|a| a.name == name) {
            continue;
        }
        let tpath = dir.join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&tpath).map_err(|e| QuotesError::io(tpath, e))?;
        let ann = std::fs::read_to_string(&f).map_err(|e| QuotesError::io(f.clone(), e))?;
        out.push(Article {
            name: name.to_string(),
            text,
            relations: parse_ann(&ann),
        });
    }
    Ok(out)
}

/// Parses one `.ann` file into relations; malformed lines are skipped.
pub fn parse_ann(ann: &str) -> Vec<Relation> {
    let mut spans: HashMap<&str, Pieces> = HashMap::new();
    let mut rels = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_ty, ranges)) = body.split_once(' ') else {
                continue;
            };
            let pieces: Option<Pieces> = ranges
                .split(';')
                .map(|r| {
                    let mut it = r.split_whitespace();
                    Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
                })
                .collect();
            if let Some(p) = pieces {
                spans.insert(id, p);
            }
        } else if id.starts_with('E') {
            rels.push(body);
        }
    }
    rels.into_iter()
        .map(|body| {
            let mut r = Relation::default();
            for role in body.split(' ') {
                let Some((key, t)) = role.split_once(':') else {
                    continue;
                };
                let Some(p) = spans.get(t) else { continue };
                match key.trim_end_matches(|c: char| c.is_ascii_digit()) {
                    "Source" => r.source.push(p.clone()),
                    "Cue" => r.cue.push(p.clone()),
                    "Content" => r.content.push(p.clone()),
                    _ => {}
                }
            }
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_relations_and_discontinuous_spans() {
        let ann = "T1\tSource 0 3\tHe\nT2\tCue 4 8\tsaid\nT3\tContent 9 12;20 25\tx y\n\
                   T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
                   #1\tAnnotatorNotes T1\tnote\n";
        let r = parse_ann(ann);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].source, vec![vec![(0, 3)]]);
        assert_eq!(r[0].content, vec![vec![(9, 12), (20, 25)]]);
    }
}
