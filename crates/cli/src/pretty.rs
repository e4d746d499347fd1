//! Human-readable and CoNLL-U renderings of annotated documents.

use annalist_doc::Doc;
use std::io::{self, Write};

/// Writes a short human summary: headline, agency, place, date, counts, and
/// one line per entity, event, quote, time expression and place.
pub fn write(out: &mut impl Write, doc: &Doc) -> io::Result<()> {
    let title = doc
        .title
        .as_ref()
        .map_or("(no headline)", |t| t.text.as_str());
    writeln!(out, "━━ {}", title)?;
    let place = doc
        .dateline
        .as_ref()
        .and_then(|d| d.place.as_deref())
        .unwrap_or("-");
    let date = doc
        .date
        .map(|d| format!("{d} ({})", doc.date_source.as_deref().unwrap_or("?")))
        .unwrap_or_else(|| "unknown".into());
    writeln!(
        out,
        "   id {}  agency {}  place {}  date {}",
        doc.id,
        doc.agency.as_deref().unwrap_or("-"),
        place,
        date
    )?;
    writeln!(
        out,
        "   {} paragraphs, {} sentences, {} tokens",
        doc.paragraphs.len(),
        doc.sentences.len(),
        doc.tokens.len()
    )?;
    for m in &doc.meta {
        writeln!(out, "   meta {}: {}", m.key, m.value)?;
    }
    if !doc.entities.is_empty() {
        let ents: Vec<String> = doc
            .entities
            .iter()
            .map(|e| format!("{} [{}]", doc.span_text(&e.span), e.label))
            .collect();
        writeln!(out, "   entities: {}", ents.join(", "))?;
    }
    for e in &doc.events {
        let trigger = e.trigger.as_ref().map_or("", |t| doc.span_text(t));
        writeln!(
            out,
            "   event {} → {} {} ({}{}) \"{}\"{}{}",
            e.source.as_deref().unwrap_or("---"),
            e.target.as_deref().unwrap_or("---"),
            e.cameo,
            e.plover.as_deref().unwrap_or("-"),
            format_args!(", Q{} G{:+.1}", e.quad_class, e.goldstein),
            trigger,
            e.date
                .as_deref()
                .map(|d| format!(" on {d}"))
                .unwrap_or_default(),
            e.location
                .and_then(|i| doc.places.get(i as usize))
                .map(|p| format!(" in {}", p.canonical.as_deref().unwrap_or(&p.name)))
                .unwrap_or_default(),
        )?;
    }
    for q in &doc.quotes {
        let content: Vec<&str> = q.content.iter().map(|o| doc.slice(o)).collect();
        let mut text = content.join(" … ");
        if text.chars().count() > 100 {
            text = text.chars().take(97).collect::<String>() + "...";
        }
        writeln!(
            out,
            "   quote [{:?}] {}{}: {}",
            q.kind,
            q.speaker.as_deref().unwrap_or("(speaker unknown)"),
            q.speaker_code
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default(),
            text
        )?;
    }
    for t in &doc.timexes {
        writeln!(
            out,
            "   time \"{}\" = {} {}",
            doc.slice(&t.offsets),
            t.kind,
            t.value
        )?;
    }
    for p in &doc.places {
        let coords = match (p.lat, p.lon) {
            (Some(lat), Some(lon)) => format!(" ({lat:.2}, {lon:.2})"),
            _ => String::new(),
        };
        writeln!(
            out,
            "   place \"{}\" = {}{}{}{}",
            p.name,
            p.canonical.as_deref().unwrap_or("?"),
            p.country3
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default(),
            coords,
            if p.metonym { " [actor]" } else { "" }
        )?;
    }
    for w in &doc.warnings {
        writeln!(out, "   warning: {w}")?;
    }
    writeln!(out)
}

/// Writes CoNLL-U: one block per sentence with `# sent_id` and `# text`.
pub fn write_conllu(out: &mut impl Write, doc: &Doc) -> io::Result<()> {
    writeln!(out, "# newdoc id = {}", doc.id)?;
    for (k, s) in doc.sentences.iter().enumerate() {
        writeln!(out, "# sent_id = {}-{}", doc.id, k + 1)?;
        writeln!(out, "# text = {}", doc.span_text(s).replace('\n', " "))?;
        for i in s.tokens() {
            let t = &doc.tokens[i];
            let head = match t.head {
                Some(h) if (h as usize) >= s.token_start as usize => {
                    h as usize - s.token_start as usize + 1
                }
                _ => 0,
            };
            let misc = if t.ws || i + 1 == s.token_end as usize {
                "_"
            } else {
                "SpaceAfter=No"
            };
            let dash = |l: &Option<annalist_doc::Label>| {
                l.as_ref().map_or("_".to_string(), |x| x.to_string())
            };
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                i - s.token_start as usize + 1,
                doc.token_text(i),
                dash(&t.lemma),
                dash(&t.pos),
                dash(&t.tag),
                if t.dep.is_some() {
                    head.to_string()
                } else {
                    "_".into()
                },
                dash(&t.dep),
                misc
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
