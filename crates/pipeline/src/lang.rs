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
//!    [`DETECT_BYTES`] of the text, when it is reliable and, for the
//!    languages whose letter trigrams English text can imitate (French,
//!    Catalan, Afrikaans … on Reuters earnings tables: "Shr loss 14 cts
//!    vs 21 cts"), the text also has that language's function words;
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
        Some(info) if info.is_reliable() => {
            let code = iso639_1(info.lang());
            if code == "en" || has_function_words(&text[..end], code) {
                (code.to_string(), true)
            } else {
                ("en".to_string(), false)
            }
        }
        _ => ("en".to_string(), false),
    }
}

/// Whether at least 5% of the words of `text` (and three at least) are
/// among the commonest function words of `code`; true for a language with
/// no list here (the trigram verdict stands). Real prose has 20–40% of
/// them; an English table that merely looks French by its trigrams has
/// none. Words that are also common English words (`is`, `in`, `a`, `no`)
/// are left out of the lists.
fn has_function_words(text: &str, code: &str) -> bool {
    let Some(list) = function_words(code) else {
        return true;
    };
    let mut words = 0usize;
    let mut hits = 0usize;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let lower = w.to_lowercase();
        if list.contains(&lower.as_str()) {
            hits += 1;
        }
    }
    hits >= 3 && hits * 20 >= words
}

/// The commonest function words of the Latin-script languages that
/// English text is most often taken for.
fn function_words(code: &str) -> Option<&'static [&'static str]> {
    Some(match code {
        "fr" => &[
            "le", "la", "les", "des", "du", "et", "est", "une", "un", "que", "qui", "pour", "dans",
            "sur", "au", "aux", "par", "pas", "avec", "il", "elle", "ont", "sont", "été", "cette",
            "ces", "leur", "mais", "où", "ne", "se", "l", "d", "qu",
        ],
        "es" => &[
            "el", "la", "los", "las", "del", "y", "que", "en", "por", "con", "para", "una", "un",
            "es", "se", "al", "lo", "su", "sus", "más", "como", "pero", "fue", "ha", "han", "este",
            "esta",
        ],
        "it" => &[
            "il", "lo", "la", "gli", "le", "di", "del", "della", "dei", "che", "e", "è", "un",
            "una", "per", "con", "non", "sono", "ha", "hanno", "nel", "nella", "alla", "anche",
            "come", "ma", "più", "l",
        ],
        "de" => &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "von", "zu", "ein",
            "eine", "auf", "für", "im", "sich", "auch", "des", "sie", "es", "wird", "wurde",
            "nach", "bei",
        ],
        "pt" => &[
            "os", "do", "da", "dos", "das", "em", "um", "uma", "que", "não", "para", "com", "por",
            "se", "na", "ao", "é", "mais", "foi",
        ],
        "nl" => &[
            "de", "het", "een", "en", "van", "dat", "niet", "te", "met", "voor", "zijn", "aan",
            "er", "ook", "als", "bij", "maar",
        ],
        "ca" => &[
            "el", "els", "la", "les", "de", "del", "i", "que", "en", "per", "amb", "un", "una",
            "és", "al", "als", "va", "ha",
        ],
        "af" => &[
            "die", "en", "van", "het", "nie", "dit", "te", "met", "vir", "sy", "wat", "om", "hy",
        ],
        "ro" => &[
            "și", "de", "la", "în", "cu", "pe", "nu", "că", "este", "un", "din", "pentru", "care",
            "au", "mai", "fost",
        ],
        _ => return None,
    })
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
    fn an_english_table_that_looks_french_stays_english() {
        let table = "KAPOK CORP 1ST QTR DEC 31 LOSS\n\nCLEARWATER, Fla., March 2 - Shr loss \
            14 cts vs loss 21 cts Net loss 446,000 vs loss 1,234,000 Revs 3.1 mln vs 2.9 mln \
            Avg shrs 1.2 mln vs 1.1 mln Qtr net includes tax credit of 12,000 dlrs vs 31,000 \
            dlrs Oper shr loss 13 cts vs loss 20 cts Oper net loss 412,000 vs loss 1,201,000";
        assert_eq!(identify(table).0, "en");
        let french = "Le président a annoncé mardi un plan pour les hôpitaux publics, qui \
            manquent de personnel depuis le début de la crise. Les syndicats ont salué une \
            mesure attendue, mais ils demandent des hausses de salaires dans tout le secteur.";
        assert_eq!(identify(french), ("fr".to_string(), true));
    }

    #[test]
    fn identification_reads_a_bounded_prefix_at_a_char_boundary() {
        let text = "é".repeat(DETECT_BYTES);
        let _ = identify(&text);
        assert_eq!(identify("").0, "en");
        assert_eq!(identify("1234 5678 !!").0, "en");
    }
}
