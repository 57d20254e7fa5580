//! The window's words, one table per language: Vietnamese by default, English on request.

mod catalog_errors;
mod domain_errors;
pub mod errors;
mod file_errors;
mod office_errors;
mod printer_errors;
pub mod report_labels;

/// A language of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

/// Every fixed text of the window in one language.
#[derive(Debug)]
pub struct Strings {
    /// Window title.
    pub title: &'static str,
    /// The language switch's label (names the other language).
    pub switch: &'static str,
    /// First-run heading.
    pub setup: &'static str,
    /// Point name field.
    pub point_name: &'static str,
    /// Point code field.
    pub point_code: &'static str,
    /// Address field.
    pub address: &'static str,
    /// Tax code field.
    pub tax_code: &'static str,
    /// Admin name field.
    pub admin_name: &'static str,
    /// Admin PIN field.
    pub admin_pin: &'static str,
    /// Sample catalogue checkbox.
    pub sample: &'static str,
    /// Setup button.
    pub create: &'static str,
    /// Login heading.
    pub login: &'static str,
    /// Login hint.
    pub login_hint: &'static str,
    /// Float heading.
    pub float: &'static str,
    /// Float hint.
    pub float_hint: &'static str,
    /// The back office's button (F1).
    pub office: &'static str,
    /// Empty cart.
    pub empty_cart: &'static str,
    /// Total label.
    pub total: &'static str,
    /// Typed code label.
    pub code: &'static str,
    /// Search heading.
    pub search: &'static str,
    /// Quantity prompt.
    pub qty: &'static str,
    /// Discount prompt.
    pub discount: &'static str,
    /// Payment heading.
    pub pay: &'static str,
    /// Amount due label.
    pub due: &'static str,
    /// Amount typed label.
    pub amount: &'static str,
    /// Change label.
    pub change: &'static str,
    /// QR prompt.
    pub qr_confirm: &'static str,
    /// Parked carts heading.
    pub parked: &'static str,
    /// Refund: receipt number prompt.
    pub refund_receipt: &'static str,
    /// Refund: manager name prompt.
    pub refund_manager: &'static str,
    /// Refund: manager PIN prompt.
    pub refund_pin: &'static str,
    /// Saving in progress.
    pub saving: &'static str,
    /// Sale saved: receipt number follows.
    pub sale_done: &'static str,
    /// Refund saved: receipt number follows.
    pub refund_done: &'static str,
    /// Cart parked.
    pub parked_done: &'static str,
    /// Shift opened.
    pub shift_opened: &'static str,
    /// Printer fine.
    pub printer_ok: &'static str,
    /// Printer trouble, reason follows.
    pub printer_trouble: &'static str,
    /// The keyboard contract on the counter.
    pub hints_counter: &'static str,
    /// The keyboard contract on the payment screen.
    pub hints_pay: &'static str,
    /// Nothing parked.
    pub nothing_parked: &'static str,
    /// Bank account missing for VietQR.
    pub no_bank: &'static str,
    /// The shift panel's keys.
    pub shift_panel: &'static str,
    /// Z close: manager's name prompt.
    pub z_manager: &'static str,
    /// Z close: manager's PIN prompt.
    pub z_pin: &'static str,
    /// Cash in done.
    pub cash_in: &'static str,
    /// Cash out done.
    pub cash_out: &'static str,
    /// X report queued.
    pub x_done: &'static str,
    /// Receipts (count).
    pub receipts: &'static str,
    /// Shift closed.
    pub z_done: &'static str,
    /// Difference label.
    pub difference: &'static str,
    /// A change beyond the clerk's limit: the manager's name is asked for.
    pub approve_needed: &'static str,
    /// Approval: manager's name prompt.
    pub approve_manager: &'static str,
    /// Approval: manager's PIN prompt.
    pub approve_pin: &'static str,
    /// Approved: the manager's name follows.
    pub approved_by: &'static str,
    /// No printer in the configuration.
    pub no_printer: &'static str,
    /// Closed days not yet at the hub: the count comes before.
    pub sync_pending: &'static str,
    /// Every closed day is at the hub.
    pub sync_ok: &'static str,
    /// Sync trouble, reason follows.
    pub sync_trouble: &'static str,
    /// A recalled cart while another is on screen.
    pub cart_not_empty: &'static str,
    /// Customer display: welcome while the cart is empty.
    pub welcome: &'static str,
    /// Customer display: thanks after the sale.
    pub thanks: &'static str,
    /// Customer display: the QR prompt.
    pub customer_qr: &'static str,
    /// Customer display window title.
    pub customer_title: &'static str,
}

const VI: Strings = Strings {
    title: "OCOP Till — Bán hàng",
    switch: "English",
    setup: "Thiết lập lần đầu",
    point_name: "Tên điểm bán",
    point_code: "Mã điểm bán",
    address: "Địa chỉ",
    tax_code: "Mã số thuế",
    admin_name: "Tên quản trị",
    admin_pin: "Mã PIN quản trị (4–8 số)",
    sample: "Tải danh mục mẫu sản phẩm OCOP",
    create: "Tạo điểm bán",
    login: "Đăng nhập",
    login_hint: "↑↓ chọn người dùng · nhập mã PIN rồi Enter",
    float: "Mở ca: tiền đầu ca",
    float_hint: "Nhập số tiền trong két rồi Enter (để trống = 0) · F1 quản lý",
    office: "F1 Quản lý",
    empty_cart: "Giỏ hàng trống — quét mã vạch hoặc gõ mã rồi Enter",
    total: "TỔNG CỘNG",
    code: "Mã",
    search: "Tìm sản phẩm (F2)",
    qty: "Số lượng mới rồi Enter (F4)",
    discount: "Giảm giá dòng (F3): 10% hoặc số tiền, =giá để đổi giá bán, rồi Enter (trống = bỏ giảm giá)",
    pay: "Thanh toán",
    due: "Còn phải trả",
    amount: "Khách đưa",
    change: "Tiền thừa",
    qr_confirm: "Quét mã VietQR để chuyển khoản · Enter khi đã nhận tiền",
    parked: "Giỏ hàng đang tạm giữ (F10)",
    refund_receipt: "Trả hàng (F8): số hóa đơn rồi Enter",
    refund_manager: "Tên quản lý duyệt rồi Enter",
    refund_pin: "Mã PIN của quản lý rồi Enter",
    saving: "Đang lưu…",
    sale_done: "Đã lưu hóa đơn",
    refund_done: "Đã trả hàng, phiếu",
    parked_done: "Đã tạm giữ giỏ hàng",
    shift_opened: "Đã mở ca",
    printer_ok: "Máy in sẵn sàng",
    printer_trouble: "Máy in gặp sự cố — vẫn bán hàng bình thường",
    hints_counter: "Enter thêm mã · F2 tìm · F3 giảm giá · F4 số lượng · N* số lượng trước khi quét · Del xóa dòng · F12 thanh toán · F9 giữ giỏ · F10 gọi lại · F8 trả hàng · F11 ca (tiền, X, Z) · F1 quản lý · Ctrl+L khóa",
    hints_pay: "Số tiền + Enter = tiền mặt · Enter = đủ tiền · F5 VietQR · F6 thẻ · F7 ví điện tử · Esc quay lại",
    nothing_parked: "Không có giỏ hàng nào đang tạm giữ",
    no_bank: "Chưa cấu hình tài khoản ngân hàng [bank] cho VietQR",
    shift_panel: "Ca (F11): số tiền + F5 nộp tiền · số tiền + F6 rút tiền · F7 in báo cáo X · tiền đếm được + F12 đóng ca (Z) · Esc",
    z_manager: "Đóng ca: tên quản lý duyệt rồi Enter",
    z_pin: "Đóng ca: mã PIN của quản lý rồi Enter",
    cash_in: "Đã nộp tiền vào két",
    cash_out: "Đã rút tiền khỏi két",
    x_done: "Đã gửi in báo cáo X",
    receipts: "hóa đơn",
    z_done: "Đã đóng ca, báo cáo",
    difference: "chênh lệch",
    approve_needed: "Vượt hạn mức của thu ngân: tên quản lý duyệt rồi Enter",
    approve_manager: "Duyệt giảm giá/đổi giá: tên quản lý rồi Enter",
    approve_pin: "Duyệt giảm giá/đổi giá: mã PIN của quản lý rồi Enter",
    approved_by: "Đã được duyệt bởi quản lý",
    no_printer: "Chưa cấu hình máy in",
    sync_pending: "ngày chưa đồng bộ",
    sync_ok: "Đã đồng bộ",
    sync_trouble: "Lỗi đồng bộ",
    cart_not_empty: "Giỏ hàng hiện tại chưa trống",
    welcome: "Xin chào quý khách",
    thanks: "Cảm ơn quý khách!",
    customer_qr: "Quét mã để chuyển khoản",
    customer_title: "OCOP Till — Màn hình khách hàng",
};

const EN: Strings = Strings {
    title: "OCOP Till — Sales",
    switch: "Tiếng Việt",
    setup: "First-run setup",
    point_name: "Point name",
    point_code: "Point code",
    address: "Address",
    tax_code: "Tax code",
    admin_name: "Admin name",
    admin_pin: "Admin PIN (4–8 digits)",
    sample: "Load the sample OCOP catalogue",
    create: "Create the point",
    login: "Log in",
    login_hint: "↑↓ choose the user · type the PIN then Enter",
    float: "Open shift: opening float",
    float_hint: "Type the cash in the drawer then Enter (empty = 0) · F1 back office",
    office: "F1 Back office",
    empty_cart: "Cart empty — scan a barcode or type a code then Enter",
    total: "TOTAL",
    code: "Code",
    search: "Product search (F2)",
    qty: "New quantity then Enter (F4)",
    discount: "Line discount (F3): 10% or an amount, =price to change the price, then Enter (empty = none)",
    pay: "Payment",
    due: "Still due",
    amount: "Tendered",
    change: "Change",
    qr_confirm: "Scan the VietQR code to transfer · Enter once received",
    parked: "Parked carts (F10)",
    refund_receipt: "Refund (F8): receipt number then Enter",
    refund_manager: "Approving manager's name then Enter",
    refund_pin: "Manager's PIN then Enter",
    saving: "Saving…",
    sale_done: "Saved receipt",
    refund_done: "Refunded, receipt",
    parked_done: "Cart parked",
    shift_opened: "Shift opened",
    printer_ok: "Printer ready",
    printer_trouble: "Printer trouble — selling goes on",
    hints_counter: "Enter add code · F2 search · F3 discount · F4 quantity · N* quantity before a scan · Del remove line · F12 pay · F9 park · F10 recall · F8 refund · F11 shift (cash, X, Z) · F1 back office · Ctrl+L lock",
    hints_pay: "Amount + Enter = cash · Enter = exact cash · F5 VietQR · F6 card · F7 e-wallet · Esc back",
    nothing_parked: "No parked carts",
    no_bank: "No [bank] account configured for VietQR",
    shift_panel: "Shift (F11): amount + F5 cash in · amount + F6 cash out · F7 print X report · counted cash + F12 close (Z) · Esc",
    z_manager: "Close: approving manager's name then Enter",
    z_pin: "Close: manager's PIN then Enter",
    cash_in: "Cash in",
    cash_out: "Cash out",
    x_done: "X report sent to the printer",
    receipts: "receipts",
    z_done: "Shift closed, report",
    difference: "difference",
    approve_needed: "Beyond the clerk's limit: approving manager's name then Enter",
    approve_manager: "Approve discount/price: manager's name then Enter",
    approve_pin: "Approve discount/price: manager's PIN then Enter",
    approved_by: "Approved by manager",
    no_printer: "No printer configured",
    sync_pending: "days not yet synced",
    sync_ok: "Synced",
    sync_trouble: "Sync trouble",
    cart_not_empty: "The cart on screen is not empty",
    welcome: "Welcome",
    thanks: "Thank you!",
    customer_qr: "Scan to pay by transfer",
    customer_title: "OCOP Till — Customer display",
};

impl Lang {
    /// This language's table.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}
