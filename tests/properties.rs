//! Properties of the code that stands between what people type and what the
//! portal stores or shows: the privacy masking, the input gate and the form
//! parsers. Generated inputs, shrunk to the smallest failing case.
#![cfg(feature = "ssr")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed test is a panic"
)]

use gongkai::registers::mask::{mask_numbers, mask_value, valid_id_card, Mask};
use gongkai::registers::schema::Register;
use gongkai::server::input::{clean_text, form_is_clean};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// An 18-digit identity-card number with a right check digit.
fn id_card() -> impl Strategy<Value = String> {
    (
        100_000u32..999_999,
        1950u32..2020,
        1u32..13,
        1u32..29,
        0u32..999,
    )
        .prop_map(|(area, y, m, d, seq)| {
            let first17 = format!("{area:06}{y:04}{m:02}{d:02}{seq:03}");
            const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            const C: &[u8; 11] = b"10X98765432";
            let sum: u32 = first17
                .bytes()
                .zip(W)
                .map(|(b, w)| u32::from(b - b'0') * w)
                .sum();
            format!("{first17}{}", C[(sum % 11) as usize] as char)
        })
}

fn mobile() -> impl Strategy<Value = String> {
    (3u8..10, 0u32..1_000_000_000).prop_map(|(second, rest)| format!("1{second}{rest:09}"))
}

/// Text around the numbers: Chinese, punctuation, spaces — no digits (a
/// digit next to a number makes it a longer number, which is not one) and no
/// Latin letters (digits glued to letters are codes, see the next property).
fn filler() -> impl Strategy<Value = String> {
    "[\u{4e00}-\u{4e50}，。：、 ]{0,12}"
}

/// Filler between two numbers: at least one character, or they are one number.
fn separator() -> impl Strategy<Value = String> {
    "[\u{4e00}-\u{4e50}，。：、 ]{1,12}"
}

fn runs_of_digits(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_digit() && c != 'X' && c != 'x')
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn identity_numbers_and_mobiles_never_survive_masking(
        a in filler(), id in id_card(), b in separator(), m in mobile(), c in filler()
    ) {
        let text = format!("{a}{id}{b}{m}{c}");
        let (masked, changed) = mask_numbers(&text);
        prop_assert!(changed);
        prop_assert!(!masked.contains(&id), "{masked}");
        prop_assert!(!masked.contains(&m), "{masked}");
        for run in runs_of_digits(&masked) {
            prop_assert!(!(run.len() == 18 && valid_id_card(&run)), "{masked}");
        }
        prop_assert_eq!(masked.chars().count(), text.chars().count(), "lengths kept");
        // Masking twice changes nothing more.
        prop_assert_eq!(mask_numbers(&masked).0, masked);
    }

    #[test]
    fn identity_numbers_glued_to_letters_are_masked_too(
        before in "[a-zA-Z]{0,3}", id in id_card(), after in "[a-zA-Z]{0,3}"
    ) {
        let text = format!("{before}{id}{after}");
        let (masked, _) = mask_numbers(&text);
        prop_assert!(!masked.contains(&id), "{masked}");
    }

    #[test]
    fn an_askers_name_never_survives(
        name in "[\u{4e00}-\u{9fa5}]{2,4}", a in filler(), b in filler()
    ) {
        let text = format!("{a}{name}{b}{name}");
        let (masked, _) = mask_value(&text, Mask::Numbers, Some(&name));
        prop_assert!(!masked.contains(&name), "{masked}");
        let (party, _) = mask_value(&name, Mask::PartyName, Some(&name));
        prop_assert!(!party.contains(&name));
        prop_assert!(party.starts_with(name.chars().next().unwrap_or(' ')));
    }

    #[test]
    fn masking_never_panics(text in any::<String>(), person in proptest::option::of(any::<String>())) {
        for mask in [Mask::Numbers, Mask::PartyName, Mask::Address, Mask::PartyCode] {
            let _ = mask_value(&text, mask, person.as_deref());
        }
    }

    #[test]
    fn the_gate_refuses_exactly_control_characters(s in any::<String>()) {
        let encoded = format!("q={}&x=1", gongkai::ui::url::encode(&s));
        let clean = s.chars().all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
        prop_assert_eq!(form_is_clean(encoded.as_bytes()), clean);
        prop_assert_eq!(clean_text(&s), clean);
    }

    #[test]
    fn the_gate_never_panics_on_raw_bytes(raw in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = form_is_clean(&raw);
    }

    #[test]
    fn register_checks_never_panic(
        values in proptest::collection::vec(any::<String>(), 0..30),
        which in 0usize..8
    ) {
        let register = Register::ALL[which];
        let raw: BTreeMap<String, String> = register
            .fields()
            .iter()
            .zip(values.iter().cycle())
            .map(|(f, v)| (f.key.to_owned(), v.clone()))
            .collect();
        match gongkai::registers::validate::check(register, &raw) {
            // Accepted only with every required field filled.
            Ok(fields) => prop_assert!(register
                .fields()
                .iter()
                .filter(|f| f.required)
                .all(|f| fields.get(f.key).is_some_and(|v| !v.trim().is_empty()))),
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn graphic_forms_never_panic(
        kind in "(flow|timeline|figures|chart|comparison|x)",
        keys in proptest::collection::vec("(title|note|unit|chart|steps|categories|series|milestones|figures|points)(-[0-9]{1,2}(-[a-z0-9]{1,5})?)?", 0..20),
        values in proptest::collection::vec(any::<String>(), 1..20)
    ) {
        let mut form: HashMap<String, String> = keys
            .into_iter()
            .zip(values.into_iter().cycle())
            .collect();
        form.insert("kind".to_owned(), kind);
        let (spec, _) = gongkai::graphics::form::parse(&form);
        let _ = gongkai::graphics::validate::check(&spec);
    }

    #[test]
    fn questions_are_checked_without_panicking(
        topic in any::<String>(), question in any::<String>(), asker in any::<String>(),
        contact in any::<String>(), allow in any::<String>()
    ) {
        let values: HashMap<String, String> = [
            ("topic", topic), ("question", question), ("asker", asker),
            ("contact", contact), ("allow_public", allow),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        if let Ok(q) = gongkai::consult::validate::check_question(&values, &[]) {
            prop_assert!(!q.question.trim().is_empty());
        }
    }
}
