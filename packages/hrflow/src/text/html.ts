import { createRequire } from "node:module";
import type { HtmlToTextOptions } from "html-to-text";

/*
 * Every connector turns vendor HTML into the plain text HrFlow indexes and parses. The four
 * hand-written versions this replaces each decoded a different handful of entities and either glued
 * words across blocks or split them at inline tags. `html-to-text` (on htmlparser2, the parser of
 * cheerio) decodes every HTML5 named and numeric entity, knows which elements are blocks and which
 * are inline, and renders lists and tables; it is maintained, typed (@types/html-to-text) and has
 * no native code.
 */
const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  // A no-break space is a space for HrFlow's parser; without this it survives as U+00A0.
  whitespaceCharacters: " \t\r\n\f\u200b\u00a0",
  selectors: [
    // Link targets and images are not text: the label stays, the URL goes.
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    // Headings keep their case (the default upper-cases them).
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    { selector: "ul", options: { itemPrefix: "- " } },
  ],
};

// Loaded and compiled on the first HTML to convert, not at import: html-to-text and its parser
// (about 30 modules) stay out of a process whose actions never convert HTML (profiles, pushes).
// `require` keeps `htmlToText` synchronous, as the formats that call it are. Compiled once:
// `convert` would rebuild the selector tree on every call (thousands per run).
let render: ((html: string) => string) | null = null;
const renderer = () => {
  render ??= (createRequire(import.meta.url)("html-to-text") as typeof import("html-to-text")).compile(
    OPTIONS,
  );
  return render;
};

/**
 * Plain text of an HTML fragment, one line per block: tags removed, every named and numeric entity
 * decoded, block elements (`p`, `div`, `li`, `br`, headings, table rows) on their own lines, inline
 * elements (`b`, `i`, `sup`, `span`, `a`...) joined to the words around them, list items prefixed
 * with `- ` or `1. ` and indented by nesting depth (a fragment that starts with bare `<li>` items is
 * read as a bulleted list). Runs of spaces collapse, blank lines are
 * dropped, and the result is trimmed. Text without tags comes back with its entities decoded.
 *
 * Edge cases: `null`/`undefined` give `""`; a malformed tag is read as the browser would; a legacy
 * entity without its semicolon (`&amp`, `&eacute`) is decoded as browsers do.
 */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return "";
  // Lever sends a list's items without their list (`<li>a</li><li>b</li>`); as a list they get a line each.
  const fragment = /^\s*<li[\s>]/i.test(html) ? `<ul>${html}</ul>` : html;
  return renderer()(fragment)
    .split("\n")
    .map((line) =>
      line
        .replace(/[ \t]+$/, "")
        // An ordered list item starts with one space (` 1. `) for alignment: drop it at top level.
        .replace(/^ (?=\S)/, ""),
    )
    .filter((line) => line.trim() !== "")
    .join("\n")
    .trim();
}

/** `htmlToText`, or null when the HTML is absent or has no text at all. */
export function htmlToTextOrNull(html: string | null | undefined): string | null {
  const text = htmlToText(html);
  return text === "" ? null : text;
}
