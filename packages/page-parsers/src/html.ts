import type { CheerioAPI } from "cheerio/slim";
import { z } from "zod";

/** Text of the first match with whitespace collapsed; null when absent or blank. */
export function textOf($: CheerioAPI, selector: string): string | null {
  const text = $(selector).first().text().replace(/\s+/g, " ").trim();
  return text === "" ? null : text;
}

export function attrOf($: CheerioAPI, selector: string, name: string): string | null {
  const value = $(selector).first().attr(name)?.trim();
  return value ? value : null;
}

export function metaProperty($: CheerioAPI, property: string): string | null {
  return attrOf($, `meta[property="${property}"]`, "content");
}

/** Strips the " - Rotten Tomatoes" / " Reviews - Metacritic" style suffix of a <title> or og:title. */
export function stripSiteSuffix(title: string | null): string | null {
  if (title === null) return null;
  const stripped = title
    .replace(/\s*[-|]\s*(Rotten Tomatoes|Metacritic)\s*$/i, "")
    .replace(/\s+Reviews$/i, "")
    .trim();
  return stripped === "" ? null : stripped;
}

/** Absolute canonical URL from <link rel=canonical>, then og:url, resolved against the site origin. */
export function canonicalUrlOf($: CheerioAPI, origin: string): string | null {
  const href = attrOf($, 'link[rel="canonical"]', "href") ?? metaProperty($, "og:url");
  if (href === null) return null;
  try {
    return new URL(href, origin).toString();
  } catch {
    return null;
  }
}

const numeric = z.union([z.number(), z.string()]).nullish().catch(undefined);
const optionalString = z.string().nullish().catch(undefined);

const aggregateRatingSchema = z.object({
  name: optionalString,
  ratingValue: numeric,
  ratingCount: numeric,
  reviewCount: numeric,
});

/** The parts of a schema.org creative work (TVSeries, Movie, VideoGame…) that we read. */
const jsonLdWorkSchema = z.object({
  "@type": z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined),
  name: optionalString,
  url: optionalString,
  startDate: optionalString,
  datePublished: optionalString,
  dateCreated: optionalString,
  aggregateRating: aggregateRatingSchema.nullish().catch(undefined),
});

export type JsonLdWork = z.infer<typeof jsonLdWorkSchema> & { types: string[] };

/** Every JSON-LD object on the page (arrays and @graph flattened); unparseable blocks are skipped. */
function jsonLdObjects($: CheerioAPI): unknown[] {
  const objects: unknown[] = [];
  $('script[type="application/ld+json"]').each((_, element) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse($(element).text());
    } catch {
      return;
    }
    const queue = [parsed];
    while (queue.length > 0) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item !== null && typeof item === "object") {
        objects.push(item);
        if ("@graph" in item) queue.push(item["@graph"]);
      }
    }
  });
  return objects;
}

export function jsonLdWorks($: CheerioAPI): JsonLdWork[] {
  const works: JsonLdWork[] = [];
  for (const object of jsonLdObjects($)) {
    const result = jsonLdWorkSchema.safeParse(object);
    if (!result.success) continue;
    const type = result.data["@type"];
    works.push({ ...result.data, types: type === undefined ? [] : [type].flat() });
  }
  return works;
}

export function jsonLdTypes($: CheerioAPI): string[] {
  return jsonLdWorks($).flatMap((work) => work.types);
}

/** The first JSON-LD object of one of the given @types. */
export function findJsonLd($: CheerioAPI, types: readonly string[]): JsonLdWork | null {
  return jsonLdWorks($).find((work) => work.types.some((type) => types.includes(type))) ?? null;
}

/** Parses the JSON inside `<script id=…>`; null when absent or not valid for the schema. */
export function embeddedJson<T>($: CheerioAPI, selector: string, schema: z.ZodType<T>): T | null {
  const raw = $(selector).first().text();
  if (raw.trim() === "") return null;
  try {
    const result = schema.safeParse(JSON.parse(raw));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
