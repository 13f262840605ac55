//! Marking the matches of a search in a result's title and snippet:
//! the text escaped, every match in `<mark>`.

/// Which characters of `text` match any token (compared as normalised).
fn marks(text: &[char], tokens: &[Vec<char>]) -> Vec<bool> {
    let norm: Vec<char> = text
        .iter()
        .map(|c| {
            crate::search::segment::normalise(&c.to_string())
                .chars()
                .next()
                .unwrap_or(*c)
        })
        .collect();
    let mut marked = vec![false; text.len()];
    for t in tokens.iter().filter(|t| !t.is_empty()) {
        let mut i = 0;
        while i + t.len() <= norm.len() {
            if norm[i..i + t.len()] == t[..] {
                marked[i..i + t.len()].iter_mut().for_each(|m| *m = true);
                i += t.len();
            } else {
                i += 1;
            }
        }
    }
    marked
}

fn render(text: &[char], marked: &[bool]) -> String {
    let mut out = String::new();
    let mut open = false;
    for (c, m) in text.iter().zip(marked) {
        if *m && !open {
            out.push_str("<mark>");
            open = true;
        } else if !*m && open {
            out.push_str("</mark>");
            open = false;
        }
        out.push_str(&crate::ui::escape::markup(&c.to_string()));
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

/// The text, escaped, with every match in `<mark>`.
pub fn highlight(text: &str, tokens: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let tokens: Vec<Vec<char>> = tokens.iter().map(|t| t.chars().collect()).collect();
    render(&chars, &marks(&chars, &tokens))
}

/// About `width` characters of `text` around its first match, escaped and marked.
pub fn snippet(text: &str, tokens: &[String], width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let toks: Vec<Vec<char>> = tokens.iter().map(|t| t.chars().collect()).collect();
    let marked = marks(&chars, &toks);
    let first = marked.iter().position(|m| *m).unwrap_or(0);
    let start = first.saturating_sub(width / 3);
    let end = (start + width).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&render(&chars[start..end], &marked[start..end]));
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_marked_and_html_escaped() {
        let t = vec!["政务".to_owned(), "公开".to_owned()];
        assert_eq!(
            highlight("<b>政务公开</b>工作", &t),
            "&lt;b&gt;<mark>政务公开</mark>&lt;/b&gt;工作"
        );
        assert_eq!(
            highlight("Leptos 框架", &["leptos".to_owned()]),
            "<mark>Leptos</mark> 框架"
        );
    }

    #[test]
    fn snippets_centre_on_the_first_match() {
        let text = format!(
            "{}相关解读材料于文件公开后发布{}",
            "甲".repeat(100),
            "乙".repeat(100)
        );
        let s = snippet(&text, &["解读".to_owned()], 40);
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains("<mark>解读</mark>"));
        assert!(s.chars().count() < 80);
    }
}
