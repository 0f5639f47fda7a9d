import { describe, expect, it } from "vitest";
import { confirmMatch, normalizeTitle } from "../src/index.ts";

const shamelessUk = { title: "Shameless", originalTitle: null, firstAirYear: 2004 };
const shamelessUs = { title: "Shameless", originalTitle: null, firstAirYear: 2011 };

describe("confirmMatch", () => {
  it("accepts the same title within a year", () => {
    expect(confirmMatch({ title: "Shameless", year: 2011 }, shamelessUs)).toEqual({ ok: true });
    expect(confirmMatch({ title: "Shameless", year: 2005 }, shamelessUk)).toEqual({ ok: true });
    expect(confirmMatch({ title: "Shameless", year: 2003 }, shamelessUk)).toEqual({ ok: true });
  });

  it("rejects a same-title decoy from another year", () => {
    expect(confirmMatch({ title: "Shameless", year: 2011 }, shamelessUk)).toEqual({
      ok: false,
      reason: "year mismatch: page 2011 vs series 2004",
    });
    expect(confirmMatch({ title: "Shameless", year: 2004 }, shamelessUs).ok).toBe(false);
    expect(
      confirmMatch(
        { title: "The Office", year: 2001 },
        { title: "The Office", originalTitle: null, firstAirYear: 2005 },
      ).ok,
    ).toBe(false);
  });

  it("rejects a page without a year or a title, and a series without a year", () => {
    expect(confirmMatch({ title: "Shameless", year: null }, shamelessUs)).toEqual({
      ok: false,
      reason: "page has no year",
    });
    expect(confirmMatch({ title: null, year: 2011 }, shamelessUs)).toEqual({
      ok: false,
      reason: "page has no title",
    });
    expect(confirmMatch({ title: "  ", year: 2011 }, shamelessUs)).toEqual({
      ok: false,
      reason: "page has no title",
    });
    expect(confirmMatch({ title: "Shameless", year: 2011 }, { ...shamelessUs, firstAirYear: null }).ok).toBe(
      false,
    );
  });

  it("rejects a different title", () => {
    const result = confirmMatch({ title: "Shameless Hall of Shame", year: 2011 }, shamelessUs);
    expect(result).toEqual({
      ok: false,
      reason: 'title mismatch: page "Shameless Hall of Shame" vs series "Shameless"',
    });
  });

  it("matches the original title", () => {
    const series = { title: "Money Heist", originalTitle: "La casa de papel", firstAirYear: 2017 };
    expect(confirmMatch({ title: "La Casa De Papel", year: 2017 }, series)).toEqual({ ok: true });
  });

  it("ignores accents, punctuation, '&', a leading article and a trailing qualifier", () => {
    const cases: [string, string][] = [
      ["Elite", "Élite"],
      ["Greys Anatomy", "Grey's Anatomy"],
      ["Grey’s Anatomy", "Grey's Anatomy"],
      ["Law and Order: SVU", "Law & Order: SVU"],
      ["Mr Robot", "Mr. Robot"],
      ["The O.C.", "The OC"],
      ["Flash", "The Flash"],
      ["Skins (UK)", "Skins"],
      ["Vikings (2013)", "Vikings"],
    ];
    for (const [pageTitle, seriesTitle] of cases) {
      expect(
        confirmMatch(
          { title: pageTitle, year: 2010 },
          { title: seriesTitle, originalTitle: null, firstAirYear: 2010 },
        ),
      ).toEqual({ ok: true });
    }
  });
});

describe("normalizeTitle", () => {
  it.each([
    ["Law & Order: Special Victims Unit", "law and order special victims unit"],
    ["The Handmaid's Tale", "handmaids tale"],
    ["Élite", "elite"],
    ["Skins (UK)", "skins"],
    ["A Series of Unfortunate Events", "series of unfortunate events"],
    ["The", "the"],
  ])("%s -> %s", (title, expected) => {
    expect(normalizeTitle(title)).toBe(expected);
  });
});
