//! Stock valuation: what the goods on hand are worth, product by product.
//!
//! Bought lots count at their unit cost. Consigned lots belong to their producer until sold, so
//! they are shown apart, at the agreed price, and stay out of the centre's own stock value. Stock
//! that no lot records (opening balances, products never received through a document) has no cost
//! to go by: it is valued at the retail price and flagged. Every line also shows the retail value
//! of all it holds. Each lot's value is rounded half away from zero, then summed.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::Error;
use crate::domain::lot::Owner;
use crate::domain::money::{Overflow, Vnd};
use crate::domain::qty::Qty;
use crate::export::{Cell, Column, Table};

/// One product's stock and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Product code.
    pub product_code: String,
    /// Name.
    pub name: String,
    /// Unit ("chai", "kg").
    pub unit: String,
    /// On hand, all owners.
    pub on_hand: Qty,
    /// In bought lots.
    pub owned_qty: Qty,
    /// Bought lots at their unit cost.
    pub owned_cost: Vnd,
    /// On hand that no lot records.
    pub unlotted_qty: Qty,
    /// That quantity at the retail price (no cost is known for it).
    pub unlotted_value: Vnd,
    /// The centre's own goods: `owned_cost + unlotted_value`.
    pub own_value: Vnd,
    /// In consigned lots (the producer's goods).
    pub consigned_qty: Qty,
    /// Consigned lots at the agreed price.
    pub consigned_value: Vnd,
    /// Retail price, VAT included.
    pub retail_price: Vnd,
    /// Everything on hand at the retail price.
    pub retail_value: Vnd,
}

impl Line {
    /// Whether part of the stock is valued at the retail price for want of a cost.
    pub fn valued_at_retail(&self) -> bool {
        self.unlotted_qty != Qty::ZERO
    }
}

/// Sums over all lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    /// Bought lots at cost.
    pub owned_cost: Vnd,
    /// Stock without lots at the retail price.
    pub unlotted_value: Vnd,
    /// The centre's own stock: `owned_cost + unlotted_value`.
    pub own_value: Vnd,
    /// Consigned goods at the agreed prices (owed to producers once sold).
    pub consigned_value: Vnd,
    /// Everything on hand at retail prices.
    pub retail_value: Vnd,
}

/// The valuation of all stock on hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Valuation {
    /// Products with stock or lots that are not zero, by code.
    pub lines: Vec<Line>,
    /// The sums.
    pub totals: Totals,
}

/// A lot as the valuation needs it.
struct LotValue {
    owner: String,
    qty: Qty,
    unit_cost: Vnd,
}

/// Values the stock on hand now.
pub fn value(conn: &Connection) -> Result<Valuation, Error> {
    let mut lots: HashMap<i64, Vec<LotValue>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT product_id, owner, qty_milli, unit_cost_vnd FROM lots WHERE qty_milli <> 0",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        lots.entry(r.get(0)?).or_default().push(LotValue {
            owner: r.get(1)?,
            qty: Qty(r.get(2)?),
            unit_cost: Vnd(r.get(3)?),
        });
    }
    let mut stmt = conn.prepare(
        "SELECT p.id, p.code, p.name, p.unit, p.price_vnd, COALESCE(s.qty_milli, 0)
         FROM products p LEFT JOIN stock s ON s.product_id = p.id
         WHERE COALESCE(s.qty_milli, 0) <> 0
            OR EXISTS (SELECT 1 FROM lots l WHERE l.product_id = p.id AND l.qty_milli <> 0)
         ORDER BY p.code",
    )?;
    let mut rows = stmt.query([])?;
    let mut lines = Vec::new();
    let mut totals = Totals::default();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let line = line(
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            Vnd(r.get(4)?),
            Qty(r.get(5)?),
            lots.get(&id).map_or(&[][..], Vec::as_slice),
        )?;
        totals = add(totals, &line)?;
        lines.push(line);
    }
    Ok(Valuation { lines, totals })
}

fn line(
    product_code: String,
    name: String,
    unit: String,
    retail_price: Vnd,
    on_hand: Qty,
    lots: &[LotValue],
) -> Result<Line, Overflow> {
    let (mut owned_qty, mut owned_cost) = (Qty::ZERO, Vnd::ZERO);
    let (mut consigned_qty, mut consigned_value) = (Qty::ZERO, Vnd::ZERO);
    for lot in lots {
        let value = lot.qty.times(lot.unit_cost)?;
        if Owner::parse(&lot.owner) == Some(Owner::Consigned) {
            consigned_qty = consigned_qty.checked_add(lot.qty)?;
            consigned_value = consigned_value.checked_add(value)?;
        } else {
            owned_qty = owned_qty.checked_add(lot.qty)?;
            owned_cost = owned_cost.checked_add(value)?;
        }
    }
    let unlotted_qty = on_hand.checked_sub(owned_qty)?.checked_sub(consigned_qty)?;
    let unlotted_value = unlotted_qty.times(retail_price)?;
    Ok(Line {
        product_code,
        name,
        unit,
        on_hand,
        owned_qty,
        owned_cost,
        own_value: owned_cost.checked_add(unlotted_value)?,
        unlotted_value,
        unlotted_qty,
        consigned_qty,
        consigned_value,
        retail_price,
        retail_value: on_hand.times(retail_price)?,
    })
}

fn add(totals: Totals, line: &Line) -> Result<Totals, Overflow> {
    let owned_cost = totals.owned_cost.checked_add(line.owned_cost)?;
    let unlotted_value = totals.unlotted_value.checked_add(line.unlotted_value)?;
    Ok(Totals {
        owned_cost,
        unlotted_value,
        own_value: owned_cost.checked_add(unlotted_value)?,
        consigned_value: totals.consigned_value.checked_add(line.consigned_value)?,
        retail_value: totals.retail_value.checked_add(line.retail_value)?,
    })
}

impl Valuation {
    /// The valuation as a table, with a totals row; lines valued at retail say so in "Ghi chú".
    pub fn table(&self) -> Table {
        let columns = [
            ("product", "Mã sản phẩm"),
            ("name", "Tên sản phẩm"),
            ("unit", "ĐVT"),
            ("on_hand_milli", "Tồn kho"),
            ("owned_qty_milli", "SL hàng mua"),
            ("owned_cost_vnd", "Giá vốn hàng mua"),
            ("unlotted_qty_milli", "SL không theo lô"),
            ("unlotted_value_vnd", "Giá trị không theo lô (giá bán lẻ)"),
            ("own_value_vnd", "Giá trị hàng của điểm bán"),
            ("consigned_qty_milli", "SL ký gửi (của nhà sản xuất)"),
            ("consigned_value_vnd", "Giá trị ký gửi (giá thỏa thuận)"),
            ("retail_price_vnd", "Giá bán lẻ"),
            ("retail_value_vnd", "Giá trị theo giá bán lẻ"),
            ("note", "Ghi chú"),
        ]
        .into_iter()
        .map(|(key, header)| Column::new(key, header))
        .collect();
        let mut rows: Vec<Vec<Cell>> = self
            .lines
            .iter()
            .map(|l| {
                let note = if l.valued_at_retail() {
                    "Không có lô: tính theo giá bán lẻ"
                } else {
                    ""
                };
                vec![
                    l.product_code.clone().into(),
                    l.name.clone().into(),
                    l.unit.clone().into(),
                    l.on_hand.into(),
                    l.owned_qty.into(),
                    l.owned_cost.into(),
                    l.unlotted_qty.into(),
                    l.unlotted_value.into(),
                    l.own_value.into(),
                    l.consigned_qty.into(),
                    l.consigned_value.into(),
                    l.retail_price.into(),
                    l.retail_value.into(),
                    note.into(),
                ]
            })
            .collect();
        let t = self.totals;
        rows.push(vec![
            "Tổng cộng".into(),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            t.owned_cost.into(),
            Cell::Empty,
            t.unlotted_value.into(),
            t.own_value.into(),
            Cell::Empty,
            t.consigned_value.into(),
            Cell::Empty,
            t.retail_value.into(),
            Cell::Empty,
        ]);
        Table {
            title: "Giá trị tồn kho".to_owned(),
            columns,
            rows,
        }
    }
}
