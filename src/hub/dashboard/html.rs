//! HTML building blocks for the dashboard: escaping, the page frame, tables and an SVG bar chart.
//! No JavaScript anywhere.

use crate::domain::money::Vnd;

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

/// A whole page: title and body (already HTML).
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} — Máy chủ tỉnh OCOP</title>\
         <style>body{{font-family:sans-serif;margin:1.5rem;max-width:70rem}}\
         table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2rem .5rem}}\
         td.n{{text-align:right}}</style></head><body><h1>{t}</h1>{body}</body></html>",
        t = escape(title)
    )
}

/// A table: headers and rows of cells (already HTML); cells starting with a digit align right.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table><tr>");
    for h in headers {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let class = if cell.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
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

/// A bar chart of amounts, one labelled bar per item, as inline SVG (integer geometry).
pub fn bar_chart(title: &str, bars: &[(String, Vnd)]) -> String {
    const HEIGHT: i64 = 160;
    const BAR: i64 = 18;
    let max = bars.iter().map(|(_, v)| v.0).max().unwrap_or(0).max(1);
    let width = (bars.len() as i64).max(1) * (BAR + 4);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{}\" \
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
}
