//! The dashboard's words: Vietnamese is written in the code and is the default; [`Lang::En`]
//! looks each Vietnamese text up in one English table (a missing entry falls back to Vietnamese,
//! and a test finds any).

/// A language of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `vi` or `en`, for the query, the cookie and `<html lang>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language called `name`, if there is one.
    pub fn parse(name: &str) -> Option<Lang> {
        match name.trim() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// `vi` in this language.
    pub fn t(self, vi: &'static str) -> &'static str {
        match self {
            Lang::Vi => vi,
            Lang::En => english(vi).unwrap_or(vi),
        }
    }

    /// A point's kind (`sales-point`, …) in words.
    pub fn point_kind(self, kind: &str) -> &'static str {
        self.t(match kind {
            "sales-point" => "Điểm bán",
            "ocop-centre" => "Trung tâm OCOP",
            "hotel-booth" => "Gian hàng khách sạn",
            "fair-stall" => "Quầy hội chợ",
            _ => "Khác",
        })
    }
}

/// The English for a Vietnamese text of the dashboard.
fn english(vi: &str) -> Option<&'static str> {
    Some(match vi {
        // The switch names the language it switches to.
        "English" => "Tiếng Việt",
        "Máy chủ tỉnh OCOP" => "Provincial OCOP hub",
        "Tổng quan" => "Overview",
        "Theo điểm bán" => "By point",
        "Theo xã/phường" => "By commune",
        "Theo chủ thể" => "By producer",
        "Theo sản phẩm" => "By product",
        "Theo nhóm OCOP" => "By OCOP group",
        "Theo hạng sao" => "By star level",
        "Điểm chưa gửi" => "Silent points",
        "Sự kiện xúc tiến" => "Promotion events",
        "Đăng nhập" => "Sign in",
        "Đăng xuất" => "Sign out",
        "Tên đăng nhập" => "Username",
        "Mật khẩu" => "Password",
        "Lỗi" => "Error",
        "Lỗi bên trong máy chủ tỉnh." => "Internal error in the provincial hub.",
        "Biểu mẫu đăng nhập không hợp lệ." => "The sign-in form is not valid.",
        "Sai tên đăng nhập hoặc mật khẩu." => "Wrong username or password.",
        "Mã chống giả mạo (CSRF) không đúng." => {
            "The anti-forgery (CSRF) token is wrong."
        }
        "Không có bảng này." => "There is no such table.",
        "Chỉ có CSV và XLSX." => "Only CSV and XLSX are available.",
        "Không xuất được bảng." => "The table could not be exported.",
        "Không có số liệu." => "No figures.",
        "Không có cách chia này." => "There is no such breakdown.",
        "Ngày không hợp lệ ở ô" => "Invalid date in field",
        "hãy nhập dạng YYYY-MM-DD" => "use the form YYYY-MM-DD",
        "Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to)." => {
            "The start date (from) must be on or before the end date (to)."
        }
        "Khoảng thời gian dài quá 10 năm." => "The period is longer than 10 years.",
        "Ô \"by\" chỉ nhận day, week hoặc month." => {
            "Field \"by\" takes day, week or month."
        }
        "Ô \"days\" phải là số ngày từ 1 đến 3660." => {
            "Field \"days\" must be a number of days from 1 to 3660."
        }
        "Từ ngày" => "From",
        "Đến ngày" => "To",
        "Xem" => "Show",
        "Theo" => "By",
        "Ngày" => "Day",
        "Tuần" => "Week",
        "Tháng" => "Month",
        "Tuần từ thứ Hai" => "Week from Monday",
        "Doanh thu thuần" => "Net sales",
        "Doanh thu gộp" => "Gross sales",
        "Giảm giá" => "Discounts",
        "Trả hàng" => "Refunds",
        "Thuế GTGT" => "VAT",
        "Hóa đơn bán" => "Sale receipts",
        "Hóa đơn trả hàng" => "Refund receipts",
        "Điểm đã gửi" => "Points reporting",
        "Điểm có bán" => "Points selling",
        "Ngày đã gửi" => "Days reported",
        "Lần gửi" => "Revision",
        "Nhận lúc (UTC)" => "Received at (UTC)",
        "Doanh thu thuần theo ngày" => "Net sales by day",
        "Doanh thu thuần theo tuần" => "Net sales by week",
        "Doanh thu thuần theo tháng" => "Net sales by month",
        "Sản phẩm bán chạy" => "Top products",
        "Điểm bán" => "Sales point",
        "Trung tâm OCOP" => "OCOP centre",
        "Gian hàng khách sạn" => "Hotel booth",
        "Quầy hội chợ" => "Fair stall",
        "Khác" => "Other",
        "Mã" => "Code",
        "Tên" => "Name",
        "Loại" => "Kind",
        "Số" => "No.",
        "Mã tỉnh" => "Province code",
        "Mã xã/phường" => "Commune code",
        "Mã chủ thể" => "Producer code",
        "Tên chủ thể" => "Producer",
        "Mã sản phẩm" => "Product code",
        "Đơn vị" => "Unit",
        "Số lượng" => "Quantity",
        "Nhóm OCOP" => "OCOP group",
        "Nhóm" => "Group",
        "Hạng sao" => "Stars",
        "Tỷ trọng" => "Share",
        "chưa gửi" => "never reported",
        "chưa rõ" => "unknown",
        "chưa phân nhóm" => "unclassified",
        "chưa xếp hạng" => "unrated",
        "Thực phẩm" => "Food",
        "Đồ uống" => "Drinks",
        "Dược liệu và sản phẩm từ dược liệu" => {
            "Medicinal herbs and herbal products"
        }
        "Hàng thủ công mỹ nghệ" => "Handicrafts",
        "Sinh vật cảnh" => "Ornamental plants and animals",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch" => {
            "Community and eco-tourism services and destinations"
        }
        "Ngày gửi gần nhất" => "Last day reported",
        "Số ngày không gửi" => "Days without a report",
        "Tính đến ngày" => "As of",
        "Số điểm:" => "Points:",
        "Không có điểm bán" => "No such point",
        "theo ngày" => "by day",
        "Tạo sự kiện xúc tiến" => "New promotion event",
        "Tên sự kiện" => "Event name",
        "Ngày bắt đầu" => "First day",
        "Ngày kết thúc" => "Last day",
        "Điểm bán tham gia" => "Points taking part",
        "Sản phẩm xúc tiến" => "Promoted products",
        "Sản phẩm xúc tiến (không bắt buộc)" => "Promoted products (optional)",
        "Mã sản phẩm cách nhau bởi dấu phẩy; để trống thì tính mọi sản phẩm." => {
            "Product codes separated by commas; leave empty to count every product."
        }
        "Lưu sự kiện" => "Save event",
        "Xóa sự kiện" => "Delete event",
        "Chưa lưu sự kiện:" => "The event was not saved:",
        "Hãy nhập tên sự kiện." => "Enter the event's name.",
        "Tên sự kiện dài quá 120 ký tự." => {
            "The event's name is longer than 120 characters."
        }
        "Hãy chọn loại sự kiện." => "Choose the kind of event.",
        "Ngày bắt đầu không hợp lệ (YYYY-MM-DD)." => {
            "The first day is not a valid date (YYYY-MM-DD)."
        }
        "Ngày kết thúc không hợp lệ (YYYY-MM-DD)." => {
            "The last day is not a valid date (YYYY-MM-DD)."
        }
        "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." => {
            "The last day must be on or after the first day."
        }
        "Sự kiện dài quá 366 ngày." => "The event is longer than 366 days.",
        "Hãy chọn ít nhất một điểm bán tham gia." => {
            "Choose at least one point taking part."
        }
        "Không có sản phẩm" => "No such product",
        "Không có sự kiện này." => "There is no such event.",
        "Hội chợ" => "Trade fair",
        "Trung tâm OCOP mới" => "New OCOP centre",
        "mọi sản phẩm" => "every product",
        "Sự kiện" => "Event",
        "Kỳ gốc" => "Baseline",
        "Kỳ" => "Window",
        "Hiệu quả" => "Lift",
        "Tăng trưởng tại điểm tham gia" => "Lift at the event's points",
        "Tăng trưởng tại điểm khác" => "Lift at other points",
        "Chênh lệch kép (DiD)" => "Difference in differences (DiD)",
        "không tính được (kỳ gốc không có doanh thu)" => {
            "not measurable (no baseline sales)"
        }
        "Kỳ gốc (TB/điểm/ngày)" => "Baseline (mean per point-day)",
        "Trong sự kiện (TB/điểm/ngày)" => "During (mean per point-day)",
        "Chênh lệch" => "Change",
        "Tăng trưởng" => "Lift",
        "Tăng trưởng (điểm cơ bản)" => "Lift (basis points)",
        "Điểm tham gia" => "Event points",
        "Điểm khác" => "Other points",
        "Doanh thu thuần theo ngày (TB/điểm)" => "Net sales by day (mean per point)",
        "Điểm tham gia (TB/điểm)" => "Event points (mean per point)",
        "Điểm khác (TB/điểm)" => "Other points (mean per point)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::OcopGroup;

    /// The string literals of Rust source, escapes decoded; comments and char literals skipped.
    fn literals(source: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '/' if chars.peek() == Some(&'/') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                '\'' => {
                    // A char literal ('"', '\'') or a lifetime ('a): skip the former whole.
                    let rest: String = chars.clone().take(3).collect();
                    if rest.starts_with('\\') {
                        chars.nth(2);
                    } else if rest.chars().nth(1) == Some('\'') {
                        chars.nth(1);
                    }
                }
                '"' => {
                    let mut text = String::new();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => {
                                if let Some(next) = chars.next() {
                                    text.push(next);
                                }
                            }
                            '"' => break,
                            c => text.push(c),
                        }
                    }
                    out.push(text);
                }
                _ => {}
            }
        }
        out
    }

    /// Every Vietnamese text in the dashboard's sources (string literals with a Vietnamese letter
    /// that are not HTML or format strings) has its English.
    #[test]
    fn every_dashboard_text_has_english() {
        let sources = [
            include_str!("../dashboard.rs"),
            include_str!("events.rs"),
            include_str!("html.rs"),
            include_str!("lift.rs"),
            include_str!("points.rs"),
            include_str!("sales.rs"),
            include_str!("view.rs"),
        ];
        let mut missing = Vec::new();
        let mut found = 0;
        for literal in sources.iter().flat_map(|s| literals(s)) {
            let vietnamese = literal.chars().any(|c| matches!(c, 'À'..='ỹ'));
            if vietnamese && !literal.contains(['{', '<', '₫', '★']) {
                found += 1;
                if english(&literal).is_none() {
                    missing.push(literal);
                }
            }
        }
        assert!(found > 80, "only {found} texts found");
        assert!(missing.is_empty(), "no English for {missing:?}");
        for group in (1..=6).filter_map(OcopGroup::new) {
            assert!(english(group.name_vi()).is_some(), "{}", group.name_vi());
        }
        assert_eq!(Lang::En.t("Tổng quan"), "Overview");
        assert_eq!(Lang::Vi.t("Tổng quan"), "Tổng quan");
        assert_eq!(Lang::En.point_kind("fair-stall"), "Fair stall");
    }
}
