//! CAMEO code arithmetic: the code of appealing for, demanding, refusing
//! or intending the act another code stands for. Pure functions of codes;
//! the passes decide when to apply them.

use crate::cameo::root;
use crate::verbs::split_code;

/// The specific appeal or demand an unspecific one (`020`, `100`) becomes
/// when what it asks for is coded `asked`; `None` when nothing is gained.
pub(super) fn asked_for_code(governor: &str, asked: &str) -> Option<&'static str> {
    let (p, _) = split_code(asked);
    let refined = match (governor, p?) {
        ("020", p) => appeal_code(p),
        ("100", p) => demand_code(p),
        _ => return None,
    };
    (!matches!(refined, "020" | "100")).then_some(refined)
}

/// The CAMEO APPEAL (02x) code for appealing for the act `code` stands
/// for.
pub(super) fn appeal_code(code: &str) -> &'static str {
    let sub = code.get(2..3).unwrap_or("");
    match root(code) {
        // Asking someone to fight is asking for military cooperation.
        "15" | "17" | "18" | "19" | "20" => "021",
        "04" if sub == "5" => "028",
        "04" => "026",
        "05" => "022",
        "06" => match sub {
            "1" => "0211",
            "2" => "0212",
            "3" => "0213",
            "4" => "0214",
            _ => "021",
        },
        "07" => match sub {
            "1" => "0231",
            "2" => "0232",
            "3" => "0233",
            "4" => "0234",
            _ => "023",
        },
        "08" => match sub {
            "1" => "0251",
            "2" => "0252",
            "4" => "0253",
            "5" => "0254",
            "6" => "0255",
            "7" => "0256",
            _ => "025",
        },
        _ => "020",
    }
}

/// The CAMEO DEMAND (10x) code for demanding the act `code` stands for.
pub(super) fn demand_code(code: &str) -> &'static str {
    let sub = code.get(2..3).unwrap_or("");
    match root(code) {
        "04" => "108",
        "07" => match sub {
            "1" => "1031",
            "2" => "1032",
            "3" => "1033",
            _ => "103",
        },
        "08" if code.starts_with("087") => "107",
        "09" => "101",
        _ => "100",
    }
}

/// The CAMEO REJECT (12x) code for refusing the cooperation `code`
/// stands for, or `None` when a negated `code` is no event (statements,
/// appeals, conflict).
pub(super) fn negated_code(code: &str) -> Option<&'static str> {
    let sub = code.get(2..3).unwrap_or("");
    Some(match root(code) {
        "03" => match sub {
            "1" => "121",
            "3" => "122",
            "4" => "123",
            "5" => "124",
            "6" => "125",
            "7" | "8" => "126",
            "9" => "127",
            _ => "120",
        },
        "04" => match sub {
            "5" => "126",
            _ => "125",
        },
        "05" => match sub {
            "7" => "127",
            _ => "120",
        },
        "06" => "121",
        "07" => "122",
        "08" => match sub {
            "1" => "1241",
            "3" => "123",
            "4" => "1243",
            "5" => "1244",
            "6" => "1245",
            "7" => "1246",
            _ => "124",
        },
        _ => return None,
    })
}

/// The intent code for an event code: cooperation roots map to CAMEO's
/// "express intent" codes (03x), conflict roots to threats (13x).
pub fn intent_code(code: &str) -> String {
    let sub = code.get(2..3).unwrap_or("");
    match root(code) {
        "01" | "02" | "03" | "09" | "13" => code.to_string(),
        "04" => "036".into(),
        "05" => "032".into(),
        "06" => match sub {
            "1" => "0311".into(),
            "2" => "0312".into(),
            "3" => "0313".into(),
            "4" => "0314".into(),
            _ => "031".into(),
        },
        "07" => match sub {
            "1" => "0331".into(),
            "2" => "0332".into(),
            "3" => "0333".into(),
            "4" => "0334".into(),
            _ => "033".into(),
        },
        "08" => "035".into(),
        "10" | "11" | "12" => "130".into(),
        "14" => "133".into(),
        "15" => "138".into(),
        "16" => match code {
            "161" => "1313",
            "164" => "134",
            "165" => "135",
            "163" => "1312",
            c if c.starts_with("162") => "1311",
            c if c.starts_with("166") => "136",
            _ => "131",
        }
        .into(),
        "17" => match code {
            "1721" => "1321",
            "1722" => "1322",
            "1723" => "1323",
            "1724" => "1324",
            "172" => "132",
            "173" | "174" | "175" => "137",
            _ => "130",
        }
        .into(),
        "18" => "1383".into(),
        "19" => match code {
            "191" => "1381",
            "192" => "1382",
            _ => "138",
        }
        .into(),
        "20" => match code {
            c if c.starts_with("204") => "1385",
            _ => "138",
        }
        .into(),
        _ => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appeals_and_demands_name_what_is_asked_for() {
        assert_eq!(appeal_code("190"), "021");
        assert_eq!(appeal_code("042"), "026");
        assert_eq!(appeal_code("045"), "028");
        assert_eq!(appeal_code("0712"), "0231");
        assert_eq!(appeal_code("010"), "020");
        assert_eq!(demand_code("071"), "1031");
        assert_eq!(demand_code("0874"), "107");
        assert_eq!(demand_code("081"), "100");
        assert_eq!(asked_for_code("020", "073"), Some("0233"));
        assert_eq!(asked_for_code("100", "042"), Some("108"));
        // Nothing gained, or a governor that is not unspecific.
        assert_eq!(asked_for_code("020", "010"), None);
        assert_eq!(asked_for_code("023", "073"), None);
    }

    #[test]
    fn refusals_of_cooperation_reject_it() {
        assert_eq!(negated_code("030"), Some("120"));
        assert_eq!(negated_code("036"), Some("125"));
        assert_eq!(negated_code("031"), Some("121"));
        assert_eq!(negated_code("043"), Some("125"));
        assert_eq!(negated_code("0841"), Some("1243"));
        assert_eq!(negated_code("190"), None);
        assert_eq!(negated_code("010"), None);
    }

    #[test]
    fn intents_and_threats() {
        assert_eq!(intent_code("042"), "036");
        assert_eq!(intent_code("0713"), "0331");
        assert_eq!(intent_code("1721"), "1321");
        assert_eq!(intent_code("190"), "138");
        assert_eq!(intent_code("2041"), "1385");
        assert_eq!(intent_code("112"), "130");
        assert_eq!(intent_code("036"), "036");
    }
}
