use super::*;

fn parse(text: &str) -> Result<Config, Error> {
    Config::parse(text, Path::new("config.toml"))
}

#[test]
fn the_example_file_parses_to_the_defaults() {
    let example = include_str!("../../config.example.toml");
    assert_eq!(parse(example).unwrap(), Config::default());
    // Every key, uncommented, is still valid and still the default.
    let uncommented: String = example
        .lines()
        .map(|l| {
            l.strip_prefix("# ")
                .filter(|r| r.contains(" = ") || r.starts_with('['))
                .unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(parse(&uncommented).unwrap(), Config::default());
}

#[test]
fn unknown_keys_and_bad_values_name_key_and_line() {
    let err = parse("[sales]\nclerk_discount_limit_percent = 10\nclerk_discunt = 5\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 3") && err.contains("clerk_discunt"),
        "{err}"
    );
    let err = parse("[business]\n\nutc_offset = \"GMT+7\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 3") && err.contains("utc_offset"),
        "{err}"
    );
    let err = parse("[sales]\nclerk_discount_limit_percent = 150\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 2") && err.contains("150"), "{err}");
    let err = parse("[barcode]\ninternal_prefix = 20\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("barcode") && err.contains("20"), "{err}");
    let err = parse("[shifts]\nmax_cash_difference_vnd = -1\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 2") && err.contains("max_cash_difference_vnd") && err.contains("-1"),
        "{err}"
    );
    let err = parse("[shifts]\nmax_cash_diference_vnd = 1\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("max_cash_diference_vnd"), "{err}");
    let err = parse("[security]\nmax_pin_failures = \"five\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 2") && err.contains("max_pin_failures"),
        "{err}"
    );
}

#[test]
fn values_are_read() {
    let config = parse(
        "[business]\nutc_offset = \"+08:00\"\n[sales]\nclerk_discount_limit_percent = 5\n\
         [shifts]\nmax_cash_difference_vnd = 20000\n\
         [[barcode.layouts]]\nprefix = 23\nitem_digits = 5\nvalue = \"weight_grams\"\n",
    )
    .unwrap();
    assert_eq!(config.shifts.max_cash_difference_vnd, Vnd(20_000));
    assert_eq!(
        Config::default().shifts.max_cash_difference_vnd,
        Vnd(50_000)
    );
    assert_eq!(config.business.utc_offset.0.local_minus_utc(), 8 * 3600);
    assert_eq!(config.cart_policy().clerk_limit_bp, 500);
    assert_eq!(config.barcode.layouts.len(), 1);
    assert_eq!(config.barcode.internal_prefix, 29);
}

#[test]
fn backup_defaults_values_and_refusals() {
    assert_eq!(
        Config::default().backup,
        Backup {
            enabled: true,
            keep_days: 14
        }
    );
    let config = parse("[backup]\nenabled = false\nkeep_days = 30\n").unwrap();
    assert_eq!(
        config.backup,
        Backup {
            enabled: false,
            keep_days: 30
        }
    );
    let err = parse("[backup]\n\nkeep_days = 0\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 3") && err.contains("keep_days"), "{err}");
    let err = parse("[backup]\nkeep = 3\n").unwrap_err().to_string();
    assert!(err.contains("line 2") && err.contains("keep"), "{err}");
    // The example file names both keys, so the parse-every-key test above covers them.
    let example = include_str!("../../config.example.toml");
    assert!(example.contains("# [backup]\n# enabled = true\n# keep_days = 14\n"));
}

#[test]
fn the_customer_display_is_off_unless_asked_for_and_typos_are_refused() {
    assert!(!Config::default().display.customer);
    assert!(
        parse("[display]\ncustomer = true\n")
            .unwrap()
            .display
            .customer
    );
    let err = parse("[display]\n\ncustommer = true\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 3") && err.contains("custommer"), "{err}");
    let err = parse("[display]\ncustomer = \"yes\"\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 2") && err.contains("customer"), "{err}");
}
