//! The one Markdown renderer: FAQ articles (and later community posts) go in as Markdown and
//! come out as sanitized HTML, a table of contents and plain text for the search index.
//!
//! Markdown is parsed by pulldown-cmark (tables, footnotes, strikethrough, task lists). The
//! events are rewritten before they are turned into HTML: raw HTML becomes visible text,
//! headings get unique ids, links and images with unsafe URLs lose their tag (their text
//! stays), footnote ids get a namespace of their own, nesting deeper than 32 levels is
//! flattened and the output size is estimated as it grows. The HTML is then
//! cleaned by ammonia with [`sanitize`], so nothing that slips past the rewrite gets through.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::model::TocEntry;

/// Largest Markdown source accepted, in bytes.
pub const MAX_MARKDOWN_BYTES: usize = 100_000;
/// Largest HTML a source may expand to, in bytes.
pub const MAX_HTML_BYTES: usize = 1_000_000;
/// Ids the page around an article already uses; headings never get these.
pub const RESERVED_IDS: &[&str] = &[
    "main", "toc", "article", "related", "helpful", "search", "results", "reply", "timeline",
    "preview", "body", "title", "slug", "summary", "tags", "category", "order",
];

/// Deepest nesting of block quotes, lists and inline markup that is emitted as elements;
/// deeper markup is flattened to its content (the HTML parser in ammonia slows down on very
/// deep trees, and nobody reads a quote inside 32 quotes).
const MAX_NESTING: usize = 32;
/// Longest slug [`slugify`] returns, in bytes.
const MAX_SLUG_BYTES: usize = 80;

/// An article rendered for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML, safe to insert into the page as it is.
    pub html: String,
    /// The h2 and h3 headings in order, with their ids.
    pub toc: Vec<TocEntry>,
    /// The plain text (headings, paragraphs, list items, table cells, code), for the search
    /// index: no markup, blocks separated by newlines.
    pub text: String,
}

/// Why a Markdown source was refused. The messages are shown to staff at the body field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The source is longer than [`MAX_MARKDOWN_BYTES`]; `len` and `max` are in bytes.
    #[error(
        "This article is {} bytes long; the limit is {} (a plain letter is 1 byte, an accented \
         letter or a symbol 2 to 4). Split it into two articles.",
        group_digits(*.len),
        group_digits(*.max)
    )]
    TooLong {
        /// The limit, in bytes.
        max: usize,
        /// The source's length, in bytes.
        len: usize,
    },
    /// The HTML would be larger than [`MAX_HTML_BYTES`].
    #[error(
        "This Markdown expands to more than 1 MB of HTML (usually a link or reference repeated \
         many times). Shorten it."
    )]
    TooMuchOutput,
}

/// `123456` as `"123,456"`.
fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Renders an article's Markdown to sanitized HTML, its table of contents and its plain text.
///
/// Refuses a source over [`MAX_MARKDOWN_BYTES`] and one whose HTML would pass
/// [`MAX_HTML_BYTES`]; time and memory stay bounded on any input.
pub fn render(markdown: &str) -> Result<Rendered, RenderError> {
    if markdown.len() > MAX_MARKDOWN_BYTES {
        return Err(RenderError::TooLong {
            max: MAX_MARKDOWN_BYTES,
            len: markdown.len(),
        });
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut rewriter = Rewriter {
        // pulldown-cmark stops resolving reference links once their URLs and titles add up
        // to this many bytes and shows the rest as text: better to refuse, and say why.
        reference_budget: markdown.len().max(100_000),
        used_ids: RESERVED_IDS.iter().map(|id| id.to_string()).collect(),
        ..Rewriter::default()
    };
    for event in Parser::new_ext(markdown, options) {
        rewriter.push(event)?;
    }
    let mut html = String::with_capacity(rewriter.estimate);
    pulldown_cmark::html::push_html(&mut html, rewriter.out.into_iter());
    if html.len() > MAX_HTML_BYTES {
        return Err(RenderError::TooMuchOutput);
    }
    let html = sanitize(&html);
    if html.len() > MAX_HTML_BYTES {
        return Err(RenderError::TooMuchOutput);
    }
    Ok(Rendered {
        html,
        toc: rewriter.toc,
        text: rewriter.text.trim().to_owned(),
    })
}

/// One open element of the Markdown being rewritten.
struct Frame {
    /// Its tags are emitted (else only its content is).
    kept: bool,
    /// It is a list (its items are kept exactly when it is).
    list: bool,
}

/// Rewrites pulldown-cmark's events into safe ones, collecting the TOC and plain text.
#[derive(Default)]
struct Rewriter<'a> {
    out: Vec<Event<'a>>,
    stack: Vec<Frame>,
    /// How many kept elements are open.
    depth: usize,
    /// Running estimate of the HTML's size, in bytes.
    estimate: usize,
    /// Bytes of reference link URLs and titles pulldown-cmark will still copy.
    reference_budget: usize,
    text: String,
    toc: Vec<TocEntry>,
    /// Where the open heading's start event is in `out`, and its text so far.
    heading: Option<(usize, String)>,
    used_ids: HashSet<String>,
    /// The next suffix to try for an id already taken.
    next_suffix: HashMap<String, usize>,
    /// Footnote labels (lowercased) and their numbers, in order of first appearance.
    footnotes: HashMap<String, usize>,
}

impl<'a> Rewriter<'a> {
    fn push(&mut self, event: Event<'a>) -> Result<(), RenderError> {
        let event = match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Text(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => {
                self.add_text(&t);
                self.estimate += escaped_len(&t);
                Some(Event::Text(t))
            }
            Event::Code(t) => {
                self.add_text(&t);
                self.estimate += escaped_len(&t) + 16;
                Some(Event::Code(t))
            }
            Event::SoftBreak | Event::HardBreak => {
                self.add_text(" ");
                self.estimate += 8;
                Some(event)
            }
            Event::Rule => {
                separate(&mut self.text, '\n');
                self.estimate += 8;
                Some(event)
            }
            Event::FootnoteReference(label) => {
                let id = self.footnote_id(&label);
                self.estimate += 2 * id.len() + 80;
                Some(Event::FootnoteReference(id.into()))
            }
            Event::TaskListMarker(_) => {
                self.estimate += 40;
                Some(event)
            }
        };
        self.out.extend(event);
        if self.estimate > MAX_HTML_BYTES || self.reference_budget == 0 {
            return Err(RenderError::TooMuchOutput);
        }
        Ok(())
    }

    fn start(&mut self, mut tag: Tag<'a>) -> Option<Event<'a>> {
        let room = self.depth < MAX_NESTING;
        let list = matches!(tag, Tag::List(_));
        match tag {
            Tag::TableCell => separate(&mut self.text, ' '),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {}
            _ => separate(&mut self.text, '\n'),
        }
        let kept = match &mut tag {
            // Heading attributes are off, so its id is set in `finish_heading` alone.
            Tag::Heading { .. } => {
                self.heading = Some((self.out.len(), String::new()));
                true
            }
            Tag::HtmlBlock => {
                tag = Tag::Paragraph;
                true
            }
            // The info string would only become a class, which the sanitizer drops anyway.
            Tag::CodeBlock(kind) => {
                *kind = CodeBlockKind::Indented;
                true
            }
            Tag::Item => self.stack.last().is_some_and(|f| f.kept && f.list),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                self.url(*link_type, dest_url, title);
                room && (*link_type == LinkType::Email || link_allowed(dest_url))
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            } => {
                self.url(*link_type, dest_url, title);
                image_allowed(dest_url)
            }
            Tag::FootnoteDefinition(label) => {
                *label = self.footnote_id(label).into();
                self.estimate += 80 + label.len();
                room
            }
            Tag::List(_)
            | Tag::BlockQuote(_)
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => room,
            // Paragraphs, tables and the like cannot nest in themselves.
            _ => true,
        };
        self.stack.push(Frame { kept, list });
        if !kept {
            return None;
        }
        self.depth += 1;
        self.estimate += 8;
        Some(Event::Start(tag))
    }

    fn end(&mut self, end: TagEnd) -> Option<Event<'a>> {
        let frame = self.stack.pop()?;
        match end {
            TagEnd::TableCell => separate(&mut self.text, ' '),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => {}
            _ => separate(&mut self.text, '\n'),
        }
        if !frame.kept {
            // Items of a flattened list still need a break between them.
            return (end == TagEnd::Item).then_some(Event::SoftBreak);
        }
        self.depth -= 1;
        self.estimate += 8;
        match end {
            TagEnd::HtmlBlock => Some(Event::End(TagEnd::Paragraph)),
            TagEnd::Heading(level) => {
                self.finish_heading(level);
                Some(Event::End(end))
            }
            end => Some(Event::End(end)),
        }
    }

    /// Gives the open heading its id and, for h2 and h3, a TOC entry.
    fn finish_heading(&mut self, level: HeadingLevel) {
        let Some((index, text)) = self.heading.take() else {
            return;
        };
        let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut id = slugify(&title);
        if id.is_empty() {
            id.push_str("section");
        }
        let id = self.unique_id(id);
        self.estimate += id.len() + 8;
        self.out[index] = Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id.clone())),
            classes: vec![],
            attrs: vec![],
        });
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.toc.push(TocEntry {
                level: level as u8,
                id,
                title,
            });
        }
    }

    /// `base`, with `-2`, `-3`, … appended if it is taken or reserved.
    fn unique_id(&mut self, base: String) -> String {
        if self.used_ids.insert(base.clone()) {
            return base;
        }
        let next = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.used_ids.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// The element id of a footnote: `fn_` and its number. Heading ids are slugs, which never
    /// contain `_`, so the two never collide, and no reserved id starts with `fn_`.
    fn footnote_id(&mut self, label: &str) -> String {
        let count = self.footnotes.len();
        let number = *self
            .footnotes
            .entry(label.to_lowercase())
            .or_insert(count + 1);
        format!("fn_{number}")
    }

    /// Cleans a link's or image's URL, counts it in the estimate and, for a reference link,
    /// against `reference_budget`.
    fn url(&mut self, link_type: LinkType, url: &mut CowStr<'a>, title: &str) {
        if matches!(
            link_type,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
        ) {
            self.reference_budget = self
                .reference_budget
                .saturating_sub(url.len() + title.len());
        }
        *url = clean_url(url).into();
        // Percent-encoding may triple a URL; `rel` and the tags add about 40 bytes.
        self.estimate += 40 + 3 * escaped_len(url) + escaped_len(title);
    }

    fn add_text(&mut self, t: &str) {
        self.text.push_str(t);
        if let Some((_, heading)) = &mut self.heading {
            heading.push_str(t);
        }
    }
}

/// Ends the text so far with `sep` unless it is empty or already ends with whitespace (a
/// newline wins over a space).
fn separate(text: &mut String, sep: char) {
    if text.ends_with(' ') && sep == '\n' {
        text.pop();
    }
    if !text.is_empty() && !text.ends_with(char::is_whitespace) {
        text.push(sep);
    }
}

/// The length of `s` once HTML-escaped.
fn escaped_len(s: &str) -> usize {
    s.len()
        + 5 * s
            .bytes()
            .filter(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
            .count()
}

/// A URL as a browser reads it: tabs and line breaks removed anywhere, control characters
/// and spaces trimmed from both ends.
fn clean_url(url: &str) -> String {
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    url.trim_matches(|c: char| c <= ' ').to_owned()
}

/// Whether a link may point at `url` (already [`clean_url`]ed): http, https, mailto or a
/// relative URL (a path, `?query` or `#fragment`).
fn link_allowed(url: &str) -> bool {
    match url.find([':', '/', '?', '#']) {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Whether an image may load from `url` (already [`clean_url`]ed): https, or a path on this
/// site (`/x.png`, not `//host/x.png` nor `/\host/x.png`).
fn image_allowed(url: &str) -> bool {
    let https = url
        .get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("https://"));
    let local = url.starts_with('/') && !url[1..].starts_with(['/', '\\']);
    https || local
}

/// The tags an article may contain.
const TAGS: &str = "p br hr h1 h2 h3 h4 h5 h6 strong em del code pre blockquote ul ol li a img \
                    table thead tbody tr th td sup div span input";

/// Tags removed with everything inside them.
const CLEAN_CONTENT_TAGS: &str = "script style svg math iframe frame frameset object embed \
    applet form noscript noembed noframes template textarea select button title xmp plaintext \
    audio video canvas";

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let id = HashSet::from(["id"]);
    let mut tag_attributes: HashMap<_, _> = ["h1", "h2", "h3", "h4", "h5", "h6", "div"]
        .into_iter()
        .map(|tag| (tag, id.clone()))
        .collect();
    tag_attributes.extend([
        ("a", HashSet::from(["href", "title"])),
        ("img", HashSet::from(["src", "alt", "title"])),
        ("input", HashSet::from(["type", "checked", "disabled"])),
        ("ol", HashSet::from(["start"])),
    ]);
    let allowed_classes = HashMap::from([
        ("div", HashSet::from(["footnote-definition"])),
        (
            "sup",
            HashSet::from(["footnote-reference", "footnote-definition-label"]),
        ),
    ]);
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(TAGS.split_whitespace().collect())
        .clean_content_tags(CLEAN_CONTENT_TAGS.split_whitespace().collect())
        .generic_attributes(HashSet::new())
        .tag_attributes(tag_attributes)
        .tag_attribute_values(HashMap::new())
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .allowed_classes(allowed_classes)
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .attribute_filter(|element: &str, attribute: &str, value: &str| {
            let keep = match (element, attribute) {
                ("img", "src") => image_allowed(&clean_url(value)),
                ("a", "href") => link_allowed(&clean_url(value)),
                ("div", "id") => value.starts_with("fn_"),
                (_, "id") => !RESERVED_IDS.contains(&value),
                _ => true,
            };
            keep.then_some(Cow::Borrowed(value))
        });
    builder
});

/// Cleans HTML with Waybill's article policy (also applied inside [`render`]): a conservative
/// set of tags; no scripts, styles, frames, forms, SVG or MathML (removed with their content);
/// no event handlers or `style`; `id` only on headings and footnotes; links only to http,
/// https, mailto or relative URLs, all with `rel="noopener noreferrer"`; images only from
/// https or a path on this site; checkboxes only, always disabled.
///
/// Give it bounded HTML, such as [`render`]'s: the HTML parser takes time quadratic in the
/// nesting depth (10,000 nested `<blockquote>`s take seconds), which `render` caps.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Text to put into Markdown as it is: every ASCII punctuation mark backslash-escaped, so
/// that a name like `[me](http://x)` stays those characters.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL-safe id for a heading: lowercase ASCII letters and digits, with every other run of
/// characters turned into one `-`. Latin letters with diacritics are folded (`é`→`e`,
/// `ß`→`ss`, `æ`→`ae`), other non-ASCII letters dropped; at most 80 bytes, cut at a `-` where
/// possible. May be empty.
pub fn slugify(s: &str) -> String {
    let mut slug = String::new();
    let mut dash = false;
    for c in s.chars() {
        let folded = fold(c);
        if c.is_ascii_alphanumeric() || folded.is_some() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            match folded {
                Some(f) => slug.push_str(f),
                None => slug.push(c.to_ascii_lowercase()),
            }
        } else if ('\u{300}'..='\u{36f}').contains(&c) || (!c.is_ascii() && c.is_alphabetic()) {
            // Combining accents and letters we cannot spell in ASCII: dropped.
        } else {
            dash = true;
        }
    }
    if slug.len() > MAX_SLUG_BYTES {
        let cut = slug[..=MAX_SLUG_BYTES].rfind('-').unwrap_or(MAX_SLUG_BYTES);
        slug.truncate(if cut == 0 { MAX_SLUG_BYTES } else { cut });
        slug.truncate(slug.trim_end_matches('-').len());
    }
    slug
}

/// The ASCII spelling of a Latin-1 or Latin Extended-A letter, in lowercase.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ'..='ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'ß' => "ss",
        'Ś'..='š' | 'ſ' => "s",
        'Ţ'..='ŧ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => "y",
        'Ź'..='ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// A start tag of serialized HTML: its name and attributes.
    type Element = (String, Vec<(String, String)>);

    /// The start tags of HTML as ammonia serializes it (attribute values always in double
    /// quotes, `"` escaped inside them), so a `<` inside a value is not taken for a tag.
    fn elements(html: &str) -> Vec<Element> {
        let b = html.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'<' || !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
                continue;
            }
            i += 1;
            let start = i;
            while i < b.len() && !matches!(b[i], b' ' | b'>' | b'/') {
                i += 1;
            }
            let name = html[start..i].to_ascii_lowercase();
            let mut attrs = Vec::new();
            loop {
                while i < b.len() && matches!(b[i], b' ' | b'/' | b'\n') {
                    i += 1;
                }
                if i >= b.len() || b[i] == b'>' {
                    break;
                }
                let start = i;
                while i < b.len() && !matches!(b[i], b'=' | b' ' | b'>') {
                    i += 1;
                }
                let attr = html[start..i].to_ascii_lowercase();
                let mut value = String::new();
                if b.get(i) == Some(&b'=') && b.get(i + 1) == Some(&b'"') {
                    let start = i + 2;
                    let end = start + html[start..].find('"').expect("closing quote");
                    value = html[start..end].to_owned();
                    i = end + 1;
                }
                attrs.push((attr, value));
            }
            out.push((name, attrs));
        }
        out
    }

    fn names(html: &str) -> Vec<String> {
        elements(html).into_iter().map(|(name, _)| name).collect()
    }

    fn attr<'e>(element: &'e Element, name: &str) -> Option<&'e str> {
        element
            .1
            .iter()
            .find(|(a, _)| a == name)
            .map(|(_, v)| v.as_str())
    }

    fn html(markdown: &str) -> String {
        render(markdown).expect("renders").html
    }

    /// No element outside `allowed`, no event handler, no `style`, no unsafe href or src.
    fn assert_safe(html: &str) {
        for (name, attrs) in elements(html) {
            assert!(
                TAGS.split_whitespace().any(|t| t == name),
                "<{name}> in {html}"
            );
            for (a, v) in &attrs {
                assert!(
                    !a.starts_with("on") && a != "style",
                    "attribute {a} in {html}"
                );
                let v = v.to_ascii_lowercase();
                if a == "href" || a == "src" {
                    for bad in ["javascript", "vbscript", "data:"] {
                        assert!(!v.contains(bad), "{a}={v} in {html}");
                    }
                }
            }
        }
    }

    #[test]
    fn script_and_style_are_removed_with_their_content() {
        let out = sanitize("<p>a</p><script>alert(1)</script><style>p{color:red}</style><p>b</p>");
        assert_eq!(out, "<p>a</p><p>b</p>");
        let out =
            sanitize("<SCRIPT SRC=//x.example/x.js>alert(2)</SCRIPT><ScRiPt>alert(3)</sCrIpT>");
        assert_eq!(out, "");
        // `<scr<script>` is one unknown tag; what follows is harmless text.
        assert_eq!(
            sanitize("<scr<script>ipt>alert(4)</script>"),
            "ipt&gt;alert(4)"
        );
    }

    #[test]
    fn event_and_style_attributes_are_removed() {
        let out = sanitize(
            r#"<p onclick="x()" style="color:red" class="big">a</p><img src="/a.png" onerror="x()"><a href="/" onmouseover="x()">l</a>"#,
        );
        assert_safe(&out);
        assert!(!out.contains("x()") && !out.contains("class"), "{out}");
        assert!(out.contains(r#"<img src="/a.png">"#), "{out}");
    }

    #[test]
    fn table_alignment_style_is_dropped() {
        let out = html("| a | b |\n|:-:|--:|\n| c | d |\n");
        assert!(
            out.contains("<th>a</th>") && out.contains("<td>d</td>"),
            "{out}"
        );
        assert!(!out.contains("style"), "{out}");
    }

    const BAD_URLS: &[&str] = &[
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java&#x09;script:alert(1)",
        "java&#x0A;script:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&#x3A;alert(1)",
        "&#0000106&#0000097vascript:alert(1)",
        "%20javascript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
    ];

    #[test]
    fn dangerous_link_schemes_are_removed_by_sanitize() {
        for url in BAD_URLS {
            for quoted in [
                format!("<a href=\"{url}\">x</a>"),
                format!("<a href=' {url}'>x</a>"),
            ] {
                let out = sanitize(&quoted);
                assert!(!out.contains("href"), "{quoted} -> {out}");
                assert_safe(&out);
            }
        }
    }

    #[test]
    fn dangerous_link_schemes_are_removed_by_render() {
        for url in BAD_URLS {
            for markdown in [
                format!("[x]({url})"),
                format!("[x](<{url}>)"),
                format!("[x][r]\n\n[r]: {url}"),
                format!("<{url}>"),
                format!("[x](<{}>)", url.replace(':', "&#58;")),
            ] {
                let out = html(&markdown);
                assert_safe(&out);
                for element in elements(&out) {
                    if let Some(href) = attr(&element, "href") {
                        // Markdown needs the `;`: `&#0000106` is text, so the URL is relative.
                        let href = href.replace("&amp;", "&");
                        assert!(href.starts_with("&#0000106"), "{markdown} -> {out}");
                    }
                }
            }
        }
        // The link's text stays, as text.
        assert_eq!(html("[click](javascript:alert(1))"), "<p>click</p>\n");
        let out = html("[x](<java\tscript:alert(1)>) [y](<\u{1}javascript:alert(1)>)");
        assert!(
            !out.contains("href") && out.contains('x') && out.contains('y'),
            "{out}"
        );
    }

    #[test]
    fn safe_links_are_kept_with_rel() {
        for (markdown, href) in [
            ("[x](https://a.example/p?q=1)", "https://a.example/p?q=1"),
            ("[x](http://a.example/)", "http://a.example/"),
            ("[x](mailto:help@a.example)", "mailto:help@a.example"),
            ("<help@a.example>", "mailto:help@a.example"),
            ("<https://a.example>", "https://a.example"),
            ("[x](/faq/returns)", "/faq/returns"),
            ("[x](returns#window)", "returns#window"),
            ("[x](#section-2)", "#section-2"),
            ("[x](?page=2)", "?page=2"),
        ] {
            let out = html(markdown);
            let links: Vec<_> = elements(&out).into_iter().filter(|e| e.0 == "a").collect();
            assert_eq!(links.len(), 1, "{markdown} -> {out}");
            assert_eq!(attr(&links[0], "href"), Some(href), "{markdown} -> {out}");
            assert_eq!(attr(&links[0], "rel"), Some("noopener noreferrer"), "{out}");
        }
        let out = sanitize(r#"<a href="/x" rel="opener" target="_blank">x</a>"#);
        assert_eq!(out, r#"<a href="/x" rel="noopener noreferrer">x</a>"#);
    }

    #[test]
    fn svg_math_iframe_object_embed_form_are_removed() {
        let out = sanitize(
            "<svg><circle onload=alert(1)/><text>s</text></svg>\
             <math><mi>m</mi><maction actiontype=statusline>x</maction></math>\
             <iframe src=https://a.example>i</iframe><object data=x>o</object><embed src=x>\
             <form action=/x><input name=q><button>b</button></form><p>ok</p>",
        );
        assert_eq!(out, "<p>ok</p>");
    }

    #[test]
    fn images_only_from_https_or_this_site() {
        for (markdown, src) in [
            (
                "![a](https://cdn.example/a.png)",
                "https://cdn.example/a.png",
            ),
            ("![a](/img/a.png)", "/img/a.png"),
        ] {
            let out = html(markdown);
            let imgs: Vec<_> = elements(&out)
                .into_iter()
                .filter(|e| e.0 == "img")
                .collect();
            assert_eq!(imgs.len(), 1, "{out}");
            assert_eq!(attr(&imgs[0], "src"), Some(src));
            assert_eq!(attr(&imgs[0], "alt"), Some("a"));
        }
        let out = html(r#"![the alt](https://cdn.example/a.png "the title")"#);
        assert!(
            out.contains(r#"alt="the alt""#) && out.contains(r#"title="the title""#),
            "{out}"
        );
        for url in [
            "http://a.example/a.png",
            "//a.example/a.png",
            "/\\a.example/a.png",
            "/\t/a.example/a.png",
            "data:image/png;base64,iVBORw0KGgo=",
            "javascript:alert(1)",
            "a.png",
            "ftp://a.example/a.png",
        ] {
            let out = html(&format!("![alt text](<{url}>)"));
            assert!(!names(&out).contains(&"img".to_owned()), "{url} -> {out}");
            assert!(
                out.contains("alt text"),
                "the alt text stays visible: {out}"
            );
            let out = sanitize(&format!("<img src=\"{url}\" alt=\"a\">"));
            assert!(!out.contains("src"), "{url} -> {out}");
        }
    }

    #[test]
    fn markup_in_a_link_title_stays_inside_the_attribute() {
        let out = html(r#"[x](https://a.example "\" onmouseover=\"alert(1)")"#);
        let links: Vec<_> = elements(&out).into_iter().filter(|e| e.0 == "a").collect();
        assert_eq!(links.len(), 1, "{out}");
        let attrs: Vec<_> = links[0].1.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(attrs, ["href", "title", "rel"], "{out}");
        assert_eq!(
            attr(&links[0], "title"),
            Some("&quot; onmouseover=&quot;alert(1)")
        );
    }

    #[test]
    fn markup_in_image_alt_text_stays_inside_the_attribute() {
        let out = html(r#"![<script>alert(1)</script>" onerror="alert(2)](/x.png)"#);
        assert_safe(&out);
        assert_eq!(names(&out), ["p", "img"], "{out}");
        let img = &elements(&out)[1];
        assert_eq!(img.1.len(), 2, "only src and alt: {out}");
        assert!(
            attr(img, "alt").unwrap().contains("&quot; onerror=&quot;"),
            "{out}"
        );
    }

    #[test]
    fn code_spans_and_blocks_show_markup_as_text() {
        assert_eq!(html("`<script>`"), "<p><code>&lt;script&gt;</code></p>\n");
        let out = html("```html\n<script>alert(1)</script>\n```\n");
        assert_eq!(
            out,
            "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn markup_inside_nested_lists_and_blockquotes_is_neutralized() {
        let markdown = "> - a <script>alert(1)</script>\n>   - b [x](javascript:alert(1))\n>     > <img src=x onerror=alert(1)>\n";
        let out = html(markdown);
        assert_safe(&out);
        assert_eq!(
            names(&out),
            ["blockquote", "ul", "li", "ul", "li", "blockquote", "p"],
            "{out}"
        );
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
    }

    #[test]
    fn markup_inside_table_cells_is_neutralized() {
        let out = html(
            "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [y](javascript:alert(1)) |\n",
        );
        assert_safe(&out);
        assert!(
            !names(&out).contains(&"img".to_owned()) && !out.contains("href"),
            "{out}"
        );
        assert!(
            out.contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>"),
            "{out}"
        );
    }

    #[test]
    fn markup_inside_footnotes_is_neutralized() {
        let out = html(
            "Note[^1].\n\n[^1]: <script>alert(1)</script> [z](javascript:alert(1)) ![i](data:x)\n",
        );
        assert_safe(&out);
        let hrefs: Vec<_> = elements(&out)
            .iter()
            .filter_map(|e| attr(e, "href").map(str::to_owned))
            .collect();
        assert_eq!(hrefs, ["#fn_1"], "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn raw_html_in_markdown_shows_as_text() {
        let out = html("<div onclick=\"x()\">Hi</div>\n\nand <b>bold</b> <!-- c --> inline\n");
        assert_eq!(names(&out), ["p", "p"], "{out}");
        assert!(
            out.contains("&lt;div onclick=\"x()\"&gt;Hi&lt;/div&gt;"),
            "{out}"
        );
        assert!(
            out.contains("and &lt;b&gt;bold&lt;/b&gt; &lt;!-- c --&gt; inline"),
            "{out}"
        );
        let text = render("<b>bold</b>").unwrap().text;
        assert_eq!(
            text, "<b>bold</b>",
            "what the reader sees is what is indexed"
        );
    }

    #[test]
    fn task_list_checkboxes_are_disabled() {
        let out = html("- [x] done\n- [ ] todo\n");
        let inputs: Vec<_> = elements(&out)
            .into_iter()
            .filter(|e| e.0 == "input")
            .collect();
        assert_eq!(inputs.len(), 2, "{out}");
        for input in &inputs {
            assert_eq!(attr(input, "type"), Some("checkbox"));
            assert!(attr(input, "disabled").is_some(), "{out}");
        }
        assert!(attr(&inputs[0], "checked").is_some() && attr(&inputs[1], "checked").is_none());
        let out = sanitize(r#"<input type="text" name="q" value="v" onfocus="x()" autofocus>"#);
        let input = &elements(&out)[0];
        assert_eq!(attr(input, "type"), Some("checkbox"), "{out}");
        assert!(
            attr(input, "disabled").is_some() && input.1.len() == 2,
            "{out}"
        );
    }

    #[test]
    fn heading_ids_are_unique_and_never_reserved() {
        let markdown = "# Main\n\n## Intro\n\n## Intro\n\n### Intro 2\n\n## !!!\n\n\
                        ## Résumé: how to ‘track’ it?\n\n#### Summary\n\n## Toc\n";
        let r = render(markdown).unwrap();
        let ids: Vec<_> = elements(&r.html)
            .iter()
            .filter_map(|e| attr(e, "id").map(str::to_owned))
            .collect();
        assert_eq!(
            ids,
            [
                "main-2",
                "intro",
                "intro-2",
                "intro-2-2",
                "section",
                "resume-how-to-track-it",
                "summary-2",
                "toc-2"
            ]
        );
        assert!(
            r.html.starts_with("<h1 id=\"main-2\">Main</h1>"),
            "{}",
            r.html
        );
        let toc: Vec<_> = r
            .toc
            .iter()
            .map(|e| (e.level, e.id.as_str(), e.title.as_str()))
            .collect();
        assert_eq!(
            toc,
            [
                (2, "intro", "Intro"),
                (2, "intro-2", "Intro"),
                (3, "intro-2-2", "Intro 2"),
                (2, "section", "!!!"),
                (2, "resume-how-to-track-it", "Résumé: how to ‘track’ it?"),
                (2, "toc-2", "Toc"),
            ]
        );
        // Every reserved id is avoided, and sanitize drops one on a heading too.
        for id in RESERVED_IDS {
            let r = render(&format!("## {id}")).unwrap();
            assert_eq!(r.toc[0].id, format!("{id}-2"));
        }
        assert_eq!(
            sanitize(r#"<h2 id="main">x</h2><div id="toc">y</div>"#),
            "<h2>x</h2><div>y</div>"
        );
    }

    #[test]
    fn heading_text_ignores_markup() {
        let r = render("## Use `cargo` *now* with [links](/x)\n").unwrap();
        assert_eq!(r.toc[0].id, "use-cargo-now-with-links");
        assert_eq!(r.toc[0].title, "Use cargo now with links");
    }

    #[test]
    fn text_is_plain() {
        let markdown = "# Title\n\nHello **world** and [a link](https://a.example/x).\n\n\
                        - one\n- two\n  - [x] nested\n\n| h1 | h2 |\n|----|----|\n| c1 | c2 |\n\n\
                        ```\nfn main() {}\n```\n\n> quoted `code`\n\nNote[^n]\n\n[^n]: The footnote.\n";
        let text = render(markdown).unwrap().text;
        assert!(!text.contains(['<', '>', '*', '|', '`', '[']), "{text}");
        assert!(!text.contains("https://"), "{text}");
        assert_eq!(
            text,
            "Title\nHello world and a link.\none\ntwo\nnested\nh1 h2\nc1 c2\nfn main() {}\nquoted code\nNote\nThe footnote."
        );
    }

    #[test]
    fn tables_footnotes_strikethrough_render() {
        let out = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^x]\n\n[^x]: Why.\n");
        for needle in [
            "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>",
            "<tr><td>1</td><td>2</td></tr>",
            "<del>old</del>",
            r##"<sup class="footnote-reference"><a href="#fn_1" rel="noopener noreferrer">1</a></sup>"##,
            r#"<div class="footnote-definition" id="fn_1"><sup class="footnote-definition-label">1</sup>"#,
        ] {
            assert!(out.contains(needle), "{needle} not in {out}");
        }
    }

    #[test]
    fn footnote_ids_stay_in_their_own_namespace() {
        let out = html("a[^main] b[^Other]\n\n[^other]: o\n\n[^main]: m\n");
        let ids: Vec<_> = elements(&out)
            .iter()
            .filter_map(|e| attr(e, "id").map(str::to_owned))
            .collect();
        assert_eq!(ids, ["fn_2", "fn_1"], "{out}");
        assert!(
            out.contains(r##"href="#fn_1""##) && out.contains(r##"href="#fn_2""##),
            "{out}"
        );
    }

    #[test]
    fn too_long_is_refused_with_a_plain_message() {
        assert!(render(&"a".repeat(MAX_MARKDOWN_BYTES)).is_ok());
        let err = render(&"a".repeat(123_456)).unwrap_err();
        assert_eq!(
            err,
            RenderError::TooLong {
                max: MAX_MARKDOWN_BYTES,
                len: 123_456
            }
        );
        assert_eq!(
            err.to_string(),
            "This article is 123,456 bytes long; the limit is 100,000 (a plain letter is 1 byte, \
             an accented letter or a symbol 2 to 4). Split it into two articles."
        );
        let err = render(&"é".repeat(50_001)).unwrap_err();
        assert_eq!(
            err,
            RenderError::TooLong {
                max: MAX_MARKDOWN_BYTES,
                len: 100_002
            }
        );
        assert_eq!(
            RenderError::TooMuchOutput.to_string(),
            "This Markdown expands to more than 1 MB of HTML (usually a link or reference \
             repeated many times). Shorten it."
        );
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1,000");
        assert_eq!(group_digits(1_234_567), "1,234,567");
    }

    /// Renders within the time budget; what it renders fits the size limit.
    fn bounded(markdown: &str) -> Result<Rendered, RenderError> {
        let start = Instant::now();
        let result = render(markdown);
        let took = start.elapsed();
        assert!(took < Duration::from_secs(5), "took {took:?}");
        if let Ok(r) = &result {
            assert!(r.html.len() <= MAX_HTML_BYTES);
            assert_safe(&r.html);
        }
        result
    }

    fn max_depth(html: &str) -> usize {
        let (mut depth, mut max) = (0usize, 0);
        for (i, _) in html.match_indices('<') {
            match html.as_bytes().get(i + 1) {
                Some(b'/') => depth = depth.saturating_sub(1),
                Some(c)
                    if c.is_ascii_alphabetic()
                        && !html[i..].starts_with("<br")
                        && !html[i..].starts_with("<input")
                        && !html[i..].starts_with("<img")
                        && !html[i..].starts_with("<hr") =>
                {
                    depth += 1;
                    max = max.max(depth);
                }
                _ => {}
            }
        }
        max
    }

    #[test]
    fn deep_blockquotes_and_lists_finish_quickly_and_are_flattened() {
        for markdown in [
            format!("{} deep", ">".repeat(10_000)),
            format!("{}deep", "- ".repeat(10_000)),
            format!("{}deep", "1. ".repeat(10_000)),
            format!("{}deep", "> - ".repeat(10_000)),
            format!("{}deep\n", "> ".repeat(10_000)).repeat(4),
        ] {
            let r = bounded(&markdown).expect("renders");
            assert!(r.html.contains("deep"), "{}", &r.html[..200]);
            assert!(
                max_depth(&r.html) <= MAX_NESTING + 4,
                "depth {}",
                max_depth(&r.html)
            );
        }
    }

    #[test]
    fn many_brackets_and_emphasis_finish_quickly() {
        for markdown in [
            "[".repeat(50_000),
            "![".repeat(25_000),
            "[a".repeat(50_000),
            "]".repeat(50_000),
            "[a](".repeat(25_000),
            "*".repeat(50_000),
            "_".repeat(50_000),
            "*a".repeat(50_000),
            "_a ".repeat(33_000),
            "**a".repeat(33_000),
            format!("{}a{}", "*".repeat(25_000), "*".repeat(25_000)),
            format!("{}a{}", "_".repeat(25_000), "_".repeat(25_000)),
            format!("{}a{}", "~~*".repeat(16_000), "*~~".repeat(16_000)),
            "`".repeat(50_000),
            "<".repeat(50_000),
            "# a\n".repeat(25_000),
            "[^a]".repeat(25_000),
            "- [ ]\n".repeat(16_000),
            "<http://a>".repeat(10_000),
        ] {
            let r = bounded(&markdown).expect("renders");
            assert!(
                max_depth(&r.html) <= MAX_NESTING + 4,
                "depth {}",
                max_depth(&r.html)
            );
        }
        assert!(matches!(
            bounded(&"[a](".repeat(30_000)),
            Err(RenderError::TooLong { .. })
        ));
    }

    #[test]
    fn huge_expansions_are_refused() {
        let too_much = |markdown: &str| {
            let result = bounded(markdown);
            assert!(
                matches!(result, Err(RenderError::TooMuchOutput)),
                "{:?}",
                result.map(|r| r.html.len())
            );
        };
        let definition = format!("[r]: https://a.example/{}\n\n", "x".repeat(5_000));
        too_much(&format!("{definition}{}", "[r] ".repeat(20_000)));
        too_much(&format!("{definition}{}", "![r] ".repeat(16_000)));
        too_much(&format!("{definition}{}", "[x][r] ".repeat(13_000)));
        too_much(&format!(
            "[r]: /x \"{}\"\n\n{}",
            "&".repeat(5_000),
            "[r]".repeat(20_000)
        ));
        // A table's short rows are padded to the header's width.
        let table = format!(
            "{}\n{}\n{}",
            "|a".repeat(20_000),
            "|-".repeat(20_000),
            "a\n".repeat(9_000)
        );
        too_much(&table);
        // Each footnote reference and definition is markup around a few bytes of source.
        too_much(&format!("[^a]: b\n\n{}", "[^a]".repeat(24_000)));
        too_much(&"[^a]: b\n".repeat(12_000));
        // A definition used a few times is fine.
        let r = bounded(&format!("{definition}{}", "[r] ".repeat(10))).unwrap();
        assert_eq!(r.html.matches("<a ").count(), 10);
    }

    #[test]
    fn slugify_examples() {
        for (input, slug) in [
            ("Résumé: how to ‘track’ it?", "resume-how-to-track-it"),
            ("Straße", "strasse"),
            ("Ærø Ålesund", "aero-alesund"),
            ("Łódź Kraków", "lodz-krakow"),
            ("ÜBER Ünïcödé", "uber-unicode"),
            ("Œuvre Ĳssel þorn ſ", "oeuvre-ijssel-thorn-s"),
            ("Ça, Ğ, Ħ, Ŧ, Ž", "ca-g-h-t-z"),
            ("  --Hello,   World!--  ", "hello-world"),
            ("C++ & Rust", "c-rust"),
            ("100% sure", "100-sure"),
            ("under_score", "under-score"),
            ("日本語 guide", "guide"),
            ("Привет мир", ""),
            ("e\u{301}te\u{301}", "ete"),
            ("a × b ÷ c", "a-b-c"),
            ("", ""),
            ("!!!", ""),
        ] {
            assert_eq!(slugify(input), slug, "{input}");
        }
        let long = slugify(&"word ".repeat(30));
        assert_eq!(long, ["word"; 16].join("-"));
        assert!(long.len() <= 80);
        assert_eq!(slugify(&"x".repeat(100)), "x".repeat(80));
        assert_eq!(slugify(&format!("{} b", "x".repeat(80))), "x".repeat(80));
        assert_eq!(
            slugify(&format!("{}-bbbbbbbbbbbbbbbbbbb", "x".repeat(70))),
            "x".repeat(70)
        );
    }
}
