//! FAQ articles as Markdown files with front matter, so staff can keep them under version
//! control: `server faq import DIR` and `server faq export DIR`.
//!
//! ```text
//! ---
//! title: What is a tracking code?
//! slug: what-is-a-tracking-code
//! category: Tracking your request
//! tags: tracking, codes
//! summary: One line that says what the article answers.
//! order: 1
//! state: published
//! ---
//! The body, in Markdown.
//! ```

use super::{
    model::{ArticleFields, ArticleState},
    store::{self, Author},
};
use crate::{db::Db, error::AppError};
use std::path::Path;

/// An article file: its fields and the state it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFile {
    /// Everything the editor shows.
    pub fields: ArticleFields,
    /// `published` unless the file says otherwise.
    pub state: ArticleState,
}

/// Reads a file's text. The error says what is wrong and on which line.
pub fn parse(text: &str) -> Result<ArticleFile, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err("line 1: a file starts with a `---` line, then the front matter".into());
    }
    let mut fields = ArticleFields::default();
    let mut state = ArticleState::Published;
    let mut consumed = first.len();
    let mut closed = false;
    for (n, line) in lines.by_ref().enumerate() {
        consumed += line.len();
        let line_no = n + 2;
        let line = line.trim_end();
        if line == "---" {
            closed = true;
            break;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!("line {line_no}: expected `key: value`"));
        };
        let value = value.trim().to_owned();
        match key.trim() {
            "title" => fields.title = value,
            "slug" => fields.slug = value,
            "category" => fields.category = value,
            "tags" => fields.tags = value.trim_matches(['[', ']']).to_owned(),
            "summary" => fields.summary = value,
            "order" => {
                fields.order = value
                    .parse()
                    .map_err(|_| format!("line {line_no}: order must be a whole number"))?
            }
            "state" => {
                state = ArticleState::parse(&value).ok_or_else(|| {
                    format!("line {line_no}: state must be draft, published or archived")
                })?
            }
            other => return Err(format!("line {line_no}: unknown key `{other}`")),
        }
    }
    if !closed {
        return Err("the front matter has no closing `---` line".into());
    }
    let body = text.get(consumed.min(text.len())..).unwrap_or("");
    fields.body = body.trim_start_matches(['\r', '\n']).to_owned();
    Ok(ArticleFile { fields, state })
}

/// Writes an article as a file's text; `parse` reads it back unchanged.
pub fn format(file: &ArticleFile) -> String {
    let f = &file.fields;
    let one_line = |s: &str| s.replace(['\r', '\n'], " ");
    format!(
        "---\ntitle: {}\nslug: {}\ncategory: {}\ntags: {}\nsummary: {}\norder: {}\nstate: {}\n---\n{}",
        one_line(&f.title),
        one_line(&f.slug),
        one_line(&f.category),
        one_line(&f.tags),
        one_line(&f.summary),
        f.order,
        file.state.as_str(),
        f.body
    )
}

/// What an import did, one line per file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Slugs of new articles.
    pub created: Vec<String>,
    /// Slugs of changed articles, with what changed.
    pub updated: Vec<(String, Vec<&'static str>)>,
    /// Slugs already as in the files.
    pub unchanged: Vec<String>,
    /// Files that could not be imported, with why.
    pub failed: Vec<(String, String)>,
}

/// What differs between the stored article and the file.
fn changes(row: &store::ArticleRow, file: &ArticleFile) -> Vec<&'static str> {
    let now = row.fields();
    let f = &file.fields;
    let tags = |t: &str| super::validate::parse_tags(t);
    let mut out = Vec::new();
    for (name, same) in [
        ("title", now.title == f.title.trim()),
        ("category", now.category == f.category.trim()),
        ("tags", tags(&now.tags) == tags(&f.tags)),
        ("summary", now.summary == f.summary.trim()),
        ("order", now.order == f.order),
        ("state", row.state() == file.state),
        ("body", now.body == f.body),
    ] {
        if !same {
            out.push(name);
        }
    }
    out
}

/// Imports one file's text (named `name` in the report).
pub async fn import_text(
    db: &Db,
    name: &str,
    text: &str,
    author: &Author,
    report: &mut ImportReport,
) {
    let result = async {
        let mut file = parse(text)?;
        if file.fields.slug.trim().is_empty() {
            file.fields.slug = name.trim_end_matches(".md").to_owned();
        }
        let slug = super::render::slugify(&file.fields.slug);
        let describe = |e: AppError| e.one_line();
        match store::by_slug(&db.read, &slug).await.map_err(describe)? {
            None => {
                store::create(db, &file.fields, file.state, author)
                    .await
                    .map_err(describe)?;
                report.created.push(slug);
            }
            Some(row) => {
                let changed = changes(&row, &file);
                if changed.is_empty() {
                    report.unchanged.push(slug);
                } else {
                    store::update(db, row.id, &file.fields, file.state, author)
                        .await
                        .map_err(describe)?;
                    report.updated.push((slug, changed));
                }
            }
        }
        Ok::<(), String>(())
    }
    .await;
    if let Err(why) = result {
        report.failed.push((name.to_owned(), why));
    }
}

/// Imports every `*.md` file in `dir`, creating or updating articles by slug.
pub async fn import_dir(db: &Db, dir: &Path) -> std::io::Result<ImportReport> {
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    let author = Author {
        staff_id: None,
        name: "import from files".into(),
    };
    let mut report = ImportReport::default();
    for path in names {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match std::fs::read_to_string(&path) {
            Ok(text) => import_text(db, &name, &text, &author, &mut report).await,
            Err(e) => report.failed.push((name, e.to_string())),
        }
    }
    Ok(report)
}

/// Writes every article (in any state) to `dir` as `<slug>.md`; returns how many.
pub async fn export_dir(db: &Db, dir: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let list = store::staff_list(&db.read)
        .await
        .map_err(|e| e.to_string())?;
    for item in &list {
        let Some(row) = store::by_id(&db.read, item.id)
            .await
            .map_err(|e| e.to_string())?
        else {
            continue;
        };
        let file = ArticleFile {
            fields: row.fields(),
            state: row.state(),
        };
        let path = dir.join(format!("{}.md", row.slug));
        std::fs::write(&path, format(&file))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(list.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reads_back_as_written() {
        let file = ArticleFile {
            fields: ArticleFields {
                title: "Lost your code?".into(),
                slug: "lost-your-code".into(),
                category: "Tracking your request".into(),
                tags: "tracking, codes".into(),
                summary: "What to do: a summary: with colons.".into(),
                order: 2,
                body: "## Steps\n\n---\n\nA rule above.\n".into(),
            },
            state: ArticleState::Draft,
        };
        assert_eq!(parse(&format(&file)).unwrap(), file);
    }

    #[test]
    fn mistakes_name_their_line() {
        assert!(parse("title: x\n").unwrap_err().contains("line 1"));
        assert!(parse("---\ntitle: x\nbody\n---\n")
            .unwrap_err()
            .contains("line 3"));
        assert!(parse("---\norder: two\n---\n")
            .unwrap_err()
            .contains("whole number"));
        assert!(parse("---\ncolour: red\n---\n")
            .unwrap_err()
            .contains("colour"));
        assert!(parse("---\ntitle: x\n").unwrap_err().contains("closing"));
    }
}
