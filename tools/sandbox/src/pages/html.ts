import type { PageParts } from "./types.ts";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text or an attribute value. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** JSON safe to place inside a <script> element (no "</script>" or "<!--" can appear). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** "1,234" */
export function thousands(value: number): string {
  return value.toLocaleString("en-US");
}

export function documentOf(parts: PageParts, lang = "en"): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
${parts.data}
<title>${esc(parts.title)}</title>
${parts.meta}
</head>
<body>
${parts.body}
</body>
</html>
`;
}

/** ISO date of the first air day; only the year is known, so 1 January stands in. */
export function startDate(year: number | null): string {
  return year === null ? "" : `${year}-01-01`;
}
