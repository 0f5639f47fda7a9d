-- Search: accent- and case-insensitive, typo-tolerant title search (pg_trgm over unaccented text).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); naming the dictionary makes this wrapper safe to declare IMMUTABLE, which an index expression needs.
CREATE OR REPLACE FUNCTION immutable_unaccent(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN public.unaccent('public.unaccent'::regdictionary, value);--> statement-breakpoint
-- The text a title search matches: title and original title, unaccented and lower-cased. Queries normalize the search the same way.
CREATE OR REPLACE FUNCTION series_search_text(title text, original_title text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(immutable_unaccent(title || coalesce(' ' || original_title, '')));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "series_search_trgm_idx" ON "series" USING gin (series_search_text("title", "original_title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "series_release_year_idx" ON "series" USING btree ("release_year");
