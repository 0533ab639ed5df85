/**
 * The purchase days each F score stands for, from four ascending cut points (F 5 from the last, F 1
 * below the first): [2, 3, 4, 6] gives "1", "2", "3", "4–5", "6+". Null (F by quintiles): "1" … "5".
 */
export function frequencyBinLabels(cuts: readonly number[] | null): string[] {
  if (cuts === null || cuts.length !== 4) return ['1', '2', '3', '4', '5'];
  const range = (from: number, to: number) => (to <= from ? String(from) : `${from}–${to}`);
  // Purchase days are whole: a cut of 2.5 starts at 3.
  const starts = [1, ...cuts.map((c) => Math.max(1, Math.ceil(c)))];
  return starts.map((start, i) => (i === 4 ? `${start}+` : range(start, starts[i + 1] - 1)));
}
