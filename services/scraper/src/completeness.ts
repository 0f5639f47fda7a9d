/**
 * Statuses whose body is meant to be the page itself. 202 is left out: challenge
 * interstitials answer it, and their body is judged as a block (detectBlock).
 */
export const servesPage = (status: number): boolean => status >= 200 && status < 300 && status !== 202;

const CLOSING_HTML = /<\/html\s*>/i;

/**
 * Why a body served as the page cannot be the whole page, or null when it can be.
 *
 * Sites and the caches in front of them now and then answer 200 with nothing, or with
 * the start of a page (a connection cut mid-body, a half-written cache entry); the same
 * URL answers in full a moment later. That is a transient upstream failure, not a layout
 * we don't know. HTML lets a document leave out `</html>`, but the sites' pages, script
 * shells and bot walls all close it: a body without it was cut short.
 */
export function incompletePage(html: string): string | null {
  if (html.trim() === "") return "empty body";
  if (!CLOSING_HTML.test(html)) return `cut short: no </html> in ${Buffer.byteLength(html, "utf8")} bytes`;
  return null;
}
