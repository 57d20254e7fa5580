//! HTML building blocks for the dashboard: escaping, the page frame, tables and SVG charts.
//! No JavaScript anywhere.

use super::i18n::Lang;
use crate::domain::money::Vnd;
use crate::export::{Cell, Table};

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page in `lang`: title and body (already HTML).
pub fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{l}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} — {site}</title>\
         <style>body{{font-family:sans-serif;margin:1.5rem;max-width:70rem}}\
         table{{border-collapse:collapse;margin:.5rem 0}}\
         td,th{{border:1px solid #ccc;padding:.2rem .5rem}}td.n{{text-align:right}}\
         nav{{margin-bottom:1rem}}.bad{{color:#b71c1c}}</style></head>\
         <body><h1>{t}</h1>{body}</body></html>",
        l = lang.as_str(),
        site = escape(lang.t("Máy chủ tỉnh OCOP")),
        t = escape(title)
    )
}

/// A typed cell as HTML text: amounts as `125.000 ₫`, quantities with a decimal comma.
pub fn cell(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => escape(t),
        Cell::Integer(n) => n.to_string(),
        Cell::Money(v) => escape(&v.to_string()),
        Cell::Qty(q) => escape(&q.to_string()),
    }
}

/// An [`export::Table`](Table) as HTML, the cells of column `link.0` linking to `link.1` and
/// the cell's text; an empty table says so.
pub fn table_of(t: &Table, lang: Lang, link: Option<(usize, &str)>) -> String {
    if t.rows.is_empty() {
        return format!("<p><em>{}</em></p>", lang.t("Không có số liệu."));
    }
    let headers: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, c)| match (link, c) {
                    (Some((col, href)), Cell::Text(text)) if col == i && !text.is_empty() => {
                        format!(
                            "<a href=\"{}{}\">{}</a>",
                            escape(href),
                            escape(text),
                            escape(text)
                        )
                    }
                    _ => cell(c),
                })
                .collect()
        })
        .collect();
    table(&headers, &rows)
}

/// Basis points as a signed percentage, `+30,00 %` in Vietnamese and `+30.00%` in English.
pub fn percent(bp: i64, lang: Lang) -> String {
    let sign = if bp < 0 { "-" } else { "+" };
    let abs = bp.unsigned_abs();
    match lang {
        Lang::Vi => format!("{sign}{},{:02}\u{a0}%", abs / 100, abs % 100),
        Lang::En => format!("{sign}{}.{:02}%", abs / 100, abs % 100),
    }
}

/// A table: headers and rows of cells (already HTML); cells starting with a digit or a sign align
/// right.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table><tr>");
    for h in headers {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let class = if cell.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') {
                " class=\"n\""
            } else {
                ""
            };
            out.push_str(&format!("<td{class}>{cell}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

/// A bar chart of amounts, one labelled bar per item, as inline SVG (integer geometry); a chart
/// wider than the page shrinks to fit it.
pub fn bar_chart(title: &str, bars: &[(String, Vnd)]) -> String {
    const HEIGHT: i64 = 160;
    const BAR: i64 = 18;
    let max = bars.iter().map(|(_, v)| v.0).max().unwrap_or(0).max(1);
    let width = (bars.len() as i64).max(1) * (BAR + 4);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         style=\"max-width:100%;height:auto\" width=\"{width}\" height=\"{}\" \
         viewBox=\"0 0 {width} {}\"><title>{}</title>",
        HEIGHT + 2,
        HEIGHT + 2,
        escape(title)
    );
    for (i, (label, value)) in bars.iter().enumerate() {
        let h = i64::try_from(i128::from(value.0.max(0)) * i128::from(HEIGHT) / i128::from(max))
            .unwrap_or(0);
        let x = i as i64 * (BAR + 4);
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"{BAR}\" height=\"{h}\" fill=\"#2e7d32\">\
             <title>{}: {}</title></rect>",
            HEIGHT - h,
            escape(label),
            escape(&value.to_string())
        ));
    }
    out.push_str("</svg>");
    out
}

/// One line of a [`line_chart`]: its name, colour and a value per day (`None`: no report).
pub struct Series<'a> {
    /// The legend's text.
    pub name: &'a str,
    /// An SVG colour.
    pub color: &'a str,
    /// One value per label.
    pub values: Vec<Option<Vnd>>,
}

/// Lines of amounts over labelled days as inline SVG, with the days `mark.0..=mark.1` shaded
/// and named `mark_label` (integer geometry; a missing value breaks the line).
pub fn line_chart(
    title: &str,
    labels: &[String],
    series: &[Series<'_>],
    mark: Option<(usize, usize)>,
    mark_label: &str,
) -> String {
    const TOP: i64 = 20;
    const PLOT: i64 = 160;
    const STEP: i64 = 24;
    let n = labels.len() as i64;
    let width = (n * STEP).max(240);
    let height = TOP + PLOT + 40 + 20 * series.len() as i64;
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .map(|v| v.0)
        .max()
        .unwrap_or(0)
        .max(1);
    let x = |i: usize| i as i64 * STEP + STEP / 2;
    let y = |v: Vnd| {
        TOP + PLOT
            - i64::try_from(i128::from(v.0.max(0)) * i128::from(PLOT) / i128::from(max))
                .unwrap_or(0)
    };
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         style=\"max-width:100%;height:auto\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title>{}</title>",
        escape(title)
    );
    if let Some((from, to)) = mark {
        out.push_str(&format!(
            "<rect class=\"event-window\" x=\"{}\" y=\"{TOP}\" width=\"{}\" height=\"{PLOT}\" \
             fill=\"#fff3c4\"><title>{m}</title></rect>\
             <text x=\"{}\" y=\"{}\" font-size=\"11\">{m}</text>",
            x(from) - STEP / 2,
            (to.saturating_sub(from) as i64 + 1) * STEP,
            x(from) - STEP / 2 + 2,
            TOP - 6,
            m = escape(mark_label)
        ));
    }
    // The top of the scale, so the lines can be read without hovering.
    out.push_str(&format!(
        "<line x1=\"0\" y1=\"{b}\" x2=\"{width}\" y2=\"{b}\" stroke=\"#999\"/>\
         <line x1=\"0\" y1=\"{TOP}\" x2=\"{width}\" y2=\"{TOP}\" stroke=\"#ddd\"/>\
         <text class=\"scale\" x=\"2\" y=\"{}\" font-size=\"11\">{}</text>",
        TOP - 6,
        escape(&Vnd(max).to_string()),
        b = TOP + PLOT
    ));
    for s in series {
        let mut run: Vec<String> = Vec::new();
        let flush = |run: &mut Vec<String>, out: &mut String| {
            if run.len() > 1 {
                out.push_str(&format!(
                    "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>",
                    escape(s.color),
                    run.join(" ")
                ));
            }
            run.clear();
        };
        for (i, value) in s.values.iter().enumerate() {
            match value {
                Some(v) => {
                    run.push(format!("{},{}", x(i), y(*v)));
                    out.push_str(&format!(
                        "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\">\
                         <title>{} {}: {}</title></circle>",
                        x(i),
                        y(*v),
                        escape(s.color),
                        escape(s.name),
                        escape(labels.get(i).map_or("", String::as_str)),
                        escape(&v.to_string())
                    ));
                }
                None => flush(&mut run, &mut out),
            }
        }
        flush(&mut run, &mut out);
    }
    let ends = [0, labels.len().saturating_sub(1)];
    for i in ends.into_iter().chain(mark.map(|m| m.0)) {
        if let Some(label) = labels.get(i) {
            let anchor = if i + 1 == labels.len() && i > 0 {
                "end"
            } else {
                "start"
            };
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"{anchor}\">{}</text>",
                x(i) - STEP / 2 + if anchor == "end" { STEP } else { 0 },
                TOP + PLOT + 14,
                escape(label)
            ));
        }
    }
    for (k, s) in series.iter().enumerate() {
        let row = TOP + PLOT + 36 + 20 * k as i64;
        out.push_str(&format!(
            "<rect x=\"0\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"18\" y=\"{row}\" font-size=\"12\">{}</text>",
            row - 10,
            escape(s.color),
            escape(s.name)
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_scales() {
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        let svg = bar_chart("t", &[("a".into(), Vnd(50)), ("b".into(), Vnd(100))]);
        assert!(svg.contains("height=\"80\""), "{svg}");
        assert!(svg.contains("height=\"160\" fill"), "{svg}");
    }

    #[test]
    fn percentages_and_lines() {
        assert_eq!(percent(3000, Lang::Vi), "+30,00\u{a0}%");
        assert_eq!(percent(-5, Lang::En), "-0.05%");
        let labels: Vec<String> = ["d1", "d2", "d3"].map(String::from).to_vec();
        let line = Series {
            name: "a",
            color: "red",
            values: vec![Some(Vnd(100)), None, Some(Vnd(50))],
        };
        let svg = line_chart("t", &labels, &[line], Some((1, 2)), "event");
        // The gap breaks the line: two lone points, no polyline; the window is shaded.
        assert!(!svg.contains("<polyline"), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(
            svg.contains("cy=\"20\"") && svg.contains("cy=\"100\""),
            "{svg}"
        );
        assert!(
            svg.contains("class=\"event-window\" x=\"24\" y=\"20\" width=\"48\""),
            "{svg}"
        );
    }
}
