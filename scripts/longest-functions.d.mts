/** One function of the tree: its line count (nested functions included), name and `file:line`. */
export interface FunctionLength {
  lines: number;
  name: string;
  at: string;
}
/** Every function with a body under `dir` (relative to the repository), longest first. */
export declare function longestFunctions(dir?: string): FunctionLength[];
