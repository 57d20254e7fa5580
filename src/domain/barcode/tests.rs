use super::*;

fn rules() -> BarcodeRules {
    BarcodeRules::default()
}

#[test]
fn check_digit_matches_worked_example() {
    assert_eq!(gs1_check_digit("893456313816"), Ok(5));
    assert_eq!(gs1_check_digit("400638133393"), Ok(1));
    assert_eq!(gs1_check_digit("9638507"), Ok(4)); // EAN-8 data
    assert_eq!(gs1_check_digit("03600029145"), Ok(2)); // UPC-A data
    assert_eq!(gs1_check_digit("000000000000"), Ok(0));
    assert_eq!(gs1_check_digit(""), Err(Error::Empty));
    assert_eq!(gs1_check_digit("89a"), Err(Error::NotDigits("89a".into())));
}

#[test]
fn validates_real_fixtures() {
    for code in [
        "8934563138165",
        "8934673577038",
        "4006381333931",
        "5901234123457",
        "9780306406157",
        "2000123012506",
        "2200123450005",
    ] {
        assert_eq!(validate(code), Ok(Symbology::Ean13), "{code}");
    }
    assert_eq!(validate("96385074"), Ok(Symbology::Ean8));
    assert_eq!(validate("036000291452"), Ok(Symbology::UpcA));
}

#[test]
fn rejects_seed_data_with_wrong_check_digits() {
    for (code, expected) in [
        ("8934673001015", 4),
        ("8934673000011", 7),
        ("8938501012345", 0),
        ("8934868000023", 0),
    ] {
        assert_eq!(
            validate(code),
            Err(Error::CheckDigit {
                code: code.into(),
                expected
            }),
            "{code}"
        );
    }
    let message = validate("8934673001015").map_err(|e| e.to_string());
    assert_eq!(
        message,
        Err("mã vạch 8934673001015 sai số kiểm tra (phải là 4)".into())
    );
}

#[test]
fn rejects_malformed_codes() {
    assert_eq!(validate(""), Err(Error::Empty));
    assert_eq!(
        validate("89345631381a5"),
        Err(Error::NotDigits("89345631381a5".into()))
    );
    // An EAN-13 with its last digit lost reads as a UPC-A, and is caught by its check digit.
    let short = Error::CheckDigit {
        code: "893456313816".into(),
        expected: 3,
    };
    assert_eq!(validate("893456313816"), Err(short));
    assert_eq!(
        validate("12345"),
        Err(Error::WrongLength {
            code: "12345".into(),
            len: 5
        })
    );
    assert_eq!(
        validate("８９３４５６３１３８１６５"),
        Err(Error::NotDigits("８９３４５６３１３８１６５".into()))
    );
}

#[test]
fn default_rules_are_valid_and_documented_ones() {
    let r = rules();
    assert_eq!(r.validate(), Ok(()));
    assert_eq!(r.internal_prefix, 29);
    assert_eq!(
        r.layout(20).map(|l| (l.item_digits, l.value)),
        Some((5, ValueKind::WeightGrams))
    );
    assert_eq!(
        r.layout(21).map(|l| (l.value_digits(), l.value)),
        Some((6, ValueKind::PriceVnd))
    );
    assert_eq!(
        r.layout(22).map(|l| (l.item_digits, l.value)),
        Some((5, ValueKind::PriceHundredsVnd))
    );
    assert_eq!(r.layout(23), None);
}

#[test]
fn rules_validation_catches_each_mistake() {
    let with = |layouts: Vec<InStoreLayout>, internal_prefix| BarcodeRules {
        layouts,
        internal_prefix,
    };
    let l = |prefix, item_digits| InStoreLayout {
        prefix,
        item_digits,
        value: ValueKind::PriceVnd,
    };
    assert_eq!(
        with(vec![l(19, 5)], 29).validate(),
        Err(Error::PrefixOutOfRange(19))
    );
    assert_eq!(
        with(vec![l(30, 5)], 29).validate(),
        Err(Error::PrefixOutOfRange(30))
    );
    assert_eq!(
        with(vec![], 89).validate(),
        Err(Error::PrefixOutOfRange(89))
    );
    assert_eq!(
        with(vec![l(21, 5), l(21, 4)], 29).validate(),
        Err(Error::DuplicatePrefix(21))
    );
    assert_eq!(
        with(vec![l(29, 5)], 29).validate(),
        Err(Error::InternalPrefixClash(29))
    );
    assert_eq!(
        with(vec![l(23, 3)], 29).validate(),
        Err(Error::ItemDigits {
            prefix: 23,
            digits: 3
        })
    );
    assert_eq!(
        with(vec![l(23, 7)], 29).validate(),
        Err(Error::ItemDigits {
            prefix: 23,
            digits: 7
        })
    );
    assert_eq!(with(vec![l(23, 4), l(24, 6)], 20).validate(), Ok(()));
}

#[test]
fn rules_round_trip_through_config_json() {
    let json = serde_json::to_string(&rules()).map_err(|e| e.to_string());
    let expected = r#"{"layouts":[{"prefix":20,"item_digits":5,"value":"weight_grams"},{"prefix":21,"item_digits":4,"value":"price_vnd"},{"prefix":22,"item_digits":5,"value":"price_hundreds_vnd"}],"internal_prefix":29}"#;
    assert_eq!(json.as_deref(), Ok(expected));
    let back: Result<BarcodeRules, _> = serde_json::from_str(expected);
    assert_eq!(back.ok(), Some(rules()));
    let typo: Result<BarcodeRules, _> = serde_json::from_str(r#"{"internal_prefx":28}"#);
    assert!(typo.is_err());
    let partial: Result<BarcodeRules, _> = serde_json::from_str(r#"{"internal_prefix":28}"#);
    assert_eq!(
        partial.ok().map(|r| (r.internal_prefix, r.layouts.len())),
        Some((28, 3))
    );
}

#[test]
fn classifies_gtins_and_normalizes_upc() {
    let r = rules();
    assert_eq!(
        classify("8934563138165\r\n", &r),
        Ok(Scan::Gtin("8934563138165".into()))
    );
    assert_eq!(
        classify("  036000291452 ", &r),
        Ok(Scan::Gtin("0036000291452".into()))
    );
    assert_eq!(classify("96385074", &r), Ok(Scan::Gtin("96385074".into())));
    // 29 is the internal prefix, not a layout: a fixed product code.
    let internal = internal_code(29, 42);
    assert_eq!(
        internal.clone().and_then(|c| classify(&c, &r)),
        internal.map(Scan::Gtin)
    );
    assert_eq!(
        classify("8934673001015\n", &r),
        Err(Error::CheckDigit {
            code: "8934673001015".into(),
            expected: 4
        })
    );
}

#[test]
fn decodes_weighed_and_priced_labels() {
    let r = rules();
    assert_eq!(
        classify("2000123012506", &r),
        Ok(Scan::Weighted {
            item: 123,
            qty: Qty(1250)
        })
    );
    // With the default layouts, 22 counts hundreds of đồng: 45000 × 100.
    assert_eq!(
        classify("2200123450005", &r),
        Ok(Scan::Priced {
            item: 123,
            price: Vnd(4_500_000)
        })
    );
    // A shop whose scale prints 22 | 5-digit item | 5-digit đồng reads the same label as 45.000 ₫.
    let five_digit = BarcodeRules {
        layouts: vec![InStoreLayout {
            prefix: 22,
            item_digits: 5,
            value: ValueKind::PriceVnd,
        }],
        internal_prefix: 29,
    };
    assert_eq!(
        classify("2200123450005", &five_digit),
        Ok(Scan::Priced {
            item: 123,
            price: Vnd(45_000)
        })
    );
    let priced = encode_in_store(&rules().layouts[1], 7, 350_000);
    assert_eq!(priced.as_deref(), Ok("2100073500006"));
    assert_eq!(
        classify("2100073500006", &r),
        Ok(Scan::Priced {
            item: 7,
            price: Vnd(350_000)
        })
    );
}

#[test]
fn refuses_zero_empty_control_and_long_input() {
    let r = rules();
    let zero = format!(
        "200012300000{}",
        gs1_check_digit("200012300000").unwrap_or(99)
    );
    assert_eq!(classify(&zero, &r), Err(Error::ZeroValue(zero.clone())));
    assert_eq!(classify("", &r), Err(Error::Empty));
    assert_eq!(classify(" \r\n", &r), Err(Error::Empty));
    assert_eq!(classify("89345\t63138165", &r), Err(Error::ControlChar));
    assert_eq!(classify("NM\u{1b}01", &r), Err(Error::ControlChar));
    let long = "A".repeat(65);
    assert_eq!(classify(&long, &r), Err(Error::TooLong(65)));
    assert_eq!(
        classify(&"A".repeat(64), &r),
        Ok(Scan::Code("A".repeat(64)))
    );
}

#[test]
fn other_inputs_are_product_codes() {
    let r = rules();
    assert_eq!(
        classify(" NM-HQ-500 \r\n", &r),
        Ok(Scan::Code("NM-HQ-500".into()))
    );
    assert_eq!(classify("12345", &r), Ok(Scan::Code("12345".into())));
    assert_eq!(
        classify("12345678901234", &r),
        Ok(Scan::Code("12345678901234".into()))
    );
    assert_eq!(
        classify("Rượu đảng sâm", &r),
        Ok(Scan::Code("Rượu đảng sâm".into()))
    );
}

#[test]
fn encode_rejects_what_does_not_fit() {
    let [weight, price, hundreds] = [0, 1, 2].map(|i| rules().layouts[i]);
    assert_eq!(
        encode_in_store(&weight, 123, 1250).as_deref(),
        Ok("2000123012506")
    );
    assert_eq!(
        encode_in_store(&hundreds, 123, 4_500_000).as_deref(),
        Ok("2200123450005")
    );
    assert_eq!(
        encode_in_store(&weight, 100_000, 1),
        Err(Error::ItemTooLarge {
            item: 100_000,
            digits: 5
        })
    );
    assert_eq!(
        encode_in_store(&price, 10_000, 1),
        Err(Error::ItemTooLarge {
            item: 10_000,
            digits: 4
        })
    );
    assert_eq!(
        encode_in_store(&weight, 1, 100_000),
        Err(Error::ValueOutOfRange(100_000))
    );
    assert_eq!(
        encode_in_store(&price, 1, 1_000_000),
        Err(Error::ValueOutOfRange(1_000_000))
    );
    assert_eq!(encode_in_store(&price, 1, 999_999).map(|c| c.len()), Ok(13));
    assert_eq!(
        encode_in_store(&price, 1, 0),
        Err(Error::ValueOutOfRange(0))
    );
    assert_eq!(
        encode_in_store(&price, 1, -5),
        Err(Error::ValueOutOfRange(-5))
    );
    assert_eq!(
        encode_in_store(&hundreds, 1, 45_050),
        Err(Error::ValueOutOfRange(45_050))
    );
    let bad = InStoreLayout {
        prefix: 89,
        item_digits: 5,
        value: ValueKind::PriceVnd,
    };
    assert_eq!(
        encode_in_store(&bad, 1, 1),
        Err(Error::PrefixOutOfRange(89))
    );
}

#[test]
fn encode_then_classify_round_trips_for_every_default_layout() {
    let r = rules();
    for layout in &r.layouts {
        let max_item = 10_u32.pow(u32::from(layout.item_digits)) - 1;
        let max_value = 10_i64.pow(u32::from(layout.value_digits())) - 1;
        let unit = if layout.value == ValueKind::PriceHundredsVnd {
            100
        } else {
            1
        };
        for item in [0, 1, 123, max_item / 7, max_item] {
            for stored in [1, 9, 1250, max_value / 3, max_value] {
                let value = stored * unit;
                let code = encode_in_store(layout, item, value);
                let scan = code
                    .as_deref()
                    .map_err(Clone::clone)
                    .and_then(|c| classify(c, &r));
                let expected = match layout.value {
                    ValueKind::WeightGrams => Scan::Weighted {
                        item,
                        qty: Qty(value),
                    },
                    _ => Scan::Priced {
                        item,
                        price: Vnd(value),
                    },
                };
                assert_eq!(scan, Ok(expected), "{layout:?} {item} {value} {code:?}");
                assert!(code.is_ok_and(|c| is_in_store(&c)));
            }
        }
    }
}

#[test]
fn internal_codes_validate_and_stay_in_store() {
    assert_eq!(internal_code(29, 1).as_deref(), Ok("2900000000018"));
    for prefix in 20..=29 {
        for seq in [0, 1, 9, 10, 12_345, 999_999, 1_234_567_890, 9_999_999_999] {
            let code = internal_code(prefix, seq);
            let checked = code.as_deref().map_err(Clone::clone).and_then(validate);
            assert_eq!(checked, Ok(Symbology::Ean13), "{prefix} {seq}");
            assert!(
                code.as_deref()
                    .is_ok_and(|c| is_in_store(c) && !c.starts_with("893"))
            );
            assert_eq!(code.map(|c| c[2..12].parse::<u64>().ok()), Ok(Some(seq)));
        }
    }
    assert_eq!(internal_code(89, 1), Err(Error::PrefixOutOfRange(89)));
    assert_eq!(internal_code(19, 1), Err(Error::PrefixOutOfRange(19)));
    assert_eq!(
        internal_code(29, 10_000_000_000),
        Err(Error::SeqTooLarge(10_000_000_000))
    );
}

#[test]
fn in_store_means_valid_ean13_in_twenties() {
    assert!(is_in_store("2000123012506"));
    assert!(!is_in_store("2000123012505"));
    assert!(!is_in_store("8934563138165"));
    assert!(!is_in_store("036000291452"));
    assert!(!is_in_store("20001230125"));
}
