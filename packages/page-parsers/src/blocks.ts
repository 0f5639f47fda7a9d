import { type CheerioAPI, load } from "cheerio/slim";

/**
 * Parsing a whole page costs more than reading its scores: a saved series page is 130 KB to
 * 1 MB, and the parsers read a few small blocks of it. So a page is cut down first to the
 * elements the parsers' selectors can match, found by string search, and only those are
 * parsed (with htmlparser2). Each selector gives one literal that any element it matches
 * must carry in its opening tag (its id, an attribute value, a class or the tag name, from
 * the selector's first compound, so an ancestor in a descendant selector is cut out whole).
 * Every element whose opening tag holds one of the literals is kept with all it contains;
 * markup inside scripts, styles and comments never counts, as in a real parse.
 */
export interface BlockPlan {
  readonly literals: RegExp;
}

export function planBlocks(selectors: readonly string[]): BlockPlan {
  const literals = [
    ...new Set(selectors.flatMap((list) => list.split(",")).map((selector) => literalOf(selector))),
  ];
  // Case-sensitive (a case-insensitive scan costs several times more): ids, classes and attribute
  // values are case-sensitive in HTML; tag names are not, so theirs are spelt out in both cases.
  const patterns = literals.map((literal) =>
    literal.startsWith("<")
      ? `<${[...literal.slice(1)].map((char) => (/[a-z]/i.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : escapeRegExp(char))).join("")}`
      : escapeRegExp(literal),
  );
  return { literals: new RegExp(patterns.join("|"), "g") };
}

/** The blocks of `html` that the plan's selectors can match, as one document. */
export function loadBlocks(html: string, plan: BlockPlan): CheerioAPI {
  return load(findBlocks(html, plan).join("\n"));
}

/** Nothing on the page can match the plan's selectors (no element carries a literal). */
export function hasNoBlocks(html: string, plan: BlockPlan): boolean {
  return findBlocks(html, plan).length === 0;
}

function literalOf(selector: string): string {
  const compound = selector.trim().split(/\s+/)[0] ?? "";
  const literal =
    /#([\w-]+)/.exec(compound)?.[1] ??
    /\[[\w-]+[*^$~|]?=\s*["']?([^"'\]]+)["']?\s*\]/.exec(compound)?.[1] ??
    /\.([\w-]+)/.exec(compound)?.[1] ??
    (/^[a-z][\w-]*/i.exec(compound)?.[0] === undefined
      ? undefined
      : `<${compound.match(/^[a-z][\w-]*/i)?.[0]}`);
  if (literal === undefined) throw new Error(`no literal to look for in selector "${selector}"`);
  return literal;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const RAW_TEXT_ELEMENTS = new Set(["script", "style", "textarea", "title"]);

/** Sorted [start, end) ranges where markup is text: script and style contents, comments. */
function rawTextRanges(html: string): number[] {
  const ranges: number[] = [];
  const opener = /<script\b[^>]*>|<style\b[^>]*>|<!--/gi;
  for (let match = opener.exec(html); match !== null; match = opener.exec(html)) {
    const token = match[0].toLowerCase();
    const closer = token === "<!--" ? "-->" : token.startsWith("<script") ? "</script" : "</style";
    const start = opener.lastIndex;
    const end = indexOfIgnoringCase(html, closer, start);
    ranges.push(start, end < 0 ? html.length : end);
    opener.lastIndex = end < 0 ? html.length : end;
  }
  return ranges;
}

/** End of the raw-text range holding `position`, or -1 when it is markup. */
function rawTextEnd(ranges: readonly number[], position: number): number {
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = ranges[2 * middle] as number;
    const end = ranges[2 * middle + 1] as number;
    if (position < start) high = middle - 1;
    else if (position >= end) low = middle + 1;
    else return end;
  }
  return -1;
}

function indexOfIgnoringCase(html: string, text: string, from: number): number {
  const exact = html.indexOf(text, from);
  if (exact >= 0) return exact;
  const pattern = new RegExp(escapeRegExp(text), "gi");
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? -1;
}

/** The outer HTML of every element whose opening tag carries a literal, outermost only, in page order. */
export function findBlocks(html: string, plan: BlockPlan): string[] {
  const literals = new RegExp(plan.literals.source, plan.literals.flags);
  const ranges = rawTextRanges(html);
  const blocks: string[] = [];
  for (let hit = literals.exec(html); hit !== null; hit = literals.exec(html)) {
    const inRawText = rawTextEnd(ranges, hit.index);
    if (inRawText >= 0) {
      literals.lastIndex = inRawText;
      continue;
    }
    const tagStart = html[hit.index] === "<" ? hit.index : html.lastIndexOf("<", hit.index);
    // Not inside an opening tag: the literal is text (or in a closing tag).
    if (
      tagStart < 0 ||
      html.lastIndexOf(">", hit.index - 1) > tagStart ||
      !/[a-z]/i.test(html[tagStart + 1] ?? "")
    )
      continue;
    const end = elementEnd(html, tagStart, ranges);
    blocks.push(html.slice(tagStart, end));
    literals.lastIndex = Math.max(literals.lastIndex, end);
  }
  return blocks;
}

/** Where the element opening at `tagStart` ends: its matching close tag, or the page's end. */
function elementEnd(html: string, tagStart: number, ranges: readonly number[]): number {
  const name = /^<([a-z][^\s/>]*)/i.exec(html.slice(tagStart, tagStart + 64))?.[1]?.toLowerCase() ?? "";
  const openEnd = html.indexOf(">", tagStart);
  if (openEnd < 0) return html.length;
  if (VOID_ELEMENTS.has(name) || html[openEnd - 1] === "/") return openEnd + 1;
  if (RAW_TEXT_ELEMENTS.has(name)) {
    const close = indexOfIgnoringCase(html, `</${name}`, openEnd);
    return close < 0 ? html.length : html.indexOf(">", close) + 1 || html.length;
  }
  const tags = new RegExp(`<(/?)${escapeRegExp(name)}(?=[\\s/>])`, "gi");
  tags.lastIndex = openEnd + 1;
  let depth = 1;
  for (let tag = tags.exec(html); tag !== null; tag = tags.exec(html)) {
    const inRawText = rawTextEnd(ranges, tag.index);
    if (inRawText >= 0) {
      tags.lastIndex = inRawText;
      continue;
    }
    depth += tag[1] === "/" ? -1 : 1;
    if (depth === 0) return html.indexOf(">", tag.index) + 1 || html.length;
  }
  return html.length;
}
