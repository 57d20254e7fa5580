//! `ocop-hub`: the provincial hub that receives daily sales summaries from tills.

fn main() -> std::process::ExitCode {
    eprintln!(
        "ocop-hub: máy chủ tỉnh chưa có trong phiên bản này (sẽ có ở bản sau).\n\
         ocop-hub: the provincial hub is not available in this version yet."
    );
    std::process::ExitCode::from(2)
}
