//! The lookup key every name (gazetteer alias or text span) is reduced to.
//!
//! Case, diacritics, periods and runs of whitespace are dropped so that
//! "U.S.", "US", "Sanaa" and "Sanaʽa" meet on the same key without a
//! Unicode-normalisation dependency.

/// Folds one character to its lower-case ASCII-ish form; `None` drops it.
fn fold(c: char) -> Option<char> {
    let lowered = match c {
        'A'..='Z' => return Some(c.to_ascii_lowercase()),
        'a'..='z' | '0'..='9' | '-' | ' ' | '&' => return Some(c),
        '.' => return None,
        '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | 'ʽ' | '`' | '´' => return Some('\''),
        '–' | '—' | '‐' => return Some('-'),
        c if c.is_whitespace() => return Some(' '),
        c => c.to_lowercase().next().unwrap_or(c),
    };
    Some(match lowered {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ậ' => {
            'a'
        }
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
        'ď' | 'đ' | 'ḍ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ế' | 'ề' | 'ệ' => {
            'e'
        }
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' | 'ḥ' | 'ḩ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ị' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ọ' | 'ồ' | 'ố' | 'ộ' | 'ơ' => {
            'o'
        }
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ṣ' => 's',
        'ß' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' | 'ṭ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ư' | 'ụ' => {
            'u'
        }
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' | 'ẓ' => 'z',
        'æ' => 'a',
        'œ' => 'o',
        'þ' => 't',
        'ð' => 'd',
        other => other,
    })
}

/// The lookup key of a name.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = true;
    for c in name.chars().filter_map(fold) {
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// True when every letter of `name` is Latin script (ASCII or the Latin
/// supplements), the only aliases English news can use.
pub fn is_latin(name: &str) -> bool {
    name.chars().all(|c| {
        (c as u32) < 0x250
            || matches!(c, 'ʼ' | 'ʻ' | 'ʽ' | '’' | '‘' | '–' | '—' | '‐')
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_dots_and_accents() {
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("Sanaʽa"), "sana'a");
        assert_eq!(key("  São   Paulo "), "sao paulo");
        assert_eq!(key("Misrātah"), "misratah");
        assert_eq!(key("Côte d’Ivoire"), "cote d'ivoire");
    }

    #[test]
    fn latin_check() {
        assert!(is_latin("Misrātah"));
        assert!(!is_latin("مصراتة"));
        assert!(!is_latin("Мисурата"));
    }
}
