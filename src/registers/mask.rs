//! Privacy masking (依法隐去) for everything a register shows the public.
//!
//! What is hidden: a natural person's full name, identity-card numbers
//! (recognised by their check digit, so a contract number of 18 digits is
//! left alone), mobile numbers, bank card numbers (Luhn-valid, 16–19 digits)
//! and the detailed part of a natural person's address. Organisations' names
//! and credit codes stay. Masking runs when a row is saved and the masked
//! copy is what every public channel reads, so no channel can forget it.

/// The mark shown beside a masked value.
pub const MARK: &str = "依法隐去";

/// ISO 7064 MOD 11-2 check of an 18-character identity-card number.
pub fn valid_id_card(s: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    // The month and day must be a date-like pair too: 19/20th century births.
    let month = (b[10] - b'0') * 10 + (b[11] - b'0');
    let day = (b[12] - b'0') * 10 + (b[13] - b'0');
    let century_ok = matches!(&s[6..8], "19" | "20");
    century_ok
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && CHECK[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

/// Luhn check of a card number.
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// A run of ASCII digits (and a trailing X for identity cards) in text.
/// Digits glued to Latin letters are a code of some other kind and are left
/// alone, except a valid identity-card number: its date and check digit make
/// a chance match most unlikely, and "ID350102…" is still a person's number.
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        // An X right after 17 digits belongs to an identity-card number.
        let mut end = i;
        if end - start == 17 && end < b.len() && (b[end] == b'X' || b[end] == b'x') {
            end += 1;
        }
        let glued_before = start > 0 && b[start - 1].is_ascii_alphabetic();
        let glued_after = end < b.len() && b[end].is_ascii_alphabetic();
        // A valid 18-digit number is one even glued to letters; any other
        // run of digits only when it stands alone.
        if (end - start == 18 && valid_id_card(&text[start..end]))
            || (!glued_before && !glued_after)
        {
            runs.push((start, end));
        }
        i = end;
    }
    runs
}

fn keep_ends(s: &str, head: usize, tail: usize) -> String {
    let n = s.chars().count();
    s.chars()
        .enumerate()
        .map(|(i, c)| if i < head || i >= n - tail { c } else { '*' })
        .collect()
}

/// Masks the numbers in free text that identify a person. Returns the text
/// and whether anything was hidden.
pub fn mask_numbers(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut changed = false;
    for (start, end) in digit_runs(text) {
        let run = &text[start..end];
        let masked = match run.len() {
            18 if valid_id_card(run) => Some(keep_ends(run, 6, 4)),
            11 if run.starts_with('1') && (b'3'..=b'9').contains(&run.as_bytes()[1]) => {
                Some(keep_ends(run, 3, 4))
            }
            16..=19 if run.bytes().all(|c| c.is_ascii_digit()) && luhn(run) => {
                Some(keep_ends(run, 4, 4))
            }
            _ => None,
        };
        if let Some(m) = masked {
            out.push_str(&text[last..start]);
            out.push_str(&m);
            last = end;
            changed = true;
        }
    }
    out.push_str(&text[last..]);
    (out, changed)
}

/// A person's name with only the surname left: 张三丰 → 张**. Two-character
/// compound surnames (欧阳, 司马…) are kept whole.
pub fn mask_person_name(name: &str) -> String {
    const COMPOUND: &[&str] = &[
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒",
        "夏侯", "长孙", "宇文", "轩辕", "端木", "南宫", "西门",
    ];
    let name = name.trim();
    let n = name.chars().count();
    if n == 0 {
        return String::new();
    }
    let keep = if n > 2 && COMPOUND.iter().any(|c| name.starts_with(c)) {
        2
    } else {
        1
    };
    name.chars()
        .enumerate()
        .map(|(i, c)| if i < keep { c } else { '*' })
        .collect()
}

/// An address cut after its county-level part: 福州市鼓楼区五四路88号 →
/// 福州市鼓楼区******. Without a recognisable county part, all but the
/// first three characters go.
pub fn mask_address(address: &str) -> String {
    let address = address.trim();
    let chars: Vec<char> = address.chars().collect();
    // The last county-level suffix within the first 16 characters.
    let cut = chars
        .iter()
        .take(16)
        .enumerate()
        .filter(|(_, c)| matches!(c, '区' | '县' | '市' | '旗'))
        .map(|(i, _)| i + 1)
        .next_back()
        .unwrap_or(3.min(chars.len()));
    let hidden = chars.len().saturating_sub(cut);
    if hidden == 0 {
        return address.to_owned();
    }
    let mut out: String = chars[..cut].iter().collect();
    out.push_str(&"*".repeat(hidden.min(6)));
    out
}

/// How a field's value is masked for the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mask {
    /// Only numbers that identify a person (every text field gets at least this).
    Numbers,
    /// The party's name: the surname only when the party is a natural person.
    PartyName,
    /// An address: the detail goes when the party is a natural person.
    Address,
    /// An identification code: hidden when the party is a natural person
    /// (a person's "code" is their identity-card number).
    PartyCode,
}

/// Masks one value. `person` is the natural person this row is about, if
/// any; their full name is replaced wherever it appears.
pub fn mask_value(value: &str, mask: Mask, person: Option<&str>) -> (String, bool) {
    let original = value;
    let value = match (mask, person) {
        (Mask::PartyName, Some(_)) => mask_person_name(value),
        (Mask::Address, Some(_)) => mask_address(value),
        (Mask::PartyCode, Some(_)) if !value.trim().is_empty() => "*".repeat(18),
        _ => {
            let mut v = value.to_owned();
            if let Some(name) = person.map(str::trim).filter(|n| n.chars().count() >= 2) {
                v = v.replace(name, &mask_person_name(name));
            }
            v
        }
    };
    let (value, _) = mask_numbers(&value);
    let changed = value != original;
    (value, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 11010519491231002X is the check-digit example of GB 11643.
    const ID: &str = "11010519491231002X";

    #[test]
    fn identity_card_check_digits() {
        assert!(valid_id_card(ID));
        assert!(valid_id_card("11010519491231002x"));
        assert!(valid_id_card("350102198001011233"));
        assert!(!valid_id_card("350102198001011238"), "wrong check digit");
        assert!(!valid_id_card("110105194912310021"));
        assert!(!valid_id_card("11010519491331002X"), "month 13");
        assert!(!valid_id_card("1101051949123100"));
    }

    #[test]
    fn identity_cards_are_masked_in_text() {
        let (t, changed) = mask_numbers(&format!("当事人身份证号{ID}，住所地福州。"));
        assert!(changed);
        assert_eq!(t, "当事人身份证号110105********002X，住所地福州。");
    }

    #[test]
    fn numbers_that_merely_look_alike_stay() {
        for text in [
            "合同编号350102198001011238（校验位不符）",
            "订单号 123456789012345678",
            "罚款人民币13800000000000元", // 14 digits, not a phone
            "决定日期20160503",
            "闽新广〔2016〕83号",
            "统一社会信用代码91350100MA2XN5QY3K",
            "ISBN 9787020002207",
            "编号A13812345678", // glued to a letter
            "批准文号13812345678B",
            "HT2016350102198001011238", // a contract number, check digit wrong
        ] {
            let (t, changed) = mask_numbers(text);
            assert!(!changed, "{text} was masked as {t}");
            assert_eq!(t, text);
        }
    }

    #[test]
    fn identity_cards_glued_to_letters_are_still_masked() {
        let (t, changed) = mask_numbers(&format!("ID{ID}请尽快办理"));
        assert!(changed);
        assert_eq!(t, "ID110105********002X请尽快办理");
    }

    #[test]
    fn phones_are_masked() {
        let (t, changed) = mask_numbers("联系电话13812345678或0591-87654321");
        assert!(changed);
        assert_eq!(t, "联系电话138****5678或0591-87654321");
        // 12 not a mobile prefix
        assert!(!mask_numbers("12812345678").1);
    }

    #[test]
    fn bank_cards_need_a_valid_luhn() {
        let (t, changed) = mask_numbers("退款账户6222021234567890128。");
        assert!(luhn("6222021234567890128"));
        assert!(changed);
        assert_eq!(t, "退款账户6222***********0128。");
        assert!(!mask_numbers("退款账户6222021234567890127。").1);
    }

    #[test]
    fn person_names_keep_the_surname() {
        assert_eq!(mask_person_name("张三"), "张*");
        assert_eq!(mask_person_name("李小龙"), "李**");
        assert_eq!(mask_person_name("欧阳修文"), "欧阳**");
        assert_eq!(mask_person_name("欧阳"), "欧*");
    }

    #[test]
    fn persons_versus_companies() {
        let (name, changed) = mask_value("陈建华", Mask::PartyName, Some("陈建华"));
        assert!(changed);
        assert_eq!(name, "陈**");
        let (name, changed) = mask_value("福州海峡书城有限公司", Mask::PartyName, None);
        assert!(!changed);
        assert_eq!(name, "福州海峡书城有限公司");
        let (code, changed) = mask_value(ID, Mask::PartyCode, Some("陈建华"));
        assert!(changed);
        assert!(!code.contains("1949"));
        let (code, changed) = mask_value("91350100MA2XN5QY3K", Mask::PartyCode, None);
        assert!(!changed);
        assert_eq!(code, "91350100MA2XN5QY3K");
    }

    #[test]
    fn the_persons_name_is_hidden_in_other_fields() {
        let (fact, changed) = mask_value(
            "陈建华在福州市鼓楼区经营未经许可的音像制品，陈建华当场承认。",
            Mask::Numbers,
            Some("陈建华"),
        );
        assert!(changed);
        assert_eq!(
            fact,
            "陈**在福州市鼓楼区经营未经许可的音像制品，陈**当场承认。"
        );
    }

    #[test]
    fn addresses_keep_the_county() {
        assert_eq!(mask_address("福州市鼓楼区五四路88号"), "福州市鼓楼区******");
        assert_eq!(
            mask_address("福建省南平市建阳区童游街道1号"),
            "福建省南平市建阳区******"
        );
        assert_eq!(mask_address("莆田某村"), "莆田某*");
        let (a, changed) = mask_value("厦门市思明区中山路1号", Mask::Address, None);
        assert!(!changed, "an organisation's address stays");
        assert_eq!(a, "厦门市思明区中山路1号");
    }
}
