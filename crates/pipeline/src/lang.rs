//! Language identification: the first stage, owner of [`Layer::Language`]
//! (`Doc::lang`).
//!
//! Every annotator shipped today uses English models, and an Italian story
//! run through them comes out with nonsense events. So each story's
//! language is settled once, before any other stage, and the pipeline stops
//! a story before the first stage whose language differs (reported with a
//! warning and counted), until stages of its own language exist.
//!
//! Which language wins:
//! 1. the one the input declares (a record's `lang`, a page's
//!    `<html lang>`), normalized to ISO 639-1 (`en-GB` → `en`, `ita` →
//!    `it`);
//! 2. else the one `whatlang` identifies from the first
//!    [`DETECT_BYTES`] of the text, when it is reliable;
//! 3. else English: a short text (a headline and one sentence) cannot be
//!    told reliably, and the archive this engine is built for is English.

use annalist_doc::{Doc, Layer, Stage, StageError};
use whatlang::Lang;

/// How much of the text is read to identify its language: a few
/// paragraphs are as telling as the whole story, and the cost stays
/// bounded on a long one.
pub const DETECT_BYTES: usize = 4096;

/// The language stage: sets `Doc::lang` on every story.
#[derive(Debug, Clone, Copy, Default)]
pub struct LanguageStage;

impl Stage for LanguageStage {
    fn name(&self) -> &'static str {
        "lang"
    }

    fn version(&self) -> String {
        // The identifier's version: a new one may tell some stories
        // differently.
        "whatlang-0.18".into()
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Language]
    }

    fn language(&self) -> Option<&'static str> {
        None
    }

    fn process(&self, doc: &mut Doc) -> Result<(), StageError> {
        let declared = doc.lang.take();
        let code = match declared.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => identify(&doc.text).0,
            Some(given) => match normalize(given) {
                Some(code) => code,
                None => {
                    doc.warnings.push(format!(
                        "ignoring the declared language {given:?} (not a language code); identified from the text"
                    ));
                    identify(&doc.text).0
                }
            },
        };
        doc.lang = Some(code);
        Ok(())
    }
}

/// The language of `text` as an ISO 639-1 code, and whether the
/// identification was reliable. Unreliable or impossible identification
/// (too short, no letters) gives English, `false`.
pub fn identify(text: &str) -> (String, bool) {
    let mut end = text.len().min(DETECT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match whatlang::detect(&text[..end]) {
        Some(info) if info.is_reliable() => (iso639_1(info.lang()).to_string(), true),
        _ => ("en".to_string(), false),
    }
}

/// A declared language as an ISO 639-1 code: a BCP 47 tag's primary
/// subtag (`en-US`, `pt_BR`), an ISO 639-3 code (`ita`) or an English
/// language name (`Italian`), any case. `None` when it is none of those.
pub fn normalize(declared: &str) -> Option<String> {
    let lower = declared.trim().to_ascii_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or_default();
    if !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    match primary.len() {
        2 => Some(primary.to_string()),
        3 => Lang::from_code(primary).map(|l| iso639_1(l).to_string()),
        _ => Lang::all()
            .iter()
            .find(|l| l.eng_name().eq_ignore_ascii_case(&lower))
            .map(|&l| iso639_1(l).to_string()),
    }
}

/// The English name of an ISO 639-1 code, for messages (`it` → `Italian`);
/// the code itself when the identifier does not know it.
pub fn language_name(code: &str) -> String {
    Lang::all()
        .iter()
        .find(|&&l| iso639_1(l) == code)
        .map_or_else(|| code.to_string(), |l| l.eng_name().to_string())
}

/// ISO 639-1 code of each language `whatlang` knows (it names them by
/// ISO 639-3).
fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Afr => "af",
        Lang::Aka => "ak",
        Lang::Amh => "am",
        Lang::Ara => "ar",
        Lang::Aze => "az",
        Lang::Bel => "be",
        Lang::Ben => "bn",
        Lang::Bul => "bg",
        Lang::Cat => "ca",
        Lang::Ces => "cs",
        Lang::Cmn => "zh",
        Lang::Cym => "cy",
        Lang::Dan => "da",
        Lang::Deu => "de",
        Lang::Ell => "el",
        Lang::Eng => "en",
        Lang::Epo => "eo",
        Lang::Est => "et",
        Lang::Fin => "fi",
        Lang::Fra => "fr",
        Lang::Guj => "gu",
        Lang::Heb => "he",
        Lang::Hin => "hi",
        Lang::Hrv => "hr",
        Lang::Hun => "hu",
        Lang::Hye => "hy",
        Lang::Ind => "id",
        Lang::Ita => "it",
        Lang::Jav => "jv",
        Lang::Jpn => "ja",
        Lang::Kan => "kn",
        Lang::Kat => "ka",
        Lang::Khm => "km",
        Lang::Kor => "ko",
        Lang::Lat => "la",
        Lang::Lav => "lv",
        Lang::Lit => "lt",
        Lang::Mal => "ml",
        Lang::Mar => "mr",
        Lang::Mkd => "mk",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Nld => "nl",
        Lang::Nob => "nb",
        Lang::Ori => "or",
        Lang::Pan => "pa",
        Lang::Pes => "fa",
        Lang::Pol => "pl",
        Lang::Por => "pt",
        Lang::Ron => "ro",
        Lang::Rus => "ru",
        Lang::Sin => "si",
        Lang::Slk => "sk",
        Lang::Slv => "sl",
        Lang::Sna => "sn",
        Lang::Spa => "es",
        Lang::Srp => "sr",
        Lang::Swe => "sv",
        Lang::Tam => "ta",
        Lang::Tel => "te",
        Lang::Tgl => "tl",
        Lang::Tha => "th",
        Lang::Tuk => "tk",
        Lang::Tur => "tr",
        Lang::Ukr => "uk",
        Lang::Urd => "ur",
        Lang::Uzb => "uz",
        Lang::Vie => "vi",
        Lang::Yid => "yi",
        Lang::Zul => "zu",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_languages_are_normalized() {
        assert_eq!(normalize("en-GB").as_deref(), Some("en"));
        assert_eq!(normalize("pt_BR").as_deref(), Some("pt"));
        assert_eq!(normalize("ITA").as_deref(), Some("it"));
        assert_eq!(normalize("German").as_deref(), Some("de"));
        assert_eq!(normalize("12"), None);
        assert_eq!(normalize("klingonese"), None);
    }

    #[test]
    fn the_declared_language_wins_and_short_text_is_english() {
        let long_italian = "Il governo ha approvato ieri sera il nuovo decreto sulle pensioni \
            dopo una lunga riunione del consiglio dei ministri. I sindacati hanno annunciato \
            uno sciopero generale per la prossima settimana.";
        let mut d = Doc::new("a", long_italian);
        LanguageStage.process(&mut d).unwrap();
        assert_eq!(d.lang.as_deref(), Some("it"));

        let mut d = Doc::new("b", long_italian);
        d.lang = Some("en-US".into());
        LanguageStage.process(&mut d).unwrap();
        assert_eq!(d.lang.as_deref(), Some("en"), "the input's word wins");

        let mut d = Doc::new("c", "Roma, 7 gen.");
        LanguageStage.process(&mut d).unwrap();
        assert_eq!(d.lang.as_deref(), Some("en"), "too short to tell");

        let mut d = Doc::new("d", long_italian);
        d.lang = Some("??".into());
        LanguageStage.process(&mut d).unwrap();
        assert_eq!(d.lang.as_deref(), Some("it"));
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(language_name("it"), "Italian");
        assert_eq!(language_name("xx"), "xx");
    }

    #[test]
    fn identification_reads_a_bounded_prefix_at_a_char_boundary() {
        let text = "é".repeat(DETECT_BYTES);
        let _ = identify(&text);
        assert_eq!(identify("").0, "en");
        assert_eq!(identify("1234 5678 !!").0, "en");
    }
}
