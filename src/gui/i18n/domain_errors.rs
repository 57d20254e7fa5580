//! The domain's refusals (cart, payments, amounts, codes, PINs, lots) in the window's language.

use super::Lang;
use crate::domain::auth::AuthError;
use crate::domain::barcode::Error as BarcodeError;
use crate::domain::cart::CartError;
use crate::domain::lot::LotError;
use crate::domain::money::ParseVndError;
use crate::domain::payment::{Method, PaymentError};
use crate::domain::pricing::PricingError;
use crate::domain::qty::ParseQtyError;

/// An amount beyond what a till can hold.
pub fn overflow(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "số tiền vượt quá giới hạn cho phép",
        Lang::En => "the amount is beyond the allowed limit",
    }
}

/// A cart refusal.
pub fn cart(err: &CartError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        CartError::NoSuchLine(i) => format!("the cart has no line {i}"),
        CartError::BadQty(q) => {
            format!("quantity {q} is not valid (above 0 and at most 100,000)")
        }
        CartError::WholeUnitsOnly(name) => format!("\"{name}\" is sold in whole units only"),
        CartError::BadPrice(v) => format!("price {v} is not valid"),
        CartError::NeedsManager { limit_pct } => {
            format!("beyond the clerk's limit ({limit_pct}%): a manager's PIN is needed")
        }
        CartError::Empty => "the cart is empty".into(),
        CartError::HasPayments => {
            "payments were taken: cancel them before changing the cart".into()
        }
        CartError::LabelFixed => "a scale-priced line: its quantity and price cannot change".into(),
        CartError::NotPaid(v) => format!("{v} still due"),
        CartError::Pricing(e) => pricing(e, lang),
        CartError::Payment(e) => payment(e, lang),
        CartError::Overflow(_) => overflow(lang).into(),
    }
}

fn pricing(err: &PricingError, lang: Lang) -> String {
    match err {
        PricingError::PercentTooHigh => "a discount cannot exceed 100%".into(),
        PricingError::AmountOutOfRange { discount, base } => {
            format!("discount {discount} is not valid on {base}")
        }
        PricingError::Overflow(_) => overflow(lang).into(),
    }
}

/// A payment refusal.
pub fn payment(err: &PaymentError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        PaymentError::NothingDue => "the order is already paid in full".into(),
        PaymentError::NotPositive => "a payment must be above 0".into(),
        PaymentError::OverDue { method, due } => {
            let method = [Method::Cash, Method::Vietqr, Method::Card, Method::Ewallet]
                .into_iter()
                .find(|m| m.label_vi() == *method)
                .map_or(*method, method_en);
            format!("{method} cannot exceed what is due, {due}")
        }
        PaymentError::UnknownMethod(m) => format!("unknown payment method \"{m}\""),
        PaymentError::Overflow(_) => overflow(lang).into(),
    }
}

/// A payment method's English name.
pub fn method_en(method: Method) -> &'static str {
    match method {
        Method::Cash => "Cash",
        Method::Vietqr => "VietQR transfer",
        Method::Card => "Card",
        Method::Ewallet => "E-wallet",
    }
}

/// A typed amount that is not one.
pub fn vnd(err: &ParseVndError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        ParseVndError::Empty => "no amount typed".into(),
        ParseVndError::Invalid(c) => format!("invalid character in the amount: '{c}'"),
        ParseVndError::TooLarge => "the amount is too large (at most 1.000.000.000.000 ₫)".into(),
    }
}

/// A typed quantity that is not one.
pub fn qty(err: &ParseQtyError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        ParseQtyError::Empty => "no quantity typed".into(),
        ParseQtyError::Invalid(t) => format!("quantity \"{t}\" is not valid (e.g. 2 or 0,25)"),
        ParseQtyError::TooLarge => "the quantity is too large (at most 100,000)".into(),
    }
}

/// A code that is not a usable barcode.
pub fn barcode(err: &BarcodeError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        BarcodeError::Empty => "nothing scanned or typed".into(),
        BarcodeError::ControlChar => "the code has a control character".into(),
        BarcodeError::TooLong(n) => format!("the code is too long ({n} characters, at most 64)"),
        BarcodeError::NotDigits(c) => format!("barcode \"{c}\" may hold digits only"),
        BarcodeError::WrongLength { code, len } => {
            format!("barcode {code} has {len} digits, it must have 8, 12 or 13")
        }
        BarcodeError::CheckDigit { code, expected } => {
            format!("barcode {code} has a wrong check digit (it should be {expected})")
        }
        BarcodeError::ZeroValue(c) => format!("barcode {c} carries a zero weight or price"),
        BarcodeError::ItemTooLarge { item, digits } => {
            format!("item number {item} does not fit in {digits} digits")
        }
        BarcodeError::ValueOutOfRange(v) => {
            format!("value {v} cannot be encoded in this barcode layout")
        }
        BarcodeError::PrefixOutOfRange(p) => {
            format!("prefix {p} is outside the in-store range 20–29")
        }
        BarcodeError::DuplicatePrefix(p) => format!("prefix {p} is declared twice"),
        BarcodeError::InternalPrefixClash(p) => {
            format!("in-store prefix {p} clashes with a weight/price layout")
        }
        BarcodeError::ItemDigits { prefix, digits } => format!(
            "layout with prefix {prefix}: the item number must have 4 to 6 digits (it has {digits})"
        ),
        BarcodeError::SeqTooLarge(n) => format!("sequence number {n} has more than 10 digits"),
    }
}

/// A name or PIN that breaks the rules.
pub fn auth(err: &AuthError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        AuthError::UnknownRole(r) => {
            format!("unknown role \"{r}\" (choose clerk, manager or admin)")
        }
        AuthError::BadPin => "a PIN has 4 to 8 digits".into(),
        AuthError::BadName => "a user name has 1 to 40 characters".into(),
    }
}

/// A lot that cannot be sold from.
pub fn lot(err: &LotError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        LotError::Expired { lot_no, expiry, .. } => format!(
            "lot {lot_no} expired on {}: a manager's PIN is needed to sell it",
            expiry.format("%d/%m/%Y")
        ),
        LotError::UnknownLot => "the chosen lot is not this product's".into(),
    }
}
