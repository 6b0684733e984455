import { describe, expect, it } from "vitest";
import { LivenessRounds } from "./liveness-rounds";

/** The items each of `ticks` consecutive slices hands out. */
const slicesOf = (rounds: LivenessRounds<number>, ticks: number): number[][] => Array.from({ length: ticks }, () => rounds.next());

describe("liveness rounds (SS8)", () => {
  it("checks every room once per interval, a tenth of them per slice", () => {
    const rounds = new LivenessRounds<number>(10);
    for (let room = 0; room < 1000; room++) rounds.add(room);
    const interval = slicesOf(rounds, 10);
    expect(interval.map((slice) => slice.length)).toEqual(Array(10).fill(100));
    expect(interval.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    // The next interval checks each room at the same phase again: a socket always has a whole interval to answer.
    expect(slicesOf(rounds, 10)).toEqual(interval);
  });

  it("forgets a dropped room, and a new room joins the smallest slice", () => {
    const rounds = new LivenessRounds<number>(4);
    for (let room = 0; room < 8; room++) rounds.add(room);
    for (const room of [0, 4]) rounds.remove(room); // both were in the first slice
    rounds.add(8);
    rounds.add(8); // added twice: still checked once
    const interval = slicesOf(rounds, 4);
    expect(interval.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 6, 7, 8]);
    expect(interval.find((slice) => slice.includes(8))).toHaveLength(1);
  });

  it("refuses a slice count that is not a positive integer", () => {
    expect(() => new LivenessRounds(0)).toThrow(/positive integer/);
  });
});
