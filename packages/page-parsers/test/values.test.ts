import { describe, expect, it } from "vitest";
import { parseCount, parsePercent, parseUserScore, parseYear } from "../src/index.ts";

describe("parsePercent", () => {
  it.each([
    ["97", 97],
    ["97%", 97],
    [" 0 % ", 0],
    ["100", 100],
    [61, 61],
    ["- -", null],
    ["--", null],
    ["tbd", null],
    ["", null],
    ["101", 101],
    ["1000", null],
    [1000, null],
    [61.5, null],
    ["97% want to see", null],
    [null, null],
  ] as const)("%j -> %j", (text, expected) => {
    expect(parsePercent(text)).toBe(expected);
  });
});

describe("parseUserScore", () => {
  it.each([
    ["9.7", 9.7],
    ["8", 8],
    ["0.4", 0.4],
    [8.64, 8.6],
    ["tbd", null],
    ["10.5", null],
    ["", null],
  ] as const)("%j -> %j", (text, expected) => {
    expect(parseUserScore(text)).toBe(expected);
  });
});

describe("parseCount", () => {
  it.each([
    ["1,234", { value: 1234, lowerBound: false }],
    ["54 Reviews", { value: 54, lowerBound: false }],
    ["250,000+ Ratings", { value: 250000, lowerBound: true }],
    ["2,500+ Verified Ratings", { value: 2500, lowerBound: true }],
    [990990, { value: 990990, lowerBound: false }],
    ["Fewer than 50 Ratings", null],
    ["Ratings", null],
    [-1, null],
    [null, null],
  ] as const)("%j -> %j", (text, expected) => {
    expect(parseCount(text)).toEqual(expected);
  });
});

describe("parseYear", () => {
  it.each([
    ["2015-02-07", 2015],
    ["August 14, 2020", 2020],
    [" (2010 - 2017)", 2010],
    ["2007, Channel 4, 9 episodes", 2007],
    ["TODO_MISSING", null],
    ["", null],
    ["120195", null],
  ] as const)("%j -> %j", (text, expected) => {
    expect(parseYear(text)).toBe(expected);
  });
});
