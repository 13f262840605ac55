//! Turns the plain-text seed plan into Markdown.

/// The line the old portal printed under every page; not part of the plan.
const OLD_FOOTER: &str = "扫一扫在手机上查看当前页面";

/// Parts (一、…) become headings; each numbered item ((一)…) becomes a
/// sub-heading (its first sentence) followed by its text. The old portal's
/// footer line is dropped.
pub fn plan_markdown(text: &str) -> String {
    let mut out = String::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != OLD_FOOTER)
    {
        if is_part_heading(line) {
            out.push_str("## ");
            out.push_str(line);
        } else if line.starts_with('(') || line.starts_with('（') {
            match line.find('。') {
                Some(end) => {
                    let (head, rest) = line.split_at(end);
                    out.push_str("### ");
                    out.push_str(head);
                    out.push_str("\n\n");
                    out.push_str(&rest['。'.len_utf8()..]);
                }
                None => out.push_str(line),
            }
        } else {
            out.push_str(line);
        }
        out.push_str("\n\n");
    }
    out
}

/// `一、…`, `二、…`: a Chinese numeral followed by the enumeration comma.
fn is_part_heading(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next()),
        (
            Some('一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'),
            Some('、')
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("implementation-plan-2016.txt");

    #[test]
    fn drops_the_old_footer_and_keeps_the_body() {
        let md = plan_markdown(SEED);
        assert!(!md.contains(OLD_FOOTER));
        assert!(md.starts_with("根据《福建省人民政府办公厅"));
        assert!(md.contains("闽政办〔2016〕83号"));
        assert!(md.contains("相关解读材料于文件公开后3个工作日内"));
    }

    #[test]
    fn parts_and_items_become_headings() {
        let md = plan_markdown(SEED);
        assert_eq!(md.matches("\n## ").count(), 3);
        assert!(md.contains("## 二、加强政策解读回应,扩大公众参与"));
        assert!(md.contains("### (一)加强行政审批事项公开\n\n全力配合省审改办"));
        assert_eq!(md.matches("### ").count(), 8);
    }
}
