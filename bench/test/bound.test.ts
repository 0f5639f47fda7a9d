import { describe, expect, it } from "vitest";
import { runBound } from "../src/bound.ts";
import { formatTable } from "../src/table.ts";

describe("runBound", () => {
  it("is the largest requests / limit over the families with a limit", () => {
    const bound = runBound(
      { tmdb: 1261, omdb: 1140, rt: 1586, mc: 1544, other: 99_999 },
      { tmdb: 40, omdb: 20, rt: 25, mc: 25 },
    );
    expect(bound.family).toBe("rt");
    expect(bound.seconds).toBeCloseTo(63.44, 2);
    expect(bound.families.map((family) => family.family)).toEqual(["tmdb", "omdb", "rt", "mc"]);
    expect(bound.families.find((family) => family.family === "omdb")?.seconds).toBe(57);
  });

  it("counts a family the upstream never saw as zero requests", () => {
    expect(runBound({}, { rt: 25 })).toMatchObject({ seconds: 0, families: [{ family: "rt", requests: 0 }] });
  });
});

describe("formatTable", () => {
  it("right-aligns numeric columns and pads text ones", () => {
    expect(
      formatTable(
        "T",
        ["name", "n"],
        [
          ["a", 1],
          ["long", 10],
        ],
      ).split("\n"),
    ).toEqual(["T", "", "name   n", "----  --", "a      1", "long  10", ""]);
  });
});
